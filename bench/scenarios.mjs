// Scenarios for bench/run.mjs. Each one is what a client sends to Noden (`query`, `variables`, as which user)
// and the hand-written single SQL statement the bare node:http + pg endpoint answers the same question with
// (`raw`). To add one, append an object; `requests` (instead of `query`) gives a sequence of mixed requests.
//
// `connections` caps the concurrent clients of a heavy scenario (seconds per request would only queue up).
//
// `ctx` (built by run.mjs from the bench data): users.{coach,staff,coordinator} = { email, id, organizationId },
// municipalityId, needIds (published needs to comment on), traceNeedId (a need with a full thread: test, decision,
// procurement, agreement, call-offs, implementations).

const NEEDS_MOST_SHARED = `query { needs(sort: MOST_SHARED, first: 50) {
  nodes { id title status endorsementCount peopleAffected organization { name } category { key labelSv } }
  pageInfo { endCursor hasNextPage } } }`;

// The visibility rule of NeedPolicy (published, or the caller's own organisation), written out by hand.
const RAW_NEEDS_MOST_SHARED = `
  SELECT json_build_object('data', json_build_object('needs', json_build_object('nodes', coalesce(json_agg(json_build_object(
           'id', n.id, 'title', n.title, 'status', n.status, 'endorsementCount', n.endorsement_count, 'peopleAffected', n.people_affected,
           'organization', json_build_object('name', o.name), 'category', json_build_object('key', c.key, 'labelSv', c.label_sv))
           ORDER BY n.endorsement_count DESC, n.people_affected DESC, n.created_at DESC, n.id DESC), '[]'))))::text AS body
    FROM (SELECT * FROM needs n WHERE (n.published_at IS NOT NULL OR n.organization_id = $1) AND n.status <> 'MERGED'
           ORDER BY n.endorsement_count DESC, n.people_affected DESC, n.created_at DESC, n.id DESC LIMIT 51) n
    JOIN organizations o ON o.id = n.organization_id LEFT JOIN technology_categories c ON c.id = n.category_id`;

const COMMENT = `mutation($id: ID!) { commentOnNeed(input: { needId: $id, body: "Vi ser samma sak hos oss, särskilt nattetid." }) { id } }`;
const RAW_COMMENT = `INSERT INTO need_comments (need_id, author_user_id, organization_id, body, created_at)
  VALUES ($1, $2, $3, 'Vi ser samma sak hos oss, särskilt nattetid.', now()) RETURNING json_build_object('data', json_build_object('commentOnNeed', json_build_object('id', id)))::text AS body`;

