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

/** One line of the error summary; `target` is the id of the field it is about. */
export interface SummaryItem {
  message: string;
  target?: string;
}

/** Moves focus to a field from the summary's link (React Aria selects and groups get their first control). */
function focusField(id: string) {
  const element = document.getElementById(id);
  const control = element?.matches('input, textarea, select, button')
    ? element
    : element?.querySelector<HTMLElement>('input, textarea, select, button');
  (control ?? element)?.scrollIntoView({ block: 'center' });
  (control ?? element)?.focus({ preventScroll: true });
}

/**
 * Every error of a form (or a failed request) above it, announced when it appears; each field's error links to
 * that field (the GOV.UK error summary).
 */
export function ErrorSummary({ messages }: { messages: readonly (string | SummaryItem)[] }) {
  const { t } = useLanguage();
  const summary = useRef<HTMLDivElement>(null);
  const items = messages.map((m) => (typeof m === 'string' ? { message: m } : m));
  const key = items.map((i) => i.message).join('\n');
  useEffect(() => {
    if (key) summary.current?.focus();
  }, [key]);
  if (!items.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
      {items.some((i) => i.target) && <p className="error-summary-title">{t('form.summary')}</p>}
      <ul>
        {items.map(({ message, target }) => (
          <li key={message}>
            {target && document.getElementById(target) ? (
              <a
                href={`#${target}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusField(target);
                }}
              >
                {message}
              </a>
            ) : (
              message
            )}
          </li>
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
