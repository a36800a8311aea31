import { useId } from 'react';
import { useLanguage } from '../app/i18n.js';
import { formatNumber } from '../app/format.js';
import { downloadBlob, toCsv } from './csv.js';

export interface Series {
  key: string;
  label: string;
  /** A fill that meets 3:1 against white (WCAG 1.4.11), told apart by the legend and the table too. */
  color: string;
}

export interface Row {
  label: string;
  values: Record<string, number | null>;
  /** Why the row shows no figures (the small-number rule), instead of a zero that would mislead. */
  note?: string;
  /** Why one figure is missing (withheld, or no data), in place of that figure. */
  missing?: Partial<Record<string, string>>;
}

interface Props {
  title: string;
  series: Series[];
  rows: Row[];
  digits?: number;
  csvName: string;
}

/**
 * Horizontal bars drawn as plain SVG: a few dozen bars need no charting library, and SVG text scales and prints.
 * The drawing is one labelled image for screen readers; the table below it carries every figure, and the CSV
 * the same rows for Excel (semicolons, decimal comma, BOM).
 */
export function BarChart({ title, series, rows, digits = 0, csvName }: Props) {
  const { t, lang } = useLanguage();
  const id = useId();
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => r.values[s.key] ?? 0)));
  const barHeight = 14;
  const groupHeight = series.length * (barHeight + 2) + 12;
  const labelWidth = 170;
  const width = 640;
  const plotWidth = width - labelWidth - 70;
  const height = rows.length * groupHeight + 8;
  const shown = (r: Row, key: string) =>
    r.values[key] === null && r.missing?.[key] ? r.missing[key] : formatNumber(r.values[key], lang, digits);
  const summary = rows
    .map((r) => `${r.label}: ${r.note ?? series.map((s) => `${s.label} ${shown(r, s.key)}`).join(', ')}`)
    .join('; ');

  const downloadCsv = () => {
    const header = [t('overview.csv.row'), ...series.map((s) => s.label)];
    const lines = rows.map((r) => [r.label, ...series.map((s) => r.values[s.key])]);
    downloadBlob(toCsv([header, ...lines]), `${csvName}.csv`);
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card chart">
      <h2 id={`${id}-title`}>{title}</h2>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.color }} /> {s.label}
          </li>
        ))}
      </ul>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <desc id={`${id}-desc`}>{summary}</desc>
        {rows.map((row, i) => {
          const y = i * groupHeight + 4;
          return (
            <g key={row.label}>
              <text
                x={labelWidth - 8}
                y={y + groupHeight / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="chart-label"
              >
                {row.label}
              </text>
              {row.note ? (
                <text x={labelWidth + 4} y={y + groupHeight / 2} dominantBaseline="middle" className="chart-note">
                  {row.note}
                </text>
              ) : (
                series.map((s, j) => {
                  const value = row.values[s.key] ?? 0;
                  const w = (value / max) * plotWidth;
                  const by = y + j * (barHeight + 2);
                  return (
                    <g key={s.key}>
                      <rect
                        x={labelWidth}
                        y={by}
                        width={Math.max(w, value > 0 ? 2 : 0)}
                        height={barHeight}
                        fill={s.color}
                      />
                      <text
                        x={labelWidth + w + 4}
                        y={by + barHeight / 2}
                        dominantBaseline="middle"
                        className="chart-value"
                      >
                        {shown(row, s.key)}
                      </text>
                    </g>
                  );
                })
              )}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t('overview.showTable')}</summary>
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overview.csv.row')}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  {r.note ? (
                    <td colSpan={series.length}>{r.note}</td>
                  ) : (
                    series.map((s) => <td key={s.key}>{shown(r, s.key)}</td>)
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <button type="button" className="link-button" onClick={downloadCsv}>
        {t('overview.downloadCsv', { title })}
      </button>
    </section>
  );
}
