import { useState } from 'react';
import { useLanguage } from '../app/i18n.js';

/**
 * A content checksum as people can use it: the start, enough to compare by eye, and a button that copies the
 * whole value (for whoever needs to verify it elsewhere).
 */
export function Checksum({ value }: { value: string }) {
  const { t } = useLanguage();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };
  return (
    <span className="checksum">
      <code className="hash" title={value}>
        {value.slice(0, 12)}…
      </code>{' '}
      <button type="button" className="link-button" onClick={() => void copy().catch(() => setCopied(false))}>
        {t('checksum.copy')}
      </button>
      <span role="status" className="muted">
        {copied ? ` ${t('checksum.copied')}` : ''}
      </span>
    </span>
  );
}
