/**
 * Benchmark of `compatibilityMatrix` at national scale (issue 3: thousands of products, hundreds of systems).
 *
 * Runs against a BUILT and booted API; never part of `npm test`. Uses a dedicated database, e.g.:
 *
 *   export DATABASE_URL=postgres://postgres@127.0.0.1:5432/noden_bench_catalog
 *   export REDIS_URL=redis://127.0.0.1:6379 JWT_SECRET=$(node -e "console.log('b'.repeat(40))") QUEUE_PREFIX=bench
 *   npm run build && npm run migration:run && npm run seed
 *   PORT=3111 NODE_ENV=production LOG_LEVEL=warn npm run start:api &
 *   BENCH_URL=http://127.0.0.1:3111/graphql node bench/compatibility-matrix.mjs
 *   # afterwards: stop the api, then  dropdb -h 127.0.0.1 -U postgres noden_bench_catalog
 *
 * What it does:
 *   1. Generates the data straight into DATABASE_URL (once; skipped when it is already there): in category
 *      BENCH_CATEGORY (default DIGITAL_SUPERVISION) BENCH_PRODUCTS products (2000), BENCH_SYSTEMS systems (300)
 *      spread over the seeded system kinds, and BENCH_STATEMENTS current statements (20 000) with version ranges,
 *      plus a node-staff user to log in with. Give BENCH_TOKEN instead to skip the user.
 *   2. Asks once for the whole matrix and prints its size (products, systems, cells, bytes, SQL statements
 *      when the API is not in production mode).
 *   3. Measures requests/s and latency with autocannon: BENCH_CONNECTIONS (10) for BENCH_DURATION seconds (20),
 *      for the whole matrix and for one system kind (ALARM_RECEIVER).
 */
import { randomBytes, scrypt } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';

const url = process.env.BENCH_URL ?? 'http://127.0.0.1:3111/graphql';
const category = process.env.BENCH_CATEGORY ?? 'DIGITAL_SUPERVISION';
const productCount = Number(process.env.BENCH_PRODUCTS ?? 2000);
const systemCount = Number(process.env.BENCH_SYSTEMS ?? 300);
const statementCount = Number(process.env.BENCH_STATEMENTS ?? 20_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const duration = Number(process.env.BENCH_DURATION ?? 20);
const email = 'bench-staff@bench.noden.se';
const password = `bench-${randomBytes(6).toString('hex')}`;

const MATRIX = `query($c: String!, $k: String) { compatibilityMatrix(category: $c, systemKind: $k) {
  unknownCellCount products { id name supplierName currentVersion } systems { id name vendorName kindKey currentVersion }
  cells { productId systemId status evidence statementId note } } }`;

function hash(secret) {
  const salt = randomBytes(16);
  const [N, r, p] = [16384, 8, 1];
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, 32, { N, r, p, maxmem: 128 * N * r * 2 }, (error, key) =>
      error ? reject(error) : resolve(`scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`),
    ),
  );
}

