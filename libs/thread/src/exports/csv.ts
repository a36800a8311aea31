/** CSV that Excel in Swedish opens cleanly: UTF-8 with BOM, `;` between cells, CRLF, decimal comma, ISO dates. */
export const CSV_BOM = '\uFEFF';

export type Cell = string | number | boolean | Date | null | undefined;

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(';') + '\r\n';
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // A cell starting with = + - @ would be run as a formula by Excel (CSV injection).
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A numeric column from Postgres (`numeric` arrives as a string): decimal comma, no thousands separator. */
export function decimal(value: string | number | null): string | null {
  return value === null ? null : String(value).replace('.', ',');
}
