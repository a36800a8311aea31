import { useLanguage } from '../app/i18n.js';
import type { MessageKey } from '../app/i18n/catalog.js';

/** A need's status as a labelled tag (text, not colour alone, carries the meaning). */
export function StatusTag({ status }: { status: string }) {
  const { t } = useLanguage();
  return <span className={`status status-${status.toLowerCase()}`}>{t(`needStatus.${status}` as MessageKey)}</span>;
}
