/**
 * The four kinds of record a node shares, and the one allow-list per schema: a record whose `data` holds a field
 * not listed here, or a value of the wrong shape, is refused on receipt (and never published: the publisher
 * validates what it signs). Keep in sync with docs/federation.md.
 */
export enum RecordType {
  ARTICLE = 'article',
  DECISION = 'decision',
  COMPATIBILITY = 'compatibility',
  AGREEMENT_OUTCOME = 'agreement-outcome',
}

export const SCHEMA_OF: Record<RecordType, string> = {
  [RecordType.ARTICLE]: 'noden.article/1',
  [RecordType.DECISION]: 'noden.test-decision/1',
  [RecordType.COMPATIBILITY]: 'noden.compatibility-statement/1',
  [RecordType.AGREEMENT_OUTCOME]: 'noden.agreement-outcome/1',
};

type Spec =
  | { t: 'string'; max?: number; enum?: readonly string[]; nullable?: boolean; format?: 'date-time' | 'date' | 'urn' }
  | { t: 'integer'; min?: number; nullable?: boolean }
  | { t: 'number'; nullable?: boolean }
  | { t: 'boolean' }
  | { t: 'array'; items: Spec; max?: number }
  | { t: 'object'; fields: Record<string, Spec>; nullable?: boolean };

const text = (max: number, nullable = false): Spec => ({ t: 'string', max, nullable });
const oneOf = (values: readonly string[], nullable = false): Spec => ({ t: 'string', enum: values, nullable });
const dateTime = (nullable = false): Spec => ({ t: 'string', format: 'date-time', nullable });
const obj = (fields: Record<string, Spec>, nullable = false): Spec => ({ t: 'object', fields, nullable });

const PRODUCT_REF = obj({ supplierName: text(300), name: text(300), model: text(300, true), categoryKey: text(100) });
const SYSTEM_REF = obj({ vendorName: text(300), name: text(300), kindKey: text(100) });

export const DATA_SCHEMAS: Record<string, Spec> = {
  [SCHEMA_OF[RecordType.ARTICLE]]: obj({
    title: text(300),
    summary: text(2000),
    body: text(100_000),
    kind: oneOf(['LESSON', 'GOOD_EXAMPLE', 'GUIDANCE', 'CHECKLIST', 'TEST_REPORT']),
    sourceType: oneOf([
      'PEER_REVIEWED_STUDY',
      'NATIONAL_GUIDANCE',
      'COUNTY_TEST',
      'SINGLE_SITE_EXPERIENCE',
      'VENDOR_MATERIAL',
    ]),
    qualityGrade: oneOf(['STRONG', 'ASSESSED', 'LIMITED', 'UNASSESSED']),
    categoryKey: text(100, true),
  }),
  [SCHEMA_OF[RecordType.DECISION]]: obj({
    title: text(300),
    categoryKey: text(100),
    outcome: oneOf(['RECOMMEND', 'RECOMMEND_WITH_CONDITIONS', 'DO_NOT_RECOMMEND', 'TEST_MORE']),
    rationale: text(20_000),
    conditions: text(20_000, true),
    decidedAt: dateTime(),
    protocolVersion: obj({ number: { t: 'integer', min: 1 }, contentHash: text(200) }),
    supersedes: { t: 'string', format: 'urn', nullable: true },
    product: { ...(PRODUCT_REF as { t: 'object'; fields: Record<string, Spec> }), nullable: true },
    purpose: text(20_000),
    expectedBenefit: text(20_000, true),
    settings: {
      t: 'array',
      items: oneOf(['HOME_CARE', 'SPECIAL_HOUSING', 'HOME_HEALTH_CARE', 'DISABILITY_SUPPORT']),
      max: 10,
    },
    testedSizeClasses: { t: 'array', items: oneOf(['SMALL', 'MEDIUM', 'LARGE']), max: 3 },
    testedTargetGroups: { t: 'array', items: text(100), max: 20 },
    testedSystems: { t: 'array', items: SYSTEM_REF, max: 200 },
    results: {
      t: 'array',
      max: 200,
      items: obj({
        criterion: text(300),
        targetValue: { t: 'number' },
        unit: text(50),
        measuredValue: { t: 'number' },
        met: { t: 'boolean' },
        comment: text(5000, true),
      }),
    },
    lessons: { t: 'array', items: text(5000), max: 500 },
  }),
  [SCHEMA_OF[RecordType.COMPATIBILITY]]: obj({
    product: PRODUCT_REF,
    productVersions: text(200),
    system: SYSTEM_REF,
    systemVersions: text(200),
    status: oneOf(['SUPPORTED', 'PARTIAL', 'NOT_SUPPORTED', 'UNKNOWN']),
    evidence: oneOf(['VENDOR_CLAIMED', 'COUNTY_TESTED', 'VERIFIED_IN_PRODUCTION']),
    note: text(5000, true),
    sourceNote: text(2000, true),
    assertedAt: dateTime(),
    supersededAt: dateTime(true),
    supersededBy: { t: 'string', format: 'urn', nullable: true },
  }),
  [SCHEMA_OF[RecordType.AGREEMENT_OUTCOME]]: obj({
    product: PRODUCT_REF,
    agreement: obj({
      title: text(300),
      startsOn: { t: 'string', format: 'date' },
      endsOn: { t: 'string', format: 'date' },
    }),
    implementations: { t: 'integer', min: 0 },
    followUps: {
      t: 'array',
      max: 2,
      items: obj({
        wave: { t: 'integer', min: 12 },
        suppressed: { t: 'boolean' },
        suppressionReason: oneOf(['TOO_FEW_ORGANIZATIONS', 'TOO_FEW_PEOPLE'], true),
        due: { t: 'integer', min: 0, nullable: true },
        answered: { t: 'integer', min: 0, nullable: true },
        responseRate: { t: 'number', nullable: true },
        indicators: {
          t: 'array',
          max: 100,
          items: obj({
            key: text(100),
            label: text(300),
            type: text(50),
            unit: text(50, true),
            responses: { t: 'integer', min: 0 },
            mean: { t: 'number', nullable: true },
            sum: { t: 'number', nullable: true },
            suppressed: { t: 'boolean' },
          }),
        },
      }),
    },
  }),
};