// The one-statement limit of a trace: the same connected thread, but walked through each link table's own index
// (one lateral lookup per step type) rather than over the union of all links; each step with its title, status,
// dates, owner and follow-ups, without the per-step tenant rules (run as node staff, who see the whole thread).
const NEXT_STEPS = `
  SELECT 'TEST_PROTOCOL', protocol_id FROM test_protocol_needs WHERE r.type = 'NEED' AND need_id = r.id
  UNION ALL SELECT 'PROCUREMENT', procurement_id FROM procurement_needs WHERE r.type = 'NEED' AND need_id = r.id
  UNION ALL SELECT 'IMPLEMENTATION', implementation_id FROM implementation_needs WHERE r.type = 'NEED' AND need_id = r.id
  UNION ALL SELECT 'NEED', need_id FROM test_protocol_needs WHERE r.type = 'TEST_PROTOCOL' AND protocol_id = r.id
  UNION ALL SELECT 'TEST_DECISION', id FROM test_decisions WHERE r.type = 'TEST_PROTOCOL' AND protocol_id = r.id
  UNION ALL SELECT 'TEST_PROTOCOL', protocol_id FROM test_decisions WHERE r.type = 'TEST_DECISION' AND id = r.id
  UNION ALL SELECT 'PROCUREMENT', procurement_id FROM procurement_test_decisions WHERE r.type = 'TEST_DECISION' AND test_decision_id = r.id
  UNION ALL SELECT 'TEST_DECISION', test_decision_id FROM procurement_test_decisions WHERE r.type = 'PROCUREMENT' AND procurement_id = r.id
  UNION ALL SELECT 'NEED', need_id FROM procurement_needs WHERE r.type = 'PROCUREMENT' AND procurement_id = r.id
  UNION ALL SELECT 'FRAMEWORK_AGREEMENT', id FROM framework_agreements WHERE r.type = 'PROCUREMENT' AND procurement_id = r.id
  UNION ALL SELECT 'PROCUREMENT', procurement_id FROM framework_agreements WHERE r.type = 'FRAMEWORK_AGREEMENT' AND id = r.id
  UNION ALL SELECT 'CALL_OFF', id FROM call_offs WHERE r.type = 'FRAMEWORK_AGREEMENT' AND agreement_id = r.id
  UNION ALL SELECT 'FRAMEWORK_AGREEMENT', agreement_id FROM call_offs WHERE r.type = 'CALL_OFF' AND id = r.id
  UNION ALL SELECT 'IMPLEMENTATION', id FROM implementations WHERE r.type = 'CALL_OFF' AND call_off_id = r.id
  UNION ALL SELECT 'CALL_OFF', call_off_id FROM implementations WHERE r.type = 'IMPLEMENTATION' AND id = r.id AND call_off_id IS NOT NULL
  UNION ALL SELECT 'NEED', need_id FROM implementation_needs WHERE r.type = 'IMPLEMENTATION' AND implementation_id = r.id`;
const REACHED_EDGES = `
  SELECT need_id AS from_id, protocol_id AS to_id, 'NEED_TESTED' AS kind FROM test_protocol_needs WHERE need_id IN (SELECT id FROM reached)
  UNION ALL SELECT protocol_id, id, 'TEST_DECIDED' FROM test_decisions WHERE protocol_id IN (SELECT id FROM reached)
  UNION ALL SELECT test_decision_id, procurement_id, 'DECISION_PROCURED' FROM procurement_test_decisions WHERE test_decision_id IN (SELECT id FROM reached)
  UNION ALL SELECT need_id, procurement_id, 'NEED_PROCURED' FROM procurement_needs WHERE need_id IN (SELECT id FROM reached)
  UNION ALL SELECT procurement_id, id, 'PROCUREMENT_AWARDED' FROM framework_agreements WHERE procurement_id IN (SELECT id FROM reached)
  UNION ALL SELECT agreement_id, id, 'AGREEMENT_CALLED_OFF' FROM call_offs WHERE agreement_id IN (SELECT id FROM reached)
  UNION ALL SELECT call_off_id, id, 'CALL_OFF_IMPLEMENTED' FROM implementations WHERE call_off_id IN (SELECT id FROM reached)
  UNION ALL SELECT need_id, implementation_id, 'NEED_IMPLEMENTED' FROM implementation_needs WHERE need_id IN (SELECT id FROM reached)`;
