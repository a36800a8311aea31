import { type ReactNode, useEffect, useRef } from 'react';
import { useLanguage } from '../app/i18n.js';

/** The first page after a load keeps the browser's own focus order (the skip link comes first). */
let firstPageOfLoad = true;

/**
 * A page's heading and document title. The heading takes focus when navigation opens the page, so a screen
 * reader announces where a link led (a single-page app otherwise says nothing on navigation).
 */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstPageOfLoad) {
      firstPageOfLoad = false;
      return;
    }
    heading.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}

/** Every error of a form (or a failed request) above it, announced when it appears. */
export function ErrorSummary({ messages }: { messages: readonly string[] }) {
  const summary = useRef<HTMLDivElement>(null);
  const key = messages.join('\n');
  useEffect(() => {
    if (key) summary.current?.focus();
  }, [key]);
  if (!messages.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

export function Loading() {
  const { t } = useLanguage();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}
