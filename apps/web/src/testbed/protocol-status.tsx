import type { Role } from '../app/SessionProvider.js';
import { useLanguage } from '../app/i18n.js';
import type { MessageKey } from '../app/i18n/catalog.js';

export const PROTOCOL_STATUSES = [
  'DRAFT',
  'RUNNING',
  'COMPLETED',
  'SUBMITTED_FOR_REVIEW',
  'DECIDED',
  'WITHDRAWN',
] as const;
export type ProtocolStatus = (typeof PROTOCOL_STATUSES)[number];

/** Keep in sync with PROTOCOL_EDITOR_ROLES in libs/testbed (the api decides, this only hides what it would refuse). */
export const PROTOCOL_EDITOR_ROLES: Role[] = [
  'NODE_ADMIN',
  'NODE_STAFF',
  'MUNICIPALITY_COORDINATOR',
  'STEERING_MEMBER',
];

export function ProtocolStatusTag({ status }: { status: string }) {
  const { t } = useLanguage();
  return (
    <span className={`status protocol-${status.toLowerCase()}`}>{t(`protocolStatus.${status}` as MessageKey)}</span>
  );
}
