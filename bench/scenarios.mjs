// Scenarios for bench/run.mjs. Each one is what a client sends to Noden (`query`, `variables`, as which user)
// and the hand-written single SQL statement the bare node:http + pg endpoint answers the same question with
// (`raw`). To add one, append an object; `requests` (instead of `query`) gives a sequence of mixed requests.
//
// `connections` caps the concurrent clients of a heavy scenario (seconds per request would only queue up).
//
// `ctx` (built by run.mjs from the bench data): users.{coach,staff,coordinator} = { email, id, organizationId },
// municipalityId, needIds (published needs to comment on).

const NEEDS_MOST_SHARED = `query { needs(sort: MOST_SHARED, first: 50) {
  nodes { id title status endorsementCount peopleAffected organization { name } category { key labelSv } }
  pageInfo { endCursor hasNextPage } } }`;

// The visibility rule of NeedPolicy (published, or the caller's own organisation), written out by hand.
const RAW_NEEDS_MOST_SHARED = `
  SELECT json_build_object('data', json_build_object('needs', json_build_object('nodes', coalesce(json_agg(json_build_object(
           'id', n.id, 'title', n.title, 'status', n.status, 'endorsementCount', n.endorsement_count, 'peopleAffected', n.people_affected,
           'organization', json_build_object('name', o.name), 'category', json_build_object('key', c.key, 'labelSv', c.label_sv))
           ORDER BY n.endorsement_count DESC, n.people_affected DESC, n.created_at DESC, n.id DESC), '[]'))))::text AS body
    FROM (SELECT * FROM needs n WHERE (n.status <> 'NEW' OR n.organization_id = $1) AND n.status <> 'MERGED'
           ORDER BY n.endorsement_count DESC, n.people_affected DESC, n.created_at DESC, n.id DESC LIMIT 51) n
    JOIN organizations o ON o.id = n.organization_id LEFT JOIN technology_categories c ON c.id = n.category_id`;

const COMMENT = `mutation($id: ID!) { commentOnNeed(input: { needId: $id, body: "Vi ser samma sak hos oss, särskilt nattetid." }) { id } }`;
const RAW_COMMENT = `INSERT INTO need_comments (need_id, author_user_id, organization_id, body, created_at)
  VALUES ($1, $2, $3, 'Vi ser samma sak hos oss, särskilt nattetid.', now()) RETURNING json_build_object('data', json_build_object('commentOnNeed', json_build_object('id', id)))::text AS body`;