// Each step is read per reached id (a lateral lookup): joined to the recursive result, whose size Postgres cannot
// estimate, the planner hashes all 100 000 needs.
const RAW_TRACE = `
  WITH RECURSIVE reached(type, id) AS (
    SELECT $1::text, $2::uuid
    UNION
    SELECT n.type, n.id FROM reached r CROSS JOIN LATERAL (${NEXT_STEPS}) n(type, id)),
  edges AS (${REACHED_EDGES}),
  steps AS (SELECT s.* FROM reached r CROSS JOIN LATERAL (
    SELECT 'NEED' AS type, n.id, n.title, n.status, n.created_at::date AS started, NULL::date AS ends, n.organization_id AS org, 1 AS ord FROM needs n WHERE r.type = 'NEED' AND n.id = r.id
    UNION ALL SELECT 'TEST_PROTOCOL', p.id, p.title, p.status, p.planned_start, p.planned_end, p.lead_organization_id, 2 FROM test_protocols p WHERE r.type = 'TEST_PROTOCOL' AND p.id = r.id
    UNION ALL SELECT 'TEST_DECISION', d.id, p.title, d.outcome, d.decided_at::date, NULL, p.lead_organization_id, 3 FROM test_decisions d JOIN test_protocols p ON p.id = d.protocol_id WHERE r.type = 'TEST_DECISION' AND d.id = r.id
    UNION ALL SELECT 'PROCUREMENT', pr.id, pr.title, pr.status, pr.created_at::date, pr.participation_closes_on, pr.lead_organization_id, 4 FROM procurements pr WHERE r.type = 'PROCUREMENT' AND pr.id = r.id
    UNION ALL SELECT 'FRAMEWORK_AGREEMENT', a.id, pr.title, pr.status, a.starts_on, a.ends_on, pr.lead_organization_id, 5
      FROM framework_agreements a JOIN procurements pr ON pr.id = a.procurement_id WHERE r.type = 'FRAMEWORK_AGREEMENT' AND a.id = r.id
    UNION ALL SELECT 'CALL_OFF', c.id, pd.name, c.method, c.called_off_on, NULL, c.organization_id, 6 FROM call_offs c JOIN products pd ON pd.id = c.product_id WHERE r.type = 'CALL_OFF' AND c.id = r.id
    UNION ALL SELECT 'IMPLEMENTATION', i.id, pd.name, i.status, i.go_live_on, NULL, i.organization_id, 7 FROM implementations i JOIN products pd ON pd.id = i.product_id WHERE r.type = 'IMPLEMENTATION' AND i.id = r.id) s)
  SELECT json_build_object('data', json_build_object('trace', json_build_object(
    'nodes', (SELECT json_agg(json_build_object('id', s.id, 'entityType', s.type, 'title', s.title, 'status', s.status, 'startedOn', s.started, 'endsOn', s.ends,
               'organizations', json_build_array(json_build_object('name', o.name)),
               'followUps', (SELECT coalesce(json_agg(json_build_object('wave', f.wave, 'dueOn', f.due_on, 'status', f.status) ORDER BY f.wave), '[]')
                               FROM follow_ups f WHERE f.implementation_id = s.id)) ORDER BY s.ord, s.started, s.id)
                FROM steps s JOIN organizations o ON o.id = s.org),
    'edges', (SELECT json_agg(json_build_object('from', e.from_id, 'to', e.to_id, 'kind', e.kind)) FROM edges e),
    'municipalities', (SELECT json_agg(json_build_object('name', name) ORDER BY name) FROM (SELECT DISTINCT o.name FROM steps s JOIN organizations o ON o.id = s.org) m))))::text AS body`;

const TRACE = `query($id: ID!) { trace(entityType: NEED, id: $id) {
  nodes { id entityType title status startedOn endsOn organizations { name } followUps { wave dueOn status continuedUse } }
  edges { from to kind } municipalities { name } } }`;

const COUNTY_OVERVIEW = `{ countyOverview { asOf decisionsThisYear decisionsThisYearByOutcome { outcome count } needsByStatus { status count }
  mostSharedNeeds { id title endorsementCount } protocolsAwaitingReview { id title } procurementsOpenForParticipation { id title }
  agreementsExpiringWithin6Months { id endsOn } equityBySex { women men otherOrUnknown suppressed }
  equityBySizeClass { sizeClass municipalities population implementations peopleAccepted implementationsPer10000 peopleAcceptedPer10000 suppressed }
  equityByMunicipality { organization { name } population sizeClass implementations peopleAccepted implementationsPer10000 peopleAcceptedPer10000 suppressed }
  followUpsByMunicipality { organization { name } due answered overdue suppressed } } }`;

