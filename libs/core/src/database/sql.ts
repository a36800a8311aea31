/**
 * A piece of SQL with its values kept apart: `sql\`n.organization_id = ${id}\`` never puts `id` into the text.
 * The text parts (`strings`) are fixed by the code; only `values` come from the request, and they reach Postgres
 * as parameters ($1, $2, …) numbered when the statement is assembled.
 */
export interface SqlFragment {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return { strings, values };
}

/** A fragment of fixed SQL text without values (column lists, joins written in the code). */
sql.text = (text: string): SqlFragment => ({ strings: [text], values: [] });

/** The fragment's text with its values numbered from `$<offset + 1>`, and the values in that order. */
export function numbered(fragment: SqlFragment, offset: number): string {
  let text = fragment.strings[0];
  for (let i = 1; i < fragment.strings.length; i++) text += `$${offset + i}${fragment.strings[i]}`;
  return text;
}

/** What identifies a fragment's text (not its values): statements are cached by it. */
export function shapeOf(fragment: SqlFragment): string {
  return fragment.strings.join('\u0001');
}
