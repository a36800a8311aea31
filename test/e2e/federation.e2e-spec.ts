import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ManualClock, PasswordHasher, Role } from '#core';
import { ProcurementScanService } from '#procurement';
import {
  type NodeKeys,
  NodeKeys as Keys,
  publicPart,
  type Registry,
  recordUrn,
  RecordType,
  rotateKeyFile,
  SCHEMA_OF,
  signRegistry,
  type StoredKey,
} from '#federation';
import { createTestApi, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, login, organizationByCode, TEST_PASSWORD, type TestUser } from '../support/builders.js';
import { submittedProtocol } from '../support/review-builders.js';
import { vote } from '../support/testbed-builders.js';
import {
  AWARD,
  CALL_OFF,
  CHANGE_STATUS,
  CREATE_PROCUREMENT,
  JOIN,
  mobileAlarmProcurement,
} from '../support/procurement-builders.js';
import { eventually } from '../support/test-worker.js';
import { type AppProcess, freePort, httpGql, startAppProcess } from '../support/node-process.js';
import { deleteKeysMatching } from '../support/redis-keys.js';

/**
 * Three county nodes in one run: A is this test's own api (in process, listening on a port, with the clock the test
 * moves), B and C are api and worker processes of their own, each with its own database and key, all three and a
 * fourth node X (a feed the test writes by hand, to send forgeries) in one signed registry.
 */
const A_NAME = 'Region Västmanlands nod';
const run = randomUUID().slice(0, 6);
const SUPPLIER = `Tillsyn Nord AB ${run}`;
const PRODUCT = `Nattkamera ${run}`;
const JOURNAL = `Omsorgsjournal ${run}`;
const OTHER_JOURNAL = `Annan journal ${run}`;

/** Every field a feed record may carry, per schema (paths into the payload; `[]` for array items). */
const ALLOWED: Record<string, string[]> = {
  [SCHEMA_OF[RecordType.ARTICLE]]: ['title', 'summary', 'body', 'kind', 'sourceType', 'qualityGrade', 'categoryKey'],
  [SCHEMA_OF[RecordType.DECISION]]: [
    'title',
    'categoryKey',
    'outcome',
    'rationale',
    'conditions',
    'decidedAt',
    'protocolVersion',
    'protocolVersion.number',
    'protocolVersion.contentHash',
    'supersedes',
    'product',
    'product.supplierName',
    'product.name',
    'product.model',
    'product.categoryKey',
    'purpose',
    'expectedBenefit',
    'settings',
    'settings[]',
    'testedSizeClasses',
    'testedSizeClasses[]',
    'testedTargetGroups',
    'testedTargetGroups[]',
    'testedSystems',
    'testedSystems[]',
    'testedSystems[].vendorName',
    'testedSystems[].name',
    'testedSystems[].kindKey',
    'results',
    'results[]',
    'results[].criterion',
    'results[].targetValue',
    'results[].unit',
    'results[].measuredValue',
    'results[].met',
    'results[].comment',
    'lessons',
    'lessons[]',
  ],
  [SCHEMA_OF[RecordType.COMPATIBILITY]]: [
    'product',
    'product.supplierName',
    'product.name',
    'product.model',
    'product.categoryKey',
    'productVersions',
    'system',
    'system.vendorName',
    'system.name',
    'system.kindKey',
    'systemVersions',
    'status',
    'evidence',
    'note',
    'sourceNote',
    'assertedAt',
    'supersededAt',
    'supersededBy',
  ],
  [SCHEMA_OF[RecordType.AGREEMENT_OUTCOME]]: [
    'product',
    'product.supplierName',
    'product.name',
    'product.model',
    'product.categoryKey',
    'agreement',
    'agreement.title',
    'agreement.startsOn',
    'agreement.endsOn',
    'implementations',
    'followUps',
    'followUps[]',
    'followUps[].wave',
    'followUps[].suppressed',
    'followUps[].suppressionReason',
    'followUps[].due',
    'followUps[].answered',
    'followUps[].responseRate',
    'followUps[].indicators',
    'followUps[].indicators[]',
    'followUps[].indicators[].key',
    'followUps[].indicators[].label',
    'followUps[].indicators[].type',
    'followUps[].indicators[].unit',
    'followUps[].indicators[].responses',
    'followUps[].indicators[].mean',
    'followUps[].indicators[].sum',
    'followUps[].indicators[].suppressed',
  ],
};
const PAYLOAD_FIELDS = ['iss', 'id', 'version', 'seq', 'publishedAt', 'schema', 'deleted', 'data'];