// The limit: every figure in one statement, without the small-number rule (no suppression) and with size classes
// as a CASE on the population.
const RAW_COUNTY_OVERVIEW = `
  WITH f AS (
    SELECT organization_id, count(*) FILTER (WHERE status = 'OPEN') AS due, count(*) FILTER (WHERE status = 'ANSWERED') AS answered,
           count(*) FILTER (WHERE status = 'OVERDUE') AS overdue
      FROM follow_ups WHERE status IN ('OPEN', 'ANSWERED', 'OVERDUE') GROUP BY organization_id),
  i AS (
    SELECT organization_id, count(*) AS implementations, coalesce(sum(accepted_women), 0) AS women, coalesce(sum(accepted_men), 0) AS men,
           coalesce(sum(accepted_other), 0) AS other
      FROM implementations WHERE status <> 'DISCONTINUED' GROUP BY organization_id),
  m AS (
    SELECT o.id, o.name, o.population,
           CASE WHEN o.population < 15000 THEN 'SMALL' WHEN o.population < 50000 THEN 'MEDIUM' ELSE 'LARGE' END AS size_class,
           coalesce(f.due, 0) AS due, coalesce(f.answered, 0) AS answered, coalesce(f.overdue, 0) AS overdue,
           coalesce(i.implementations, 0) AS implementations, coalesce(i.women, 0) AS women, coalesce(i.men, 0) AS men, coalesce(i.other, 0) AS other
      FROM organizations o LEFT JOIN f ON f.organization_id = o.id LEFT JOIN i ON i.organization_id = o.id
     WHERE o.kind = 'MUNICIPALITY')
  SELECT json_build_object('data', json_build_object('countyOverview', json_build_object(
    'asOf', current_date,
    'decisionsThisYear', (SELECT count(*) FROM test_decisions WHERE decided_at >= date_trunc('year', now())),
    'decisionsThisYearByOutcome', (SELECT coalesce(json_agg(json_build_object('outcome', outcome, 'count', c) ORDER BY outcome), '[]')
       FROM (SELECT outcome, count(*) AS c FROM test_decisions WHERE decided_at >= date_trunc('year', now()) GROUP BY outcome) d),
    'needsByStatus', (SELECT json_agg(json_build_object('status', status, 'count', c) ORDER BY status)
       FROM (SELECT status, count(*) AS c FROM needs WHERE status <> 'MERGED' AND (published_at IS NOT NULL OR organization_id = $1) GROUP BY status) n),
    'mostSharedNeeds', (SELECT json_agg(json_build_object('id', id, 'title', title, 'endorsementCount', endorsement_count))
       FROM (SELECT id, title, endorsement_count FROM needs WHERE status <> 'MERGED' AND (published_at IS NOT NULL OR organization_id = $1)
              ORDER BY endorsement_count DESC, people_affected DESC, created_at DESC, id DESC LIMIT 5) n),
    'protocolsAwaitingReview', (SELECT coalesce(json_agg(json_build_object('id', id, 'title', title)), '[]')
       FROM (SELECT id, title FROM test_protocols WHERE status = 'SUBMITTED_FOR_REVIEW' ORDER BY created_at, id LIMIT 100) p),
    'procurementsOpenForParticipation', (SELECT coalesce(json_agg(json_build_object('id', id, 'title', title)), '[]')
       FROM (SELECT id, title FROM procurements WHERE status = 'OPEN_FOR_PARTICIPATION' ORDER BY created_at DESC, id DESC LIMIT 100) p),
    'agreementsExpiringWithin6Months', (SELECT coalesce(json_agg(json_build_object('id', id, 'endsOn', ends_on) ORDER BY ends_on), '[]')
       FROM framework_agreements WHERE ends_on BETWEEN current_date AND current_date + interval '6 months'),
    'equityBySex', (SELECT json_build_object('women', sum(women), 'men', sum(men), 'otherOrUnknown', sum(other), 'suppressed', false) FROM m),
    'equityBySizeClass', (SELECT json_agg(json_build_object('sizeClass', size_class, 'municipalities', n, 'population', p, 'implementations', i, 'peopleAccepted', a,
         'implementationsPer10000', round(10000.0 * i / nullif(p, 0), 1), 'peopleAcceptedPer10000', round(10000.0 * a / nullif(p, 0), 1), 'suppressed', false))
       FROM (SELECT size_class, count(*) AS n, sum(population) AS p, sum(implementations) AS i, sum(women + men + other) AS a FROM m GROUP BY size_class) s),
    'equityByMunicipality', (SELECT json_agg(json_build_object('organization', json_build_object('name', name), 'population', population, 'sizeClass', size_class,
         'implementations', implementations, 'peopleAccepted', women + men + other, 'implementationsPer10000', round(10000.0 * implementations / nullif(population, 0), 1),
         'peopleAcceptedPer10000', round(10000.0 * (women + men + other) / nullif(population, 0), 1), 'suppressed', false) ORDER BY name) FROM m),
    'followUpsByMunicipality', (SELECT json_agg(json_build_object('organization', json_build_object('name', name), 'due', due, 'answered', answered,
         'overdue', overdue, 'suppressed', false) ORDER BY name) FROM m))))::text AS body`;