export const SCENARIOS = [
  {
    name: 'products(first: 50) + category, supplier',
    as: 'coach',
    query: '{ products(first: 50) { nodes { id name currentVersion category { key labelSv } supplier { name } } pageInfo { endCursor hasNextPage } } }',
    raw: () => ({
      text: `SELECT json_build_object('data', json_build_object('products', json_build_object('nodes', coalesce(json_agg(json_build_object(
               'id', p.id, 'name', p.name, 'currentVersion', p.current_version, 'category', json_build_object('key', c.key, 'labelSv', c.label_sv),
               'supplier', json_build_object('name', s.name)) ORDER BY lower(p.name), p.id), '[]'))))::text AS body
               FROM (SELECT * FROM products ORDER BY lower(name), id LIMIT 51) p
               JOIN technology_categories c ON c.id = p.category_id JOIN suppliers s ON s.id = p.supplier_id`,
      values: [],
    }),
  },
  {
    name: 'needs(MOST_SHARED, first: 50) + organisation, category',
    as: 'coach',
    query: NEEDS_MOST_SHARED,
    raw: (ctx) => ({ text: RAW_NEEDS_MOST_SHARED, values: [ctx.users.coach.organizationId] }),
  },
  {
    name: 'me { email roles organization { name } }',
    as: 'coach',
    query: '{ me { email roles organization { name } } }',
    raw: (ctx) => ({
      text: `SELECT json_build_object('data', json_build_object('me', json_build_object('email', u.email,
               'roles', (SELECT coalesce(json_agg(r.role ORDER BY r.role), '[]') FROM user_roles r WHERE r.user_id = u.id),
               'organization', json_build_object('name', o.name))))::text AS body
               FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1 AND u.active`,
      values: [ctx.users.coach.id],
    }),
  },
  {
    name: 'compatibilityMatrix(SAFETY_ALARM, ALARM_RECEIVER) as grid',
    connections: 4,
    as: 'coach',
    // What a web page rendering the grid asks for: the header lists and the cells as index tuples.
    query: `{ compatibilityMatrix(category: "SAFETY_ALARM", systemKind: "ALARM_RECEIVER") {
      unknownCellCount products { id name supplierName currentVersion } systems { id name vendorName currentVersion }
      grid { statuses evidenceLevels cells } } }`,
    // The one-statement limit: the newest current statement of each pair (no version-range matching), same encoding.
    raw: () => ({
      text: `WITH p AS (SELECT p.id, p.name, s.name AS supplier_name, p.current_version, row_number() OVER (ORDER BY lower(p.name), p.id) - 1 AS i
                      FROM products p JOIN suppliers s ON s.id = p.supplier_id
                     WHERE p.category_id = (SELECT id FROM technology_categories WHERE key = 'SAFETY_ALARM')),
                  sy AS (SELECT s.id, s.name, s.vendor_name, s.current_version, row_number() OVER (ORDER BY lower(s.name), s.id) - 1 AS i
                      FROM systems s WHERE s.kind_id = (SELECT id FROM system_kinds WHERE key = 'ALARM_RECEIVER')),
                  c AS (SELECT DISTINCT ON (cs.product_id, cs.system_id) p.i AS pi, sy.i AS si, cs.status, cs.evidence, cs.id, cs.note
                          FROM compatibility_statements cs JOIN p ON p.id = cs.product_id JOIN sy ON sy.id = cs.system_id
                         WHERE cs.superseded_at IS NULL ORDER BY cs.product_id, cs.system_id, cs.asserted_at DESC)
             SELECT json_build_object('data', json_build_object('compatibilityMatrix', json_build_object(
               'unknownCellCount', (SELECT count(*) FROM p) * (SELECT count(*) FROM sy) - (SELECT count(*) FROM c),
               'products', (SELECT json_agg(json_build_object('id', id, 'name', name, 'supplierName', supplier_name, 'currentVersion', current_version) ORDER BY i) FROM p),
               'systems', (SELECT json_agg(json_build_object('id', id, 'name', name, 'vendorName', vendor_name, 'currentVersion', current_version) ORDER BY i) FROM sy),
               'grid', json_build_object('statuses', json_build_array('SUPPORTED', 'PARTIAL', 'NOT_SUPPORTED', 'UNKNOWN'),
                 'evidenceLevels', json_build_array('VENDOR_CLAIMED', 'COUNTY_TESTED', 'VERIFIED_IN_PRODUCTION'),
                 'cells', (SELECT json_agg(json_build_array(pi, si, array_position(ARRAY['SUPPORTED', 'PARTIAL', 'NOT_SUPPORTED', 'UNKNOWN'], status) - 1,
                   array_position(ARRAY['VENDOR_CLAIMED', 'COUNTY_TESTED', 'VERIFIED_IN_PRODUCTION'], evidence) - 1, id, note)) FROM c)))))::text AS body`,
      values: [],
    }),
  },
  {
    name: 'similarNeeds on 100 000 needs',
    connections: 4,
    as: 'coach',
    query: '{ similarNeeds(title: "Nattillsyn väcker brukarna", description: "tillsyn på natten stör sömnen") { score need { id title status } } }',
    raw: (ctx) => ({
      text: `WITH q AS (SELECT replace(plainto_tsquery('swedish', $2)::text, ' & ', ' | ')::tsquery AS tsq)
             SELECT json_build_object('data', json_build_object('similarNeeds', coalesce(json_agg(json_build_object('score', round(s.score::numeric, 3),
               'need', json_build_object('id', s.id, 'title', s.title, 'status', s.status)) ORDER BY s.score DESC, s.id), '[]')))::text AS body
               FROM (SELECT n.id, n.title, n.status, 0.6 * similarity(n.title, $3) + 0.4 * ts_rank(n.search_vector, q.tsq, 32) AS score
                       FROM needs n, q
                      WHERE (n.search_vector @@ q.tsq OR n.title % $3) AND n.status NOT IN ('MERGED', 'DECLINED')
                        AND (n.status <> 'NEW' OR n.organization_id = $1)
                      ORDER BY score DESC, n.id LIMIT 5) s`,
      values: [ctx.users.coach.organizationId, 'Nattillsyn väcker brukarna tillsyn på natten stör sömnen', 'Nattillsyn väcker brukarna'],
    }),
  },
  {
    name: 'compatibleProducts(municipality, SAFETY_ALARM)',
    connections: 4,
    as: 'coordinator',
    query: (ctx) => `{ compatibleProducts(organizationId: "${ctx.users.coordinator.organizationId}", category: "SAFETY_ALARM") {
      compatible { product { id name } partial weakestEvidence reasons } excluded { product { id name } reasons } } }`,
    // The limit: each product of the category with the current statements for the organisation's systems.
    raw: (ctx) => ({
      text: `SELECT json_build_object('data', json_build_object('compatibleProducts', json_agg(json_build_object('product', json_build_object('id', p.id, 'name', p.name), 'checks', (
               SELECT coalesce(json_agg(json_build_object('systemId', os.system_id, 'status', cs.status, 'evidence', cs.evidence)), '[]')
                 FROM organization_systems os LEFT JOIN LATERAL (SELECT status, evidence FROM compatibility_statements cs
                   WHERE cs.product_id = p.id AND cs.system_id = os.system_id AND cs.superseded_at IS NULL ORDER BY asserted_at DESC LIMIT 1) cs ON true
                WHERE os.organization_id = $1)) ORDER BY lower(p.name), p.id)))::text AS body
               FROM products p WHERE p.category_id = (SELECT id FROM technology_categories WHERE key = 'SAFETY_ALARM')`,
      values: [ctx.users.coordinator.organizationId],
    }),
  },
  {
    name: 'mixed 80/20: needs page, comment',
    as: 'coach',
    // Per connection: four reads of the needs page, then one comment on a published need.
    requests: (ctx) => [
      ...Array.from({ length: 4 }, () => ({ query: NEEDS_MOST_SHARED })),
      { query: COMMENT, variables: { id: ctx.needIds[0] } },
    ],
    raw: (ctx) => [
      ...Array.from({ length: 4 }, () => ({ text: RAW_NEEDS_MOST_SHARED, values: [ctx.users.coach.organizationId] })),
      { text: RAW_COMMENT, values: [ctx.needIds[0], ctx.users.coach.id, ctx.users.coach.organizationId] },
    ],
  },
];
