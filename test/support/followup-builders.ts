import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Db, Role } from '#core';
import type { TestApi } from './test-api.js';
import { createUser, login, type TestUser } from './builders.js';

export const DEFAULT_ANSWER = {
  activeUsersWomen: 7,
  activeUsersMen: 4,
  activeUsersOther: 0,
  meetsNeeds: 4,
  perceivedSafety: 5,
  deviations: 1,
  technicalFaults: 2,
  continuedUse: true,
};

const RECORD = `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id goLiveOn status followUps { id wave dueOn status } } }`;

export interface FollowUpActors {
  staff: TestUser;
  coordinator: TestUser;
  contact: TestUser;
  productId: string;
}

/** Node staff, a coordinator and a contact in the municipality, and a product in `category`. */
export async function followUpActors(
  api: TestApi,
  municipality = '0484',
  category = 'DIGITAL_SUPERVISION',
): Promise<FollowUpActors> {
  const staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
  const coordinator = await createUser(api, municipality, [Role.MUNICIPALITY_COORDINATOR], 'coordinator');
  const contact = await createUser(api, municipality, [Role.TECH_COACH], 'contact');
  const productId = await createProduct(api, staff, category);
  return { staff, coordinator, contact, productId };
}

/** Tokens expire by the clock: after moving it, log everyone in again. */
export async function refreshTokens(api: TestApi, actors: FollowUpActors): Promise<void> {
  for (const user of [actors.staff, actors.coordinator, actors.contact]) user.token = await login(api, user.email);
}

export async function createProduct(
  api: TestApi,
  staff: TestUser,
  category: string,
  name = `Tillsyn ${Math.random().toString(36).slice(2, 8)}`,
): Promise<string> {
  const supplier = await api.gql(
    `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`,
    { i: { name: `Leverantör ${name}` } },
    { token: staff.token },
  );
  const product = await api.gql(
    `mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`,
    { i: { category, supplierId: supplier.data?.createSupplier.id, name } },
    { token: staff.token },
  );
  if (!product.data?.createProduct) throw new Error(`createProduct failed: ${JSON.stringify(product.errors)}`);
  return product.data.createProduct.id;
}

/** Records an implementation as the coordinator; extra fields override the defaults. */
export async function recordImplementation(
  api: TestApi,
  actors: FollowUpActors,
  goLiveOn: string | null,
  extra: Record<string, unknown> = {},
  token = actors.coordinator.token,
) {
  const response = await api.gql(
    RECORD,
    {
      i: {
        productId: actors.productId,
        setting: 'HOME_CARE',
        responsibleUserId: actors.contact.id,
        goLiveOn,
        ...extra,
      },
    },
    { token },
  );
  if (!response.data?.recordImplementation)
    throw new Error(`recordImplementation failed: ${JSON.stringify(response.errors)}`);
  return response.data.recordImplementation as {
    id: string;
    goLiveOn: string | null;
    followUps: { id: string; wave: number; dueOn: string; status: string }[];
  };
}

export interface FollowUpRow {
  id: string;
  wave: number;
  due_on: string;
  status: string;
  schedule_version: number;
}

export async function followUpsOf(api: TestApi, implementationIds: string | string[]): Promise<FollowUpRow[]> {
  return api.app
    .get(Db)
    .manager.query(
      `SELECT id, wave, to_char(due_on, 'YYYY-MM-DD') AS due_on, status, schedule_version FROM follow_ups WHERE implementation_id = ANY($1::uuid[]) ORDER BY implementation_id, wave`,
      [[implementationIds].flat()],
    );
}

/** How many notifications of a kind, and audit entries of an action, each follow-up has. */
export async function countsPerFollowUp(
  api: TestApi,
  followUpIds: string[],
  kind: string,
  action: string,
): Promise<{ notifications: number[]; audits: number[] }> {
  const db = api.app.get(Db);
  const rows: { id: string; notifications: string; audits: string }[] = await db.manager.query(
    `SELECT f.id,
            (SELECT count(*) FROM notifications n WHERE n.entity_id = f.id AND n.kind = $2) AS notifications,
            (SELECT count(*) FROM audit_log a WHERE a.entity_id = f.id::text AND a.action = $3) AS audits
       FROM unnest($1::uuid[]) AS f(id)`,
    [followUpIds, kind, action],
  );
  return { notifications: rows.map((r) => Number(r.notifications)), audits: rows.map((r) => Number(r.audits)) };
}

export { deleteQueueKeys } from './redis-keys.js';

export interface CapturedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port that keeps what it receives. */
export async function startSmtpServer(): Promise<{ url: string; mails: CapturedMail[]; close: () => Promise<void> }> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