async function generate(db) {
  const [cat] = (await db.query('SELECT id FROM technology_categories WHERE key = $1', [category])).rows;
  if (!cat) throw new Error(`no category ${category}: run the migrations and the seed first`);
  const existing = Number((await db.query(`SELECT count(*) FROM products WHERE category_id = $1 AND name LIKE 'Bench %'`, [cat.id])).rows[0].count);
  if (existing >= productCount) {
    console.log(`data already there (${existing} bench products)`);
    return;
  }
  const started = Date.now();
  await db.query('BEGIN');
  const [supplier] = (await db.query(`INSERT INTO suppliers (name, created_at) VALUES ('Bench ' || gen_random_uuid(), now()) RETURNING id`)).rows;
  await db.query(
    `INSERT INTO products (category_id, supplier_id, name, model, current_version, created_at, updated_at)
     SELECT $1, $2, 'Bench ' || lpad(g::text, 5, '0'), 'M' || (g % 17), (1 + g % 4) || '.' || (g % 10), now(), now()
       FROM generate_series(1, $3) g`,
    [cat.id, supplier.id, productCount],
  );
  await db.query(
    `INSERT INTO systems (kind_id, vendor_name, name, current_version, created_at, updated_at)
     SELECT k.id, 'Bench vendor ' || (g % 40), 'Bench system ' || g || ' ' || gen_random_uuid(), (3 + g % 6)::text || '.' || (g % 3), now(), now()
       FROM generate_series(1, $1) g
       JOIN LATERAL (SELECT id FROM system_kinds ORDER BY sort_order OFFSET (g % (SELECT count(*) FROM system_kinds)) LIMIT 1) k ON true`,
    [systemCount],
  );
  // Random product × system pairs, ranges that cover and miss the current versions, some pairs with several statements.
  await db.query(
    `WITH p AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM products WHERE category_id = $1 AND name LIKE 'Bench %'),
          s AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM systems WHERE name LIKE 'Bench system %'),
          pick AS (SELECT g, 1 + floor(random() * (SELECT count(*) FROM p))::int AS pn, 1 + floor(random() * (SELECT count(*) FROM s))::int AS sn
                     FROM generate_series(1, $2) g)
     INSERT INTO compatibility_statements (product_id, product_versions, system_id, system_versions, status, evidence, note, asserted_at)
     SELECT p.id,
            (ARRAY['*', '>=1 <3', '2.x', '>=3', '1.x || 4.x'])[1 + g % 5],
            s.id,
            (ARRAY['*', '>=4 <7', '5.x', '>=6', '3.x || 8.x'])[1 + (g / 5) % 5],
            (ARRAY['SUPPORTED', 'SUPPORTED', 'PARTIAL', 'NOT_SUPPORTED', 'UNKNOWN'])[1 + g % 5],
            (ARRAY['VENDOR_CLAIMED', 'VENDOR_CLAIMED', 'VERIFIED_IN_PRODUCTION'])[1 + g % 3],
            CASE WHEN g % 5 = 2 THEN 'Delvis: larmhistorik saknas' END,
            now() - (g || ' minutes')::interval
       FROM pick JOIN p ON p.n = pick.pn JOIN s ON s.n = pick.sn`,
    [cat.id, statementCount],
  );
  await db.query('COMMIT');
  await db.query('ANALYZE products; ANALYZE systems; ANALYZE compatibility_statements');
  console.log(`generated ${productCount} products, ${systemCount} systems, ${statementCount} statements in ${Date.now() - started} ms`);
}

async function token(db) {
  if (process.env.BENCH_TOKEN) return process.env.BENCH_TOKEN;
  const [node] = (await db.query(`SELECT id FROM organizations WHERE kind = 'NODE' LIMIT 1`)).rows;
  const { rows } = await db.query(
    `INSERT INTO users (organization_id, email, display_name, password_hash) VALUES ($1, $2, 'Bench', $3)
     ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
    [node.id, email, await hash(password)],
  );
  await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'NODE_STAFF') ON CONFLICT DO NOTHING`, [rows[0].id]);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', variables: { e: email, p: password } }),
  });
  const body = await response.json();
  if (!body.data?.login) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.accessToken;
}

async function measure(title, accessToken, variables) {
  const body = JSON.stringify({ query: MATRIX, variables });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
  const once = await fetch(url, { method: 'POST', headers, body });
  const text = await once.text();
  const matrix = JSON.parse(text).data?.compatibilityMatrix;
  if (!matrix) throw new Error(`matrix failed: ${text.slice(0, 500)}`);
  console.log(
    `\n${title}: ${matrix.products.length} products × ${matrix.systems.length} systems, ${matrix.cells.length} cells (${matrix.unknownCellCount} UNKNOWN), ` +
      `${(text.length / 1024).toFixed(0)} KiB, SQL statements: ${once.headers.get('x-sql-statements') ?? 'n/a (production)'}`,
  );
  const result = await autocannon({ url, method: 'POST', headers, body, connections, duration });
  console.log(
    `  ${result.requests.average.toFixed(1)} req/s, latency avg ${result.latency.average.toFixed(0)} ms, p50 ${result.latency.p50} ms, ` +
      `p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ${result['2xx']} ok, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
}

const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
await db.connect();
try {
  await generate(db);
  const accessToken = await token(db);
  console.log(`compatibilityMatrix against ${url}, ${connections} connections, ${duration} s each`);
  await measure(`${category}, all system kinds`, accessToken, { c: category });
  await measure(`${category}, ALARM_RECEIVER`, accessToken, { c: category, k: 'ALARM_RECEIVER' });
} finally {
  await db.end();
}