function paths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => [`${prefix}[]`, ...paths(item, `${prefix}[]`)]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, v]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return [path, ...paths(v, path)];
    });
  return [];
}

function decode(jws: string): Record<string, any> {
  return JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString('utf8'));
}

interface Node {
  id: string;
  port: number;
  db: pg.Client;
  dbName: string;
  env: Record<string, string>;
  api?: AppProcess;
  worker?: AppProcess;
  staff: { email: string; token: string };
  coordinator: { email: string; token: string; organizationId: string };
}

describe('federation: county nodes share what they have learnt, signed and verifiable', () => {
  const clock = new ManualClock('2026-11-22T08:00:00.000Z');
  let dir: string;
  let api: TestApi;
  let aId: string;
  let staff: TestUser;
  let lead: TestUser;
  let flen: TestUser;
  const steering: TestUser[] = [];
  let b: Node;
  let c: Node;
  let x: { id: string; server: Server; feed: string[]; keys: NodeKeys; key: StoredKey };
  let bKeys: NodeKeys;
  let dKeys: NodeKeys;
  let articleId: string;
  let decisionId: string;
  let aProductId: string;
  const admin = () => new pg.Client({ connectionString: process.env.ADMIN_DATABASE_URL });

  async function moveTo(instant: string): Promise<void> {
    clock.set(instant);
    for (const user of [staff, lead, flen, ...steering]) user.token = await login(api, user.email);
  }

  function ok(response: GqlResponse | { data?: any; errors?: unknown }): Record<string, any> {
    if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  }

  async function makeNode(
    id: string,
    port: number,
    keyFile: string,
    registryFile: string,
    registryKey: string,
  ): Promise<Node> {
    const dbName = `${process.env.DATABASE_NAME}_fed_${randomUUID().slice(0, 6)}`;
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE "${dbName}" TEMPLATE "${process.env.DATABASE_NAME}"`);
    await client.end();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${dbName}`;
    const db = new pg.Client({ connectionString: url.toString() });
    db.on('error', () => undefined);
    await db.connect();
    const env = {
      DATABASE_URL: url.toString(),
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-${dbName.slice(-6)}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      READY_REQUIRES_WORKER: 'false',
      FEDERATION_NODE_ID: id,
      FEDERATION_KEY_FILE: keyFile,
      FEDERATION_REGISTRY_FILE: registryFile,
      FEDERATION_REGISTRY_KEY: registryKey,
      FEDERATION_PULL_SECONDS: '1',
      FEDERATION_BACKOFF_MAX_SECONDS: '2',
      FEDERATION_REQUEST_TIMEOUT_SECONDS: '5',
      WORKER_HEARTBEAT_SECONDS: '2',
      WORKER_STALE_AFTER_SECONDS: '10',
    };
    const hash = await PasswordHasher.hash(TEST_PASSWORD);
    const user = async (code: string, roles: Role[]) => {
      const email = `fed-${randomUUID().slice(0, 8)}@test.noden.se`;
      const [{ id: orgId }] = (
        await db.query(`SELECT id FROM organizations WHERE code = $1 OR name = $1 OR short_name = $1`, [code])
      ).rows;
      const [{ id: userId }] = (
        await db.query(
          `INSERT INTO users (organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
          [orgId, email, email, hash],
        )
      ).rows;
      for (const role of roles)
        await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [userId, role]);
      return { email, token: '', organizationId: orgId as string };
    };
    return {
      id,
      port,
      db,
      dbName,
      env,
      staff: await user('Noden', [Role.NODE_STAFF]),
      coordinator: await user('0482', [Role.MUNICIPALITY_COORDINATOR]),
    };
  }

  async function start(node: Node): Promise<void> {
    node.api = startAppProcess('api', node.env);
    node.worker = startAppProcess('worker', node.env);
    await eventually(async () => (await fetch(`${node.id}/health`).catch(() => null))?.ok, 300_000, 500).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${node.api!.output()}`);
      },
    );
    node.staff.token = ok(await httpGql(node.id, LOGIN, { e: node.staff.email, p: TEST_PASSWORD })).login.accessToken;
    node.coordinator.token = ok(
      await httpGql(node.id, LOGIN, { e: node.coordinator.email, p: TEST_PASSWORD }),
    ).login.accessToken;
  }

  async function stop(node: Node): Promise<void> {
    await Promise.all([node.api?.stop(), node.worker?.stop()]);
  }

  const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;
  const SEARCH = `query($q: String!) { knowledgeSearch(query: $q, first: 20) { nodes { title source sourceId origin { nodeId name } } } }`;
  const search = async (node: Node, q: string) =>
    ok(await httpGql(node.id, SEARCH, { q }, node.staff.token)).knowledgeSearch.nodes as {
      title: string;
      source: string;
      sourceId: string;
      origin: { nodeId: string; name: string } | null;
    }[];

  async function catalogue(gql: (query: string, variables: Record<string, unknown>) => Promise<any>) {
    const supplierId = ok(
      await gql(`mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`, { i: { name: SUPPLIER } }),
    ).createSupplier.id;
    const productId = ok(
      await gql(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`, {
        i: { category: 'DIGITAL_SUPERVISION', supplierId, name: PRODUCT, versions: [{ version: '3.1' }] },
      }),
    ).createProduct.id;
    const system = async (name: string) =>
      ok(
        await gql(`mutation($i: CreateSystemInput!) { createSystem(input: $i) { id } }`, {
          i: { kind: 'CARE_DOCUMENTATION', name, vendorName: 'Journal AB', versions: [{ version: '7.0' }] },
        }),
      ).createSystem.id as string;
    return { productId: productId as string, journal: await system(JOURNAL), other: await system(OTHER_JOURNAL) };
  }

  const ASSERT = `mutation($i: AssertCompatibilityInput!) { assertCompatibility(input: $i) { id } }`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'noden-federation-'));
    const [portA, portB, portC, portX] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const ids = {
      a: `http://127.0.0.1:${portA}`,
      b: `http://127.0.0.1:${portB}`,
      c: `http://127.0.0.1:${portC}`,
      x: `http://127.0.0.1:${portX}`,
    };
    aId = ids.a;
    const now = new Date('2026-11-22T08:00:00.000Z');
    const made = async (name: string) => {
      const path = join(dir, `${name}.key.json`);
      const { added } = await rotateKeyFile(path, now, 14);
      return { path, key: added, keys: await Keys.load({ keyFile: path }) };
    };
    const [ka, kb, kc, kx, kd, registryKey] = await Promise.all(['a', 'b', 'c', 'x', 'd', 'registry'].map(made));
    bKeys = kb.keys;
    dKeys = kd.keys;
    const registry: Registry = {
      version: 1,
      issuedAt: now.toISOString(),
      nodes: [
        { id: ids.a, name: A_NAME, county: 'Västmanlands län', keys: [ka.key.kid] },
        { id: ids.b, name: 'Region Sörmlands nod', county: 'Södermanlands län', keys: [kb.key.kid] },
        { id: ids.c, name: 'Region Örebro läns nod', county: 'Örebro län', keys: [kc.key.kid] },
        { id: ids.x, name: 'Testnod X', county: 'Testlän', keys: [kx.key.kid] },
      ],
    };
    const registryFile = join(dir, 'registry.jws');
    await writeFile(registryFile, await signRegistry(registry, registryKey.key));
    const pinned = JSON.stringify(publicPart(registryKey.key));

    // X: a node whose feed the test writes, to send what a real node never would.
    x = { id: ids.x, server: createServer(), feed: [], keys: kx.keys, key: kx.key };
    x.server.on('request', (req, res) => {
      const url = new URL(req.url!, ids.x);
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/.well-known/noden/jwks.json')
        return res.end(JSON.stringify(x.keys.publicJwks(new Date())));
      if (url.pathname !== '/federation/v1/changes') return res.writeHead(404).end('{}');
      const after = Number(url.searchParams.get('after') ?? 0);
      const records = x.feed.slice(after);
      res.end(JSON.stringify({ records, next: x.feed.length }));
    });
    await new Promise<void>((resolve) => x.server.listen(portX, '127.0.0.1', resolve));

    Object.assign(process.env, {
      FEDERATION_NODE_ID: ids.a,
      FEDERATION_KEY_FILE: ka.path,
      FEDERATION_REGISTRY_FILE: registryFile,
      FEDERATION_REGISTRY_KEY: pinned,
    });
    api = await createTestApi(clock);
    await api.app.listen({ port: portA, host: '127.0.0.1' });
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    lead = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'lead');
    flen = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'flen');
    for (const code of ['0484', '0482', '0488', '0486', '0483', '04'])
      steering.push(await createUser(api, code, [Role.STEERING_MEMBER], `steering-${code}`));

    b = await makeNode(ids.b, portB, kb.path, registryFile, pinned);
    c = await makeNode(ids.c, portC, kc.path, registryFile, pinned);
    await Promise.all([start(b), start(c)]);
  }, 240_000);

  afterAll(async () => {
    for (const name of [
      'FEDERATION_NODE_ID',
      'FEDERATION_KEY_FILE',
      'FEDERATION_REGISTRY_FILE',
      'FEDERATION_REGISTRY_KEY',
    ])
      delete process.env[name];
    await Promise.all([b, c].filter(Boolean).map((node) => stop(node)));
    await api?.close();
    await new Promise((resolve) => x?.server.close(resolve));
    const client = admin();
    await client.connect();
    for (const node of [b, c].filter(Boolean)) {
      await node.db.end();
      await client.query(`DROP DATABASE IF EXISTS "${node.dbName}" WITH (FORCE)`);
      await deleteKeysMatching(`${node.env.QUEUE_PREFIX}:*`);
    }
    await client.end();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("shows a decision and an article published on A in B's portal, each with its origin", async () => {
    const created = ok(
      await api.gql(
        `mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }`,
        {
          i: {
            kind: 'LESSON',
            title: `Nattlarm via mobilapp i glesbygd ${run}`,
            summary: 'Larmet når nattpatrullen även utan täckning vid boendet.',
            body: 'Erfarenheter från tre kommuner i Västmanland.',
            sourceType: 'COUNTY_TEST',
            qualityGrade: 'ASSESSED',
          },
        },
        { token: staff.token },
      ),
    );
    articleId = created.createArticle.id;
    ok(
      await api.gql(`mutation($id: ID!) { publishArticle(id: $id) { id } }`, { id: articleId }, { token: staff.token }),
    );
    const protocol = await submittedProtocol(api, lead, [flen], { title: `Digital nattillsyn med kamera ${run}` });
    let last: GqlResponse | undefined;
    for (const member of steering) last = await vote(api, member, protocol.versionId, 'RECOMMEND');
    decisionId = ok(last!).castSteeringVote.decision.id;

    const article = await eventually(
      async () => (await search(b, `mobilapp ${run}`)).find((hit) => hit.sourceId === articleId),
      60_000,
      500,
    ).catch(async (error: Error) => {
      const peers = (
        await b.db.query(
          `SELECT node_id, last_seq, last_error, failures, received_count, refused_count FROM federation_peers`,
        )
      ).rows;
      const held = (await b.db.query(`SELECT urn, record_type, deleted FROM federated_records`)).rows;
      const entries = (
        await b.db.query(`SELECT title, origin_name FROM knowledge_entries WHERE origin_node_id IS NOT NULL`)
      ).rows;
      const refusals = (await b.db.query(`SELECT reason, detail FROM federation_refusals`)).rows;
      const feed = await (await fetch(`${aId}/federation/v1/changes?after=0&limit=5`)).text();
      throw new Error(
        `${error.message}\n${JSON.stringify({ peers, held, entries, refusals, feed: feed.slice(0, 3000) }, null, 1)}\n${b.worker!.output().slice(-3000)}`,
      );
    });
    expect(article.origin).toEqual({ nodeId: aId, name: A_NAME });
    const decision = await eventually(
      async () => (await search(b, `nattillsyn ${run}`)).find((hit) => hit.sourceId === decisionId),
      30_000,
      500,
    );
    expect(decision).toMatchObject({ source: 'TEST_DECISION', origin: { name: A_NAME } });
    expect(decision.title).toContain(`Digital nattillsyn med kamera ${run}`);
  }, 120_000);

  it("shows A's statement in C's matrix and compatibleProducts marked as A's, never over C's own", async () => {
    const onA = await catalogue((q, v) => api.gql(q, v, { token: staff.token }));
    aProductId = onA.productId;
    ok(
      await api.gql(
        ASSERT,
        {
          i: {
            productId: onA.productId,
            productVersions: '*',
            systemId: onA.journal,
            systemVersions: '>=7 <8',
            status: 'SUPPORTED',
            evidence: 'VENDOR_CLAIMED',
          },
        },
        { token: staff.token },
      ),
    );
    ok(
      await api.gql(
        ASSERT,
        {
          i: {
            productId: onA.productId,
            productVersions: '*',
            systemId: onA.other,
            systemVersions: '*',
            status: 'NOT_SUPPORTED',
            evidence: 'VENDOR_CLAIMED',
          },
        },
        { token: staff.token },
      ),
    );
    // C knows the same product and systems (entered by its own staff) and has its own word on one pair.
    const onC = await catalogue((q, v) => httpGql(c.id, q, v, c.staff.token));
    ok(
      await httpGql(
        c.id,
        ASSERT,
        {
          i: {
            productId: onC.productId,
            productVersions: '*',
            systemId: onC.other,
            systemVersions: '*',
            status: 'SUPPORTED',
            evidence: 'VENDOR_CLAIMED',
          },
        },
        c.staff.token,
      ),
    );

    const MATRIX = `{ compatibilityMatrix(category: "DIGITAL_SUPERVISION", systemKind: "CARE_DOCUMENTATION") { cells { productId systemId status originNodeId originName } } }`;
    const cells = await eventually(
      async () => {
        const found = ok(await httpGql(c.id, MATRIX, {}, c.staff.token)).compatibilityMatrix.cells.filter(
          (cell: { productId: string }) => cell.productId === onC.productId,
        );
        return found.some((cell: { systemId: string }) => cell.systemId === onC.journal) && found;
      },
      60_000,
      500,
    );
    expect(cells.find((cell: { systemId: string }) => cell.systemId === onC.journal)).toEqual({
      productId: onC.productId,
      systemId: onC.journal,
      status: 'SUPPORTED',
      originNodeId: aId,
      originName: A_NAME,
    });
    // A says NOT_SUPPORTED for the other journal, C's own statement says SUPPORTED: C's stands.
    expect(cells.find((cell: { systemId: string }) => cell.systemId === onC.other)).toMatchObject({
      status: 'SUPPORTED',
      originNodeId: null,
    });

    ok(
      await httpGql(
        c.id,
        `mutation($i: SetOrganizationSystemInput!) { setOrganizationSystem(input: $i) { id } }`,
        { i: { organizationId: c.coordinator.organizationId, systemId: onC.journal, version: '7.0' } },
        c.staff.token,
      ),
    );
    const fits = ok(
      await httpGql(
        c.id,
        `query($o: ID!) { compatibleProducts(organizationId: $o, category: "DIGITAL_SUPERVISION") { compatible { product { id } checks { systemId status originName } } } }`,
        { o: c.coordinator.organizationId },
        c.staff.token,
      ),
    ).compatibleProducts.compatible;
    expect(fits.find((f: { product: { id: string } }) => f.product.id === onC.productId)?.checks).toContainEqual({
      systemId: onC.journal,
      status: 'SUPPORTED',
      originName: A_NAME,
    });
  }, 120_000);

  it('makes an article withdrawn on A disappear on B', async () => {
    ok(
      await api.gql(
        `mutation($id: ID!) { withdrawArticle(id: $id) { status } }`,
        { id: articleId },
        { token: staff.token },
      ),
    );
    await eventually(
      async () => !(await search(b, `mobilapp ${run}`)).some((hit) => hit.sourceId === articleId),
      60_000,
      500,
    );
    const held = (
      await b.db.query(`SELECT deleted, data, version FROM federated_records WHERE record_id = $1`, [articleId])
    ).rows;
    expect(held).toEqual([{ deleted: true, data: null, version: 2 }]);
  }, 90_000);

  it("refuses a record re-signed by B claiming to be A's, one from a node not in the registry, a tampered one, and ignores an older version replayed after a newer", async () => {
    const id = randomUUID();
    const record = (iss: string, version: number, title: string, seq: number) => ({
      iss,
      id: recordUrn(iss, RecordType.ARTICLE, id),
      version,
      seq,
      publishedAt: new Date().toISOString(),
      schema: SCHEMA_OF[RecordType.ARTICLE],
      data: {
        title,
        summary: 'Från testnoden',
        body: `Text ${run}`,
        kind: 'LESSON',
        sourceType: 'COUNTY_TEST',
        qualityGrade: 'LIMITED',
        categoryKey: null,
      },
    });
    const genuine = (await x.keys.sign(record(x.id, 2, `Version två ${run}`, 4))).jws;
    const [header, , signature] = genuine.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify(record(x.id, 3, `Förfalskad ${run}`, 3))).toString('base64url')}.${signature}`;
    x.feed.push(
      (await bKeys.sign(record(aId, 1, `Omsignerad ${run}`, 1))).jws,
      (await dKeys.sign(record('http://127.0.0.1:1', 1, `Okänd nod ${run}`, 2))).jws,
      tampered,
      genuine,
      (await bKeys.sign(record(x.id, 5, `Fel nyckel ${run}`, 5))).jws,
    );
    const reasons = await eventually(
      async () => {
        const rows = (
          await b.db.query(`SELECT reason FROM federation_refusals WHERE peer_node_id = $1 ORDER BY seq`, [x.id])
        ).rows;
        return rows.length >= 4 && rows.map((r) => r.reason);
      },
      60_000,
      500,
    );
    expect(reasons).toEqual(['ISSUER_NOT_ORIGIN', 'UNKNOWN_NODE', 'SIGNATURE_INVALID', 'KEY_NOT_REGISTERED']);
    await eventually(
      async () => (await search(b, `Version två ${run}`)).some((hit) => hit.origin?.name === 'Testnod X'),
      30_000,
      500,
    );
    const titles = (await search(b, run)).map((hit) => hit.title);
    for (const refused of ['Omsignerad', 'Okänd nod', 'Förfalskad', 'Fel nyckel'])
      expect(titles).not.toContain(`${refused} ${run}`);

    // The older version again, at a later place in the feed: it changes nothing.
    x.feed.push((await x.keys.sign(record(x.id, 1, `Version ett ${run}`, 6))).jws);
    await eventually(
      async () =>
        Number(
          (await b.db.query(`SELECT last_seq FROM federation_peers WHERE node_id = $1`, [x.id])).rows[0].last_seq,
        ) === 6,
      30_000,
      500,
    );
    const [held] = (
      await b.db.query(`SELECT version, data->>'title' AS title FROM federated_records WHERE record_id = $1`, [id])
    ).rows;
    expect(held).toEqual({ version: 2, title: `Version två ${run}` });
    expect((await search(b, `Version ett ${run}`)).filter((hit) => hit.title.includes('Version ett'))).toEqual([]);
  }, 90_000);

  it('lets node C, down for a while, catch up exactly once, while B goes on pulling A', async () => {
    await stop(c);
    const titles = [1, 2, 3].map((n) => `Lärdom nummer ${n} om nattlarm ${run}`);
    for (const title of titles) {
      const id = ok(
        await api.gql(
          `mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }`,
          {
            i: {
              kind: 'LESSON',
              title,
              summary: 'Sammanfattning',
              body: 'Text',
              sourceType: 'COUNTY_TEST',
              qualityGrade: 'LIMITED',
            },
          },
          { token: staff.token },
        ),
      ).createArticle.id;
      ok(await api.gql(`mutation($id: ID!) { publishArticle(id: $id) { id } }`, { id }, { token: staff.token }));
    }
    // B is not held up by C being down: it has A's new articles, and says what is wrong with C.
    await eventually(async () => (await search(b, `Lärdom nattlarm ${run}`)).length === 3, 60_000, 500);
    const ready = await eventually(
      async () => {
        const body = (await (await fetch(`${b.id}/ready`)).json()) as Record<string, any>;
        const peer = body.checks.federation.peers.find((p: { nodeId: string }) => p.nodeId === c.id);
        return peer?.lastError && peer.failures >= 1 && body;
      },
      30_000,
      500,
    );
    expect(ready.checks.federation.ok).toBe(true);
    expect(ready.checks.federation.peers.find((p: { nodeId: string }) => p.nodeId === aId)).toMatchObject({
      lastError: null,
      failures: 0,
    });

    await start(c);
    await eventually(async () => (await search(c, `Lärdom nattlarm ${run}`)).length === 3, 90_000, 500);
    const aOutbox = (
      await api.app.get((await import('#core')).Db).manager.query(`SELECT max(seq)::int AS seq FROM federation_outbox`)
    )[0].seq;
    await eventually(
      async () =>
        Number(
          (await c.db.query(`SELECT last_seq FROM federation_peers WHERE node_id = $1`, [aId])).rows[0].last_seq,
        ) >= aOutbox,
      30_000,
      500,
    );
    const [counts] = (
      await c.db.query(
        `SELECT p.received_count::int AS received, (SELECT count(*)::int FROM federated_record_versions v JOIN federated_records r ON r.urn = v.urn WHERE r.origin_node_id = p.node_id) AS versions,
                (SELECT count(*)::int FROM federated_records r WHERE r.origin_node_id = p.node_id) AS records
           FROM federation_peers p WHERE p.node_id = $1`,
        [aId],
      )
    ).rows;
    // Every version stored once: as many accepted as kept, none twice, whatever was pulled again after the restart.
    expect(counts.received).toBe(counts.versions);
    const published = await api.app
      .get((await import('#core')).Db)
      .manager.query(`SELECT record_id::text AS id, version FROM federation_published ORDER BY 1`);
    const held = (
      await c.db.query(
        `SELECT record_id::text AS id, version FROM federated_records WHERE origin_node_id = $1 ORDER BY 1`,
        [aId],
      )
    ).rows;
    expect(held).toEqual(published);
    expect(counts.records).toBe(published.length);
  }, 700_000);

  it('hides a node node staff stop trusting at once, keeps its records, and shows them again when trusted', async () => {
    const TRUST = `mutation($n: String!, $t: Boolean!, $r: String) { setFederationTrust(nodeId: $n, trusted: $t, reason: $r) { nodeId trusted distrustReason recordCount } }`;
    const refused = await httpGql(b.id, TRUST, { n: aId, t: false }, b.staff.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const forbidden = await httpGql(b.id, TRUST, { n: aId, t: false, r: 'x' }, b.coordinator.token);
    expect(forbidden.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const distrusted = ok(
      await httpGql(b.id, TRUST, { n: aId, t: false, r: 'Nyckeln kan ha läckt' }, b.staff.token),
    ).setFederationTrust;
    expect(distrusted).toMatchObject({ trusted: false, distrustReason: 'Nyckeln kan ha läckt' });
    expect(distrusted.recordCount).toBeGreaterThan(0);
    expect(await search(b, `Lärdom nattlarm ${run}`)).toEqual([]);
    const audit = (await b.db.query(`SELECT action FROM audit_log WHERE action LIKE 'federation.%'`)).rows;
    expect(audit).toEqual([{ action: 'federation.nodeDistrusted' }]);
    ok(await httpGql(b.id, TRUST, { n: aId, t: true }, b.staff.token));
    expect(await search(b, `Lärdom nattlarm ${run}`)).toHaveLength(3);
  }, 60_000);

  it("shows other counties' agreement outcomes for the same product, and transferability from A's decision", async () => {
    await moveTo('2060-01-10T09:00:00.000Z');
    const created = ok(
      await api.gql(
        CREATE_PROCUREMENT,
        {
          i: mobileAlarmProcurement({
            title: `Nattkameror ${run}`,
            category: 'DIGITAL_SUPERVISION',
            participationOpensOn: '2060-01-15',
            participationClosesOn: '2060-02-15',
          }),
        },
        { token: staff.token },
      ),
    ).createProcurement;
    ok(
      await api.gql(CHANGE_STATUS, { i: { id: created.id, status: 'OPEN_FOR_PARTICIPATION' } }, { token: staff.token }),
    );
    await moveTo('2060-01-20T09:00:00.000Z');
    const lotId = created.lots[0].id;
    ok(
      await api.gql(
        JOIN,
        {
          i: {
            procurementId: created.id,
            contactName: 'Flens kontakt',
            contactEmail: flen.email,
            volumes: [{ lotId, estimatedVolume: 10 }],
          },
        },
        { token: flen.token },
      ),
    );
    await moveTo('2060-02-20T09:00:00.000Z');
    ok(await api.gql(CHANGE_STATUS, { i: { id: created.id, status: 'TENDERING' } }, { token: staff.token }));
    const supplierId = ok(
      await api.gql(
        `query($id: ID!) { product(id: $id) { supplier { id } } }`,
        { id: aProductId },
        { token: staff.token },
      ),
    ).product.supplier.id;
    const agreementId = ok(
      await api.gql(
        AWARD,
        {
          i: {
            procurementId: created.id,
            startsOn: '2060-03-01',
            endsOn: '2062-02-28',
            callOffMethod: 'DIRECT_BY_RANKING',
            followUpOrganizationId: (await organizationByCode(api, 'Noden')).id,
            followUpContactName: 'Avtalsförvaltare',
            followUpContactEmail: 'avtal@noden.example.se',
            lots: [{ lotId, suppliers: [{ supplierId, ranking: 1, productIds: [aProductId] }] }],
          },
        },
        { token: staff.token },
      ),
    ).awardFrameworkAgreement.id;
    await moveTo('2060-03-05T09:00:00.000Z');
    await api.app.get(ProcurementScanService).run();
    const callOffId = ok(
      await api.gql(
        CALL_OFF,
        { i: { agreementId, lotId, productId: aProductId, quantity: 10, valueSek: 30_000 } },
        { token: flen.token },
      ),
    ).createCallOff.callOff.id;
    ok(
      await api.gql(
        `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`,
        {
          i: {
            productId: aProductId,
            callOffId,
            setting: 'HOME_CARE',
            responsibleUserId: flen.id,
            goLiveOn: '2060-03-10',
          },
        },
        { token: flen.token },
      ),
    );

    const cProduct = (await c.db.query(`SELECT id FROM products WHERE name = $1`, [PRODUCT])).rows[0].id;
    const outcomes = await eventually(
      async () => {
        const list = ok(
          await httpGql(
            c.id,
            `query($p: ID!) { otherCountiesOutcomes(productId: $p) { originName originCounty agreementTitle startsOn endsOn productName supplierName implementations followUps { wave suppressed due answered } } }`,
            { p: cProduct },
            c.coordinator.token,
          ),
        ).otherCountiesOutcomes;
        return list[0]?.implementations === 1 && list; // published with the call-off, then again with the implementation
      },
      120_000,
      500,
    );
    expect(outcomes).toEqual([
      {
        originName: A_NAME,
        originCounty: 'Västmanlands län',
        agreementTitle: `Nattkameror ${run}`,
        startsOn: '2060-03-01',
        endsOn: '2062-02-28',
        productName: PRODUCT,
        supplierName: SUPPLIER,
        implementations: 1,
        // One municipality's follow-ups: withheld from other counties by the small-number rule.
        followUps: [
          { wave: 12, suppressed: true, due: null, answered: null },
          { wave: 24, suppressed: true, due: null, answered: null },
        ],
      },
    ]);

    const urn = recordUrn(aId, RecordType.DECISION, decisionId);
    const assessed = ok(
      await httpGql(
        b.id,
        `query($d: String!) { federatedTransferability(decisionId: $d) { decisionUrn originName title organization { code } fullyCovered testedSizeClasses summary } }`,
        { d: urn },
        b.coordinator.token,
      ),
    ).federatedTransferability;
    expect(assessed).toMatchObject({ decisionUrn: urn, originName: A_NAME, organization: { code: '0482' } });
    expect(assessed.testedSizeClasses.length).toBeGreaterThan(0);
    expect(typeof assessed.summary).toBe('string');
  }, 180_000);

  it('never puts personal data in any feed: every field of every record is on its allow-list', async () => {
    const people = [staff, lead, flen, ...steering].flatMap((u) => [u.email, u.id, u.organizationId]);
    let checked = 0;
    for (const node of [aId, b.id, c.id]) {
      let after = 0;
      for (;;) {
        const page = (await (await fetch(`${node}/federation/v1/changes?after=${after}&limit=100`)).json()) as {
          records: string[];
          next: number;
        };
        for (const jws of page.records) {
          const payload = decode(jws);
          expect(Object.keys(payload).filter((key) => !PAYLOAD_FIELDS.includes(key))).toEqual([]);
          if (payload.data) {
            expect(paths(payload.data).filter((path) => !ALLOWED[payload.schema].includes(path))).toEqual([]);
            const text = JSON.stringify(payload.data);
            expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
            for (const value of people) expect(text).not.toContain(value);
          }
          checked++;
        }
        if (page.records.length < 100) break;
        after = page.next;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  }, 60_000);
});