const KNOWLEDGE_SEARCH = `{ knowledgeSearch(query: "larm", first: 20) {
  nodes { id source sourceId kind title summary snippet rank datedAt } pageInfo { endCursor hasNextPage } } }`;

// The limit: the same ranking (compound parts or'ed in, published or own organisation) and headlines, one statement.
const RAW_KNOWLEDGE_SEARCH = `
  WITH q AS (SELECT websearch_to_tsquery('swedish', $1) || plainto_tsquery('swedish', knowledge_compound_parts_of($1)) AS tsq),
  ranked AS (SELECT e.id, e.source, e.source_id, e.kind, e.title, e.summary, e.body, e.dated_at, ts_rank(e.search, q.tsq) AS rank
               FROM knowledge_entries e, q WHERE e.search @@ q.tsq AND (e.published OR e.organization_id = $2)
              ORDER BY rank DESC, e.id LIMIT 21)
  SELECT json_build_object('data', json_build_object('knowledgeSearch', json_build_object(
    'nodes', coalesce(json_agg(json_build_object('id', p.id, 'source', p.source, 'sourceId', p.source_id, 'kind', p.kind, 'title', p.title, 'summary', p.summary,
      'snippet', ts_headline('swedish', p.summary || E'\\n' || p.body, q.tsq, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'),
      'rank', p.rank, 'datedAt', p.dated_at) ORDER BY p.rank DESC, p.id), '[]'),
    'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM ranked) > 20))))::text AS body
    FROM (SELECT * FROM ranked ORDER BY rank DESC, id LIMIT 20) p, q`;

