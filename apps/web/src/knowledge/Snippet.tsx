import { Fragment } from 'react';

/**
 * The search's snippet: plain text with <mark>…</mark> around the matches. Only those two tags are read; all
 * other text, markup included, is rendered as text by React, so nothing in an article can inject HTML.
 */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(<mark>|<\/mark>)/);
  let marked = false;
  return (
    <>
      {parts.map((part, i) => {
        if (part === '<mark>') {
          marked = true;
          return null;
        }
        if (part === '</mark>') {
          marked = false;
          return null;
        }
        return marked ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>;
      })}
    </>
  );
}
