// Deterministic bench data: `npm run bench:seed -- --scale county|national` (after `npm run build`).
// Creates the database BENCH_DATABASE (default noden_bench) from scratch, runs the migrations and the reference
// seed, then generates the data set with bulk SQL only. Ids are md5-derived and every choice is arithmetic on
// the row number, so two runs give the same rows. Never part of `npm test`.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export const SCALES = {
  county: {
    organizations: 14,
    products: 300,
    systems: 60,
    statements: 2_000,
    needs: 5_000,
    protocols: 100,
    procurements: 20,
    implementations: 1_500,
    articles: 300,
  },
  national: {
    organizations: 295,
    products: 3_000,
    systems: 400,
    statements: 20_000,
    needs: 100_000,
    protocols: 2_000,
    procurements: 300,
    implementations: 30_000,
    articles: 3_000,
  },
};

export const BENCH_PASSWORD = 'bench-password-123';

export function benchUrls() {
  const base = new URL(process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = process.env.BENCH_DATABASE ?? 'noden_bench';
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { admin: base.toString(), url: url.toString(), name };
}

const TOPICS = `ARRAY['Trygghetslarm i ordinärt boende', 'Digital nattillsyn med kamera', 'Läkemedelsautomat i hemtjänsten', 'Nyckelfria digitala lås',
  'GPS-larm för personer med demens', 'Rörelsesensor vid sängen', 'Videosamtal med anhöriga', 'Fallarm med falldetektion', 'Larmmottagning dygnet runt',
  'Epilepsilarm på särskilt boende', 'Påminnelser om mat och vätska', 'Social robot mot ensamhet']`;
const ASPECTS = `ARRAY['upphandling och avrop', 'införande i hemtjänsten', 'informationssäkerhet', 'arbetsmiljö för personalen', 'samtycke och delaktighet',
  'uppföljning efter ett år', 'driftstörningar och larmkedjan', 'utbildning av tekniska coacher', 'kostnader och nyttor', 'anhörigas erfarenheter']`;

/** Each statement is one bulk INSERT … SELECT over generate_series; `id(kind, n)` is md5-derived. */
const id = (kind, n) => uuidOf(`'${kind}' || ${n}`);
/** A valid version-4 UUID from an md5 (inputs validated with IsUUID accept nothing else). */
const uuidOf = (expression) => `overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`;

export async function seedBench(scaleName, { log = console.log } = {}) {
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`unknown scale ${scaleName}: county or national`);
  const { admin, url, name } = benchUrls();
  const started = Date.now();
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminClient.end();
  const env = {
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: 'x'.repeat(40),
  };
  const run = (args) => execFileSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  run(['dist/apps/cli/src/main.js', 'db:create']);
  run(['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/data-source.js']);
  run(['dist/apps/cli/src/main.js', 'seed']);
  log(`schema and reference data: ${Date.now() - started} ms`);

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { PasswordHasher } = await import('../dist/libs/core/src/index.js');
  const hash = await PasswordHasher.hash(BENCH_PASSWORD);
  const step = async (label, sql, params = []) => {
    const t = Date.now();
    const result = await db.query(sql, params);
    log(`  ${label}: ${result.rowCount ?? ''} rows, ${Date.now() - t} ms`);
  };
  await db.query('SET synchronous_commit = off');
  await db.query('BEGIN');

  const seededOrgs = Number((await db.query('SELECT count(*) FROM organizations')).rows[0].count);
  const extraOrgs = Math.max(0, scale.organizations - seededOrgs);
  const extraRegions = Math.min(20, Math.floor(extraOrgs / 14));
  await step(
    'organizations',
    `INSERT INTO organizations (id, kind, code, name, population)
     SELECT ${id('org', 'g')}, CASE WHEN g <= $2 THEN 'REGION' ELSE 'MUNICIPALITY' END,
            CASE WHEN g <= $2 THEN 'R' || lpad(g::text, 2, '0') ELSE 'K' || lpad(g::text, 4, '0') END,
            CASE WHEN g <= $2 THEN 'Bench region ' || g ELSE 'Bench kommun ' || g END,
            2000 + (g * 7919) % 150000
       FROM generate_series(1, $1) g`,
    [extraOrgs, extraRegions],
  );
  // One coach, one coordinator and one staff member per organisation; 'bench-<kind>-<n>@bench.noden.se'.
  await db.query(
    `CREATE TEMP TABLE bench_orgs AS SELECT id, kind, row_number() OVER (ORDER BY kind, code NULLS FIRST, name) AS n FROM organizations`,
  );
  await db.query(
    `CREATE TEMP TABLE bench_munis AS SELECT id, row_number() OVER (ORDER BY n) AS n FROM bench_orgs WHERE kind = 'MUNICIPALITY'`,
  );
  await step(
    'users',
    `INSERT INTO users (id, organization_id, email, display_name, password_hash)
     SELECT ${uuidOf("'user-' || r.role || o.n")}, o.id, 'bench-' || lower(r.role) || '-' || o.n || '@bench.noden.se', 'Bench ' || r.role || ' ' || o.n, $1
       FROM bench_orgs o CROSS JOIN (VALUES ('TECH_COACH'), ('MUNICIPALITY_COORDINATOR'), ('NODE_STAFF'), ('STEERING_MEMBER')) r(role)
      WHERE (r.role = 'NODE_STAFF') = (o.kind = 'NODE')`,
    [hash],
  );
  await step(
    'user roles',
    `INSERT INTO user_roles (user_id, role) SELECT id, upper(split_part(email, '-', 2)) FROM users WHERE email LIKE 'bench-%'`,
  );
  await db.query(
    `CREATE TEMP TABLE bench_coaches AS SELECT u.id, u.organization_id, m.n FROM users u JOIN bench_munis m ON m.id = u.organization_id WHERE u.email LIKE 'bench-tech_coach-%'`,
  );
  const municipalities = Number((await db.query('SELECT count(*) FROM bench_munis')).rows[0].count);

  await step(
    'suppliers',
    `INSERT INTO suppliers (id, name, created_at) SELECT ${id('supplier', 'g')}, 'Bench supplier ' || g, now() FROM generate_series(1, $1) g`,
    [Math.ceil(scale.products / 15)],
  );
  // Safety alarms weigh 16 % of the catalogue (the national grid of the issue: about 480 × 76).
  await db.query(
    `CREATE TEMP TABLE bench_categories AS SELECT id, key, row_number() OVER (ORDER BY sort_order, key) - 1 AS n FROM technology_categories`,
  );
  const categories = Number((await db.query('SELECT count(*) FROM bench_categories')).rows[0].count);
  await step(
    'products',
    `INSERT INTO products (id, category_id, supplier_id, name, model, description, current_version, created_at, updated_at)
     SELECT ${id('product', 'g')},
            CASE WHEN g % 100 < 16 THEN (SELECT id FROM bench_categories WHERE key = 'SAFETY_ALARM') ELSE (SELECT id FROM bench_categories WHERE key <> 'SAFETY_ALARM' ORDER BY n OFFSET g % ($3 - 1) LIMIT 1) END,
            ${id('supplier', '1 + g % $2')}, 'Produkt ' || lpad(g::text, 5, '0'), 'M' || (g % 17),
            'Beskrivning av produkt ' || g || repeat(' med utförlig text om funktion, installation och drift', 6),
            (1 + g % 4) || '.' || (g % 10), now() - (g || ' minutes')::interval, now()
       FROM generate_series(1, $1) g`,
    [scale.products, Math.ceil(scale.products / 15), categories],
  );
  await step(
    'product versions',
    `INSERT INTO product_versions (product_id, version) SELECT id, current_version FROM products WHERE current_version IS NOT NULL`,
  );
  await db.query(
    `CREATE TEMP TABLE bench_kinds AS SELECT id, key, row_number() OVER (ORDER BY sort_order, key) - 1 AS n FROM system_kinds`,
  );
  const kinds = Number((await db.query('SELECT count(*) FROM bench_kinds')).rows[0].count);
  // Alarm receivers weigh 19 % of the systems.
  await step(
    'systems',
    `INSERT INTO systems (id, kind_id, vendor_name, name, description, current_version, created_at, updated_at)
     SELECT ${id('system', 'g')},
            CASE WHEN g % 100 < 19 THEN (SELECT id FROM bench_kinds WHERE key = 'ALARM_RECEIVER') ELSE (SELECT id FROM bench_kinds WHERE key <> 'ALARM_RECEIVER' ORDER BY n OFFSET g % ($2 - 1) LIMIT 1) END,
            'Bench vendor ' || (g % 40), 'System ' || lpad(g::text, 4, '0'), 'Beskrivning av system ' || g, (3 + g % 6) || '.' || (g % 3), now(), now()
       FROM generate_series(1, $1) g`,
    [scale.systems, kinds],
  );
  await step(
    'system versions',
    `INSERT INTO system_versions (system_id, version) SELECT id, current_version FROM systems`,
  );
  await db.query(
    `CREATE TEMP TABLE bench_products AS SELECT p.id, p.category_id, row_number() OVER (ORDER BY p.id) - 1 AS n FROM products p`,
  );
  await db.query(
    `CREATE TEMP TABLE bench_systems AS SELECT s.id, s.kind_id, row_number() OVER (ORDER BY s.id) - 1 AS n FROM systems s`,
  );
  await db.query(`CREATE TEMP TABLE bench_alarm_pairs AS
    SELECT p.id AS product_id, s.id AS system_id, row_number() OVER (ORDER BY p.id, s.id) - 1 AS n
      FROM products p JOIN technology_categories c ON c.id = p.category_id AND c.key = 'SAFETY_ALARM'
      CROSS JOIN systems s JOIN system_kinds k ON k.id = s.kind_id AND k.key = 'ALARM_RECEIVER'`);
  for (const table of ['bench_products', 'bench_systems', 'bench_alarm_pairs', 'bench_munis', 'bench_categories'])
    await db.query(`CREATE INDEX ON ${table} (n)`);
  await db.query('ANALYZE bench_products, bench_systems, bench_alarm_pairs, bench_munis, bench_categories');
  // A quarter of the statements fill the safety-alarm × alarm-receiver grid (one in about seven pairs); the rest
  // spread over the whole catalogue. Ranges cover and miss the current versions; every 10th is superseded history.
  const pairs = Number((await db.query('SELECT count(*) FROM bench_alarm_pairs')).rows[0].count);
  const products = scale.products;
  const systems = scale.systems;
  await step(
    'compatibility statements',
    `WITH picked AS (
       SELECT g,
              CASE WHEN g % 4 = 0 AND $2 > 0 THEN (SELECT product_id FROM bench_alarm_pairs WHERE n = (g * 7) % $2) ELSE (SELECT id FROM bench_products WHERE n = (g * 31) % $3) END AS product_id,
              CASE WHEN g % 4 = 0 AND $2 > 0 THEN (SELECT system_id FROM bench_alarm_pairs WHERE n = (g * 7) % $2) ELSE (SELECT id FROM bench_systems WHERE n = (g * 17) % $4) END AS system_id
         FROM generate_series(1, $1) g)
     INSERT INTO compatibility_statements (id, product_id, product_versions, system_id, system_versions, status, evidence, note, asserted_at)
     SELECT ${id('statement', 'g')}, product_id, CASE WHEN g % 5 = 0 THEN '>=2.0' ELSE '*' END, system_id, CASE WHEN g % 7 = 0 THEN '<5.0' ELSE '*' END,
            (ARRAY['SUPPORTED', 'SUPPORTED', 'PARTIAL', 'NOT_SUPPORTED'])[1 + g % 4], (ARRAY['VENDOR_CLAIMED', 'VERIFIED_IN_PRODUCTION'])[1 + g % 2],
            CASE WHEN g % 4 = 2 THEN 'Larm kvitteras bara manuellt' END, now() - (g || ' seconds')::interval
       FROM picked`,
    [scale.statements, pairs, products, systems],
  );
  await step(
    'superseded history',
    `UPDATE compatibility_statements old SET superseded_at = now(), superseded_by_statement_id = newer.id
       FROM (SELECT DISTINCT ON (product_id, system_id) id, product_id, system_id FROM compatibility_statements ORDER BY product_id, system_id, asserted_at DESC) newer
      WHERE old.product_id = newer.product_id AND old.system_id = newer.system_id AND old.id <> newer.id`,
  );
  await step(
    'organisation landscapes',
    `INSERT INTO organization_systems (organization_id, system_id, version, created_at, updated_at)
     SELECT m.id, s.id, (SELECT current_version FROM systems WHERE id = s.id), now(), now()
       FROM bench_munis m JOIN bench_kinds k ON true
       JOIN LATERAL (SELECT bs.id FROM bench_systems bs WHERE bs.kind_id = k.id ORDER BY (bs.n * 13 + m.n * 7) % 997 LIMIT 1) s ON true`,
  );

  // Needs: 2 or 3 endorsements each (59 % get a third), so 100 000 needs carry 259 000 endorsements.
  const titles = `ARRAY['Nattillsyn väcker brukare', 'Larmet når inte fram i källaren', 'Läkemedel glöms på kvällen', 'Dörren låses inte efter besök',
                        'Ensamhet på kvällen', 'Fall i badrummet upptäcks sent', 'Nyckelhantering tar tid', 'Anhöriga vill se planeringen',
                        'Trygghetslarm utan mobiltäckning', 'Påminnelse om vätska och mat', 'Videosamtal med anhöriga', 'GPS-larm för promenader']`;
  await step(
    'needs',
    `INSERT INTO needs (id, organization_id, reporter_user_id, title, description, target_group, setting, source, category_id, urgency, status,
                        status_changed_at, published_at, endorsement_count, people_affected, estimated_people_affected, created_at, updated_at)
     SELECT ${id('need', 'g')}, c.organization_id, c.id,
            'Behov ' || g || ': ' || (${titles})[1 + g % 12],
            'I hemtjänsten och på särskilt boende ser vi att ' || lower((${titles})[1 + (g / 12) % 12]) || '. Det påverkar brukare och personal varje vecka (ärende ' || g || ').',
            (ARRAY['CARE_RECIPIENTS_ORDINARY_HOUSING', 'CARE_RECIPIENTS_SPECIAL_HOUSING', 'STAFF', 'RELATIVES'])[1 + g % 4],
            (ARRAY['HOME_CARE', 'SPECIAL_HOUSING', 'HOME_HEALTH_CARE', 'DISABILITY_SUPPORT'])[1 + g % 4], 'STAFF',
            (SELECT id FROM bench_categories WHERE n = g % $3), (ARRAY['LOW', 'MEDIUM', 'HIGH'])[1 + g % 3],
            (ARRAY['NEW', 'TRIAGED', 'TRIAGED', 'IN_TEST', 'IN_PROCUREMENT', 'ADDRESSED', 'DECLINED'])[1 + g % 7],
            now() - (g || ' minutes')::interval, CASE WHEN g % 7 NOT IN (0, 6) THEN now() - (g || ' minutes')::interval END, 2 + (g % 100 < 59)::int, (hashint4(g) & 1023) % 500, 10 + g % 90,
            now() - (g || ' minutes')::interval, now()
       FROM generate_series(1, $1) g JOIN bench_coaches c ON c.n = 1 + g % $2`,
    [scale.needs, municipalities, categories],
  );
  await step(
    'endorsements',
    `INSERT INTO need_endorsements (need_id, organization_id, endorsed_by_user_id, people_affected, created_at)
     SELECT ${id('need', 'g')}, c.organization_id, c.id, 5 + (g + j) % 40, now() - (g || ' minutes')::interval + (j || ' hours')::interval
       FROM generate_series(1, $1) g CROSS JOIN generate_series(1, 3) j
       JOIN bench_coaches c ON c.n = 1 + (g + j * 7) % $2
      WHERE j <= 2 + (g % 100 < 59)::int`,
    [scale.needs, municipalities],
  );

  const staff = (await db.query(`SELECT id FROM users WHERE email LIKE 'bench-node_staff-%' LIMIT 1`)).rows[0].id;
  await step(
    'test protocols',
    `INSERT INTO test_protocols (id, title, category_id, lead_organization_id, purpose, expected_benefit, planned_start, planned_end, consent_approach, status, published, created_by_user_id, created_at, updated_at)
     SELECT ${id('protocol', 'g')}, 'Test ' || g || ': ' || (${TOPICS})[1 + g % 12], (SELECT id FROM bench_categories WHERE n = g % $3), (SELECT id FROM bench_munis WHERE n = 1 + g % $2),
            'Pröva om ' || lower((${TOPICS})[1 + g % 12]) || ' minskar nattliga besök och oro hos brukare', 'Färre onödiga larm och tryggare nätter',
            current_date - 400 + g % 200, current_date - 100 + g % 200, 'PERSON_THEMSELF', (ARRAY['DRAFT', 'RUNNING', 'COMPLETED', 'DECIDED'])[1 + g % 4], g % 4 = 3, $4, now(), now()
       FROM generate_series(1, $1) g`,
    [scale.protocols, municipalities, categories, staff],
  );
  await step(
    'procurements',
    `INSERT INTO procurements (id, title, category_id, lead_organization_id, procedure, kind, participation_opens_on, participation_closes_on, status, published_at, created_by_user_id, created_at, updated_at)
     SELECT ${id('procurement', 'g')}, 'Gemensam upphandling ' || g, (SELECT id FROM bench_categories WHERE n = g % $3), (SELECT id FROM bench_munis WHERE n = 1 + g % $2),
            'OPEN', 'FUNCTION', current_date - 400, current_date - 300, (ARRAY['PLANNED', 'OPEN_FOR_PARTICIPATION', 'TENDERING', 'ACTIVE'])[1 + g % 4],
            CASE WHEN g % 4 <> 0 THEN now() - interval '400 days' END, $4, now(), now()
       FROM generate_series(1, $1) g`,
    [scale.procurements, municipalities, categories, staff],
  );
  await db.query(
    `CREATE TEMP TABLE bench_coordinators AS SELECT u.id, u.organization_id, m.n FROM users u JOIN bench_munis m ON m.id = u.organization_id WHERE u.email LIKE 'bench-municipality_coordinator-%'`,
  );
  await step(
    'implementations',
    `INSERT INTO implementations (id, organization_id, product_id, setting, status, discontinued_reason, go_live_on, responsible_user_id, offered_women, offered_men, accepted_women, accepted_men, created_by_user_id, created_at, updated_at)
     SELECT ${id('implementation', 'g')}, c.organization_id, (SELECT id FROM bench_products WHERE n = (g * 13) % $3),
            (ARRAY['HOME_CARE', 'SPECIAL_HOUSING', 'HOME_HEALTH_CARE', 'DISABILITY_SUPPORT'])[1 + g % 4],
            CASE WHEN g % 20 = 0 THEN 'DISCONTINUED' WHEN g % 3 = 0 THEN 'PILOT' ELSE 'BROAD_ROLLOUT' END, CASE WHEN g % 20 = 0 THEN 'Ersatt av annan produkt' END,
            current_date - (g % 900), c.id, 10 + g % 30, 8 + g % 25, 5 + g % 5, 4 + g % 4, c.id, now(), now()
       FROM generate_series(1, $1) g JOIN bench_coordinators c ON c.n = 1 + g % $2`,
    [scale.implementations, municipalities, products],
  );
  await step(
    'follow-ups',
    `INSERT INTO follow_ups (implementation_id, organization_id, wave, due_on, status, opened_at, answered_at, created_at, updated_at)
     SELECT i.id, i.organization_id, w.wave, i.go_live_on + make_interval(months => w.wave),
            CASE WHEN i.status = 'DISCONTINUED' THEN 'CANCELLED' WHEN i.go_live_on + make_interval(months => w.wave) > current_date THEN 'SCHEDULED'
                 WHEN hashint4(i.go_live_on - date '2020-01-01' + w.wave) % 3 = 0 THEN 'OVERDUE' ELSE 'ANSWERED' END,
            CASE WHEN i.go_live_on + make_interval(months => w.wave) <= current_date THEN i.go_live_on + make_interval(months => w.wave) END,
            CASE WHEN i.go_live_on + make_interval(months => w.wave) <= current_date AND hashint4(i.go_live_on - date '2020-01-01' + w.wave) % 3 <> 0 THEN i.go_live_on + make_interval(months => w.wave, days => 10) END,
            now(), now()
       FROM implementations i CROSS JOIN (VALUES (12), (24)) w(wave)`,
  );
  // The thread (issue 12: trace, county overview, knowledge portal). Every 4th protocol is decided and published and
  // tests three published needs of its own (n = 42 g + 1..3, so components never merge); procurement p rests on
  // protocol 4p − 1's decision and needs; every 4th procurement (ACTIVE) has an agreement with 8 call-offs, each
  // implemented by an existing implementation that also answers the protocol's first need: 23 nodes per full thread.
  const protocols = scale.protocols;
  await step(
    'test protocol needs',
    `INSERT INTO test_protocol_needs (protocol_id, need_id) SELECT ${id('protocol', 'g')}, ${id('need', 'g * 42 + k')}
       FROM generate_series(1, $1) g CROSS JOIN generate_series(1, 3) k WHERE g * 42 + 3 <= $2`,
    [protocols, scale.needs],
  );
  await step(
    'test participants',
    `INSERT INTO test_protocol_organizations (protocol_id, organization_id) SELECT ${id('protocol', 'g')}, m.id
       FROM generate_series(1, $1) g JOIN bench_munis m ON m.n = 1 + (g * 5 + 1) % $2 WHERE (g * 5 + 1) % $2 <> g % $2`,
    [protocols, municipalities],
  );
  await step(
    'protocol versions',
    `INSERT INTO test_protocol_versions (id, protocol_id, version_number, snapshot, content_hash, review_status, submitted_by_user_id, submitted_at, closed_at)
     SELECT ${id('version', 'g')}, ${id('protocol', 'g')}, 1, '{}', md5('version' || g), 'DECIDED', $2, now() - ((g % 300 + 30) || ' days')::interval, now() - ((g % 300) || ' days')::interval
       FROM generate_series(3, $1, 4) g`,
    [protocols, staff],
  );
  // Inserted through the table's trigger, which writes each decision's knowledge entry as the app does.
  await step(
    'test decisions (and their knowledge entries)',
    `INSERT INTO test_decisions (id, protocol_id, version_id, version_number, category_id, outcome, rationale, conditions, vote_counts, knowledge_basis, decided_at)
     SELECT ${id('decision', 'g')}, ${id('protocol', 'g')}, ${id('version', 'g')}, 1, (SELECT id FROM bench_categories WHERE n = g % $2),
            (ARRAY['RECOMMEND', 'RECOMMEND_WITH_CONDITIONS', 'DO_NOT_RECOMMEND', 'TEST_MORE'])[1 + (g / 4) % 4],
            'Testet visade att ' || lower((${TOPICS})[1 + g % 12]) || ' gav färre larm nattetid och att personalen kunde prioritera besök',
            CASE WHEN (g / 4) % 4 = 1 THEN 'Larmkedjan ska provas med larmmottagningen före breddinförande' END,
            '{"RECOMMEND": 4, "RECOMMEND_WITH_CONDITIONS": 1}', '[]', now() - ((g % 300) || ' days')::interval
       FROM generate_series(3, $1, 4) g`,
    [protocols, categories],
  );
  await step(
    'procurement decisions and needs',
    `WITH p AS (SELECT g, 4 * g - 1 AS protocol FROM generate_series(1, $1) g WHERE 4 * g - 1 <= $2)
     , d AS (INSERT INTO procurement_test_decisions (procurement_id, test_decision_id) SELECT ${id('procurement', 'g')}, ${id('decision', 'protocol')} FROM p)
     INSERT INTO procurement_needs (procurement_id, need_id) SELECT ${id('procurement', 'g')}, need_id FROM p JOIN test_protocol_needs t ON t.protocol_id = ${id('protocol', 'protocol')}`,
    [scale.procurements, protocols],
  );
  await step(
    'procurement lots',
    `INSERT INTO procurement_lots (id, procurement_id, number, name) SELECT ${id('lot', 'g')}, ${id('procurement', 'g')}, 1, 'Delområde 1' FROM generate_series(1, $1) g`,
    [scale.procurements],
  );
  await step(
    'framework agreements',
    `INSERT INTO framework_agreements (id, procurement_id, starts_on, ends_on, call_off_method, follow_up_organization_id, follow_up_contact_name, follow_up_contact_email, awarded_at, awarded_by_user_id)
     SELECT ${id('agreement', 'g')}, p.id, current_date - 300, current_date + (g * 37) % 1000, 'DIRECT_BY_RANKING', p.lead_organization_id, 'Avtalsansvarig ' || g, 'avtal-' || g || '@bench.noden.se', now() - interval '300 days', $2
       FROM generate_series(3, $1, 4) g JOIN procurements p ON p.id = ${id('procurement', 'g')}`,
    [scale.procurements, staff],
  );
  const agreements = Math.floor((scale.procurements + 1) / 4);
  const calledOff = Math.min(agreements * 8, scale.implementations);
  await step(
    'call-offs',
    `INSERT INTO call_offs (id, agreement_id, lot_id, organization_id, supplier_id, product_id, quantity, value_sek, called_off_on, method, created_by_user_id, created_at)
     SELECT ${id('calloff', 'g')}, ${id('agreement', '4 * (1 + (g - 1) % $2) - 1')}, ${id('lot', '4 * (1 + (g - 1) % $2) - 1')}, i.organization_id, p.supplier_id, i.product_id,
            10 + g % 50, (10 + g % 50) * 4500, i.go_live_on - 30, 'DIRECT_BY_RANKING', $3, now()
       FROM generate_series(1, $1) g JOIN implementations i ON i.id = ${id('implementation', 'g')} JOIN products p ON p.id = i.product_id`,
    [calledOff, agreements, staff],
  );
  await step(
    'implementations of call-offs',
    `UPDATE implementations i SET call_off_id = ${id('calloff', 'g')} FROM generate_series(1, $1) g WHERE i.id = ${id('implementation', 'g')}`,
    [calledOff],
  );
  await step(
    'implementation needs',
    `INSERT INTO implementation_needs (implementation_id, need_id) SELECT ${id('implementation', 'g')}, ${id('need', '(4 * (4 * (1 + (g - 1) % $2) - 1) - 1) * 42 + 1')}
       FROM generate_series(1, $1) g`,
    [calledOff, agreements],
  );
  await step(
    'municipality populations',
    `UPDATE organizations SET population = 2500 + (g * 7919) % 180000 FROM (SELECT id, row_number() OVER (ORDER BY id) AS g FROM organizations WHERE kind = 'MUNICIPALITY' AND population IS NULL) m
      WHERE organizations.id = m.id`,
  );
  // The knowledge portal: articles written through SQL the way the article service writes them (article, category
  // link, then its entry; the entry's trigger builds the search vector with compound parts).
  await step(
    'knowledge articles',
    `INSERT INTO knowledge_articles (id, organization_id, author_user_id, kind, title, summary, body, source_type, quality_grade, status, published_at, version, created_at, updated_at)
     SELECT ${id('article', 'g')}, c.organization_id, c.id, (ARRAY['LESSON', 'GOOD_EXAMPLE', 'GUIDANCE', 'CHECKLIST'])[1 + g % 4],
            (${TOPICS})[1 + g % 12] || ': ' || (${ASPECTS})[1 + (g / 12) % 10] || ' (' || g || ')',
            'Erfarenheter från ' || c.n || ' om ' || lower((${TOPICS})[1 + g % 12]) || ' och ' || (${ASPECTS})[1 + (g / 12) % 10] || '.',
            concat_ws(' ', 'Verksamheten införde ' || lower((${TOPICS})[1 + g % 12]) || ' för ' || (20 + g % 200) || ' brukare.',
              CASE WHEN g % 3 = 0 THEN 'Larmen gick till larmmottagningen och personalen kvitterade dem i mobilen.' END,
              CASE WHEN g % 5 = 0 THEN 'Trygghetslarmet behövde mobiltäckning i hela bostaden; i källare fungerade det inte.' END,
              CASE WHEN g % 7 = 0 THEN 'Falsklarm minskade när sensorn flyttades och rutinerna för nattillsyn ändrades.' END,
              'Viktigast var att ' || (${ASPECTS})[1 + (g / 7) % 10] || ' planerades tidigt tillsammans med personal och anhöriga.',
              repeat('Uppföljningen visade att brukarna kände sig tryggare och att personalen sparade tid. ', 1 + g % 4)),
            (ARRAY['PEER_REVIEWED_STUDY', 'NATIONAL_GUIDANCE', 'COUNTY_TEST', 'SINGLE_SITE_EXPERIENCE', 'VENDOR_MATERIAL'])[1 + g % 5],
            (ARRAY['STRONG', 'ASSESSED', 'LIMITED', 'UNASSESSED'])[1 + g % 4], CASE WHEN g % 10 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END,
            CASE WHEN g % 10 <> 0 THEN now() - (g || ' hours')::interval END, 1, now() - (g || ' hours')::interval, now() - (g || ' hours')::interval
       FROM generate_series(1, $1) g JOIN bench_coaches c ON c.n = 1 + (g * 3) % $2`,
    [scale.articles, municipalities],
  );
  await step(
    'article categories',
    `INSERT INTO knowledge_article_links (article_id, entity_type, entity_id) SELECT ${id('article', 'g')}, 'CATEGORY', (SELECT id FROM bench_categories WHERE n = g % $2) FROM generate_series(1, $1) g`,
    [scale.articles, categories],
  );
  await step(
    'article entries',
    `INSERT INTO knowledge_entries (source, source_id, kind, title, summary, body, source_type, quality_grade, category_id, organization_id, published, dated_at)
     SELECT 'ARTICLE', a.id, a.kind, a.title, a.summary, a.body, a.source_type, a.quality_grade, l.entity_id, a.organization_id, a.status = 'PUBLISHED', coalesce(a.published_at, a.updated_at)
       FROM knowledge_articles a LEFT JOIN knowledge_article_links l ON l.article_id = a.id AND l.entity_type = 'CATEGORY'`,
  );
  await db.query('COMMIT');
  await step('analyze', 'ANALYZE');
  await db.end();
  log(`bench data (${scaleName}) in ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, name };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = process.argv.indexOf('--scale');
  const scale = flag >= 0 ? process.argv[flag + 1] : 'national';
  await seedBench(scale);
}