export const SCENARIOS = [
  {
    name: 'products(first: 50) + category, supplier',
    as: 'coach',
    query:
      '{ products(first: 50) { nodes { id name currentVersion category { key labelSv } supplier { name } } pageInfo { endCursor hasNextPage } } }',
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
    query:
      '{ similarNeeds(title: "Nattillsyn väcker brukarna", description: "tillsyn på natten stör sömnen") { score need { id title status } } }',
    raw: (ctx) => ({
      text: `WITH q AS (SELECT replace(plainto_tsquery('swedish', $2)::text, ' & ', ' | ')::tsquery AS tsq)
             SELECT json_build_object('data', json_build_object('similarNeeds', coalesce(json_agg(json_build_object('score', round(s.score::numeric, 3),
               'need', json_build_object('id', s.id, 'title', s.title, 'status', s.status)) ORDER BY s.score DESC, s.id), '[]')))::text AS body
               FROM (SELECT n.id, n.title, n.status, 0.6 * similarity(n.title, $3) + 0.4 * ts_rank(n.search_vector, q.tsq, 32) AS score
                       FROM needs n, q
                      WHERE n.id IN ((SELECT c.id FROM needs c WHERE c.status NOT IN ('MERGED', 'DECLINED') ORDER BY c.title <-> $3 LIMIT 200)
                                     UNION (SELECT c.id FROM needs c WHERE c.status NOT IN ('MERGED', 'DECLINED') AND c.search_vector @@ plainto_tsquery('swedish', $3) LIMIT 200)
                                     UNION (SELECT c.id FROM needs c WHERE c.status NOT IN ('MERGED', 'DECLINED') AND c.search_vector @@ plainto_tsquery('swedish', $2) LIMIT 200))
                        AND (n.search_vector @@ q.tsq OR n.title % $3) AND n.status NOT IN ('MERGED', 'DECLINED')
                        AND (n.published_at IS NOT NULL OR n.organization_id = $1)
                      ORDER BY score DESC, n.id LIMIT 5) s`,
      values: [
        ctx.users.coach.organizationId,
        'Nattillsyn väcker brukarna tillsyn på natten stör sömnen',
        'Nattillsyn väcker brukarna',
      ],
    }),
  },
  {
    name: 'triage inbox: 20 NEW needs with their likely duplicates',
    connections: 2,
    as: 'staff',
    query:
      '{ needs(statuses: [NEW], sort: NEWEST, first: 20) { nodes { id title possibleDuplicates { score need { id title } } } } }',
    raw: () => ({
      text: `SELECT json_build_object('data', json_build_object('needs', json_build_object('nodes', coalesce(json_agg(json_build_object(
               'id', src.id, 'title', src.title, 'possibleDuplicates', d.list) ORDER BY src.created_at DESC, src.id DESC), '[]'))))::text AS body
               FROM (SELECT * FROM needs WHERE status = 'NEW' ORDER BY created_at DESC, id DESC LIMIT 20) src
               CROSS JOIN LATERAL (
                 SELECT coalesce(json_agg(json_build_object('score', round(cand.score::numeric, 3), 'need', json_build_object('id', cand.id, 'title', cand.title))
                          ORDER BY cand.score DESC, cand.id), '[]') AS list
                   FROM (SELECT c.id, c.title, 0.6 * similarity(c.title, src.title) + 0.4 * ts_rank(c.search_vector, q.tsq, 32) AS score
                           FROM needs c, (SELECT replace(plainto_tsquery('swedish', src.title || ' ' || src.description)::text, ' & ', ' | ')::tsquery AS tsq) q
                          WHERE c.id IN ((SELECT k.id FROM needs k WHERE k.id <> src.id AND k.status <> 'MERGED' ORDER BY k.title <-> src.title LIMIT 100)
                                         UNION (SELECT k.id FROM needs k WHERE k.id <> src.id AND k.status <> 'MERGED' AND k.search_vector @@ plainto_tsquery('swedish', src.title) LIMIT 100)
                                         UNION (SELECT k.id FROM needs k WHERE k.id <> src.id AND k.status <> 'MERGED'
                                                  AND k.search_vector @@ plainto_tsquery('swedish', src.title || ' ' || src.description) LIMIT 100))
                            AND c.id <> src.id AND c.status <> 'MERGED' AND (c.search_vector @@ q.tsq OR c.title % src.title)
                          ORDER BY score DESC, c.id LIMIT 5) cand
                  WHERE cand.score >= 0.25) d`,
      values: [],
    }),
  },
  {
    name: 'compatibleProducts(municipality, SAFETY_ALARM)',
    connections: 4,
    as: 'coordinator',
    query: (
      ctx,
    ) => `{ compatibleProducts(organizationId: "${ctx.users.coordinator.organizationId}", category: "SAFETY_ALARM") {
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
    name: 'trace(NEED) of a full thread (23 steps)',
    connections: 4,
    as: 'staff',
    query: TRACE,
    variables: (ctx) => ({ id: ctx.traceNeedId }),
    raw: (ctx) => ({ text: RAW_TRACE, values: ['NEED', ctx.traceNeedId] }),
  },
  {
    name: 'countyOverview as steering member',
    connections: 4,
    as: 'steering',
    query: COUNTY_OVERVIEW,
    raw: (ctx) => ({ text: RAW_COUNTY_OVERVIEW, values: [ctx.users.steering.organizationId] }),
  },
  {
    name: 'knowledgeSearch("larm", first: 20)',
    as: 'coach',
    query: KNOWLEDGE_SEARCH,
    raw: (ctx) => ({ text: RAW_KNOWLEDGE_SEARCH, values: ['larm', ctx.users.coach.organizationId] }),
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