/** The fields of the payload around `data`; nothing else may be there either. */
export const PAYLOAD_FIELDS = ['iss', 'id', 'version', 'seq', 'publishedAt', 'schema', 'deleted', 'data'] as const;

export interface RecordPayload {
  iss: string;
  id: string;
  version: number;
  seq: number;
  publishedAt: string;
  schema: string;
  deleted?: true;
  data?: Record<string, unknown>;
}

const URN = /^urn:noden:([^:]+(?::[0-9]+)?):([a-z-]+):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** `urn:noden:<node>:<type>:<uuid>`, where <node> is the node id's host (and port), e.g. noden.regionvastmanland.se. */
export function recordUrn(nodeId: string, type: RecordType, id: string): string {
  return `urn:noden:${new URL(nodeId).host}:${type}:${id}`;
}

export function parseUrn(urn: string): { host: string; type: RecordType; id: string } | null {
  const match = URN.exec(urn);
  if (!match || !Object.values(RecordType).includes(match[2] as RecordType)) return null;
  return { host: match[1], type: match[2] as RecordType, id: match[3] };
}

/** Problems with a payload, as `path: what`; empty when it conforms. */
export function validatePayload(payload: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(payload)) return ['payload: not an object'];
  for (const key of Object.keys(payload))
    if (!(PAYLOAD_FIELDS as readonly string[]).includes(key)) problems.push(`${key}: not allowed`);
  if (typeof payload.iss !== 'string') problems.push('iss: required');
  if (typeof payload.id !== 'string' || !parseUrn(payload.id))
    problems.push('id: not a urn:noden:<node>:<type>:<uuid>');
  if (!Number.isInteger(payload.version) || (payload.version as number) < 1) problems.push('version: integer ≥ 1');
  if (!Number.isInteger(payload.seq) || (payload.seq as number) < 1) problems.push('seq: integer ≥ 1');
  if (typeof payload.publishedAt !== 'string' || Number.isNaN(Date.parse(payload.publishedAt)))
    problems.push('publishedAt: date-time');
  const schema = DATA_SCHEMAS[payload.schema as string];
  if (!schema) problems.push(`schema: unknown (${String(payload.schema)})`);
  const parsed = typeof payload.id === 'string' ? parseUrn(payload.id) : null;
  if (schema && parsed && SCHEMA_OF[parsed.type] !== payload.schema) problems.push('schema: does not fit the id');
  if (payload.deleted !== undefined && payload.deleted !== true) problems.push('deleted: only true');
  if (payload.deleted) {
    if (payload.data !== undefined) problems.push('data: a tombstone has none');
  } else if (schema) {
    check(schema, payload.data, 'data', problems);
    const data = payload.data as Record<string, unknown> | undefined;
    if (payload.schema === SCHEMA_OF[RecordType.COMPATIBILITY] && data?.status === 'PARTIAL' && !data.note)
      problems.push('data.note: required when PARTIAL');
  }
  return problems;
}

/** A last guard for free text: an e-mail address is personal data, whatever field it hides in. */
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function check(spec: Spec, value: unknown, path: string, problems: string[]): void {
  if (value === null && 'nullable' in spec && spec.nullable) return;
  switch (spec.t) {
    case 'string':
      if (typeof value !== 'string') return void problems.push(`${path}: string`);
      if (EMAIL.test(value)) problems.push(`${path}: holds an e-mail address (personal data is never shared)`);
      if (spec.max && value.length > spec.max) problems.push(`${path}: longer than ${spec.max}`);
      if (spec.enum && !spec.enum.includes(value)) problems.push(`${path}: one of ${spec.enum.join(', ')}`);
      if (spec.format === 'date-time' && Number.isNaN(Date.parse(value))) problems.push(`${path}: date-time`);
      if (spec.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) problems.push(`${path}: date`);
      if (spec.format === 'urn' && !parseUrn(value)) problems.push(`${path}: urn`);
      return;
    case 'integer':
      if (!Number.isInteger(value)) return void problems.push(`${path}: integer`);
      if (spec.min !== undefined && (value as number) < spec.min) problems.push(`${path}: at least ${spec.min}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${path}: number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: boolean`);
      return;
    case 'array':
      if (!Array.isArray(value)) return void problems.push(`${path}: array`);
      if (spec.max !== undefined && value.length > spec.max) problems.push(`${path}: more than ${spec.max}`);
      value.forEach((item, i) => check(spec.items, item, `${path}[${i}]`, problems));
      return;
    case 'object':
      if (!isObject(value)) return void problems.push(`${path}: object`);
      for (const key of Object.keys(value)) if (!(key in spec.fields)) problems.push(`${path}.${key}: not allowed`);
      for (const [key, field] of Object.entries(spec.fields)) {
        if (!(key in value)) {
          problems.push(`${path}.${key}: required`);
          continue;
        }
        check(field, value[key], `${path}.${key}`, problems);
      }
      return;
  }
}
