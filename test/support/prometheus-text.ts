/** One sample of the Prometheus text exposition format: `name{label="value",...} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses the text exposition format (version 0.0.4) as Prometheus reads it: comments, HELP/TYPE lines, escaped
 * label values. Throws on a line it cannot read, so a malformed exposition fails the test.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
  const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/gy;
  for (const raw of text.split('\n')) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const match = line.exec(raw);
    if (!match) throw new Error(`not an exposition line: ${raw}`);
    const labels: Record<string, string> = {};
    if (match[2]) {
      label.lastIndex = 0;
      let consumed = 0;
      for (let m = label.exec(match[2]); m; m = label.exec(match[2])) {
        labels[m[1]] = m[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        consumed = label.lastIndex;
      }
      if (consumed !== match[2].length) throw new Error(`bad labels in: ${raw}`);
    }
    // Prometheus reads NaN and Inf in any case (prom-client writes `Nan` for an empty event-loop histogram).
    const word = match[3].toLowerCase();
    const value = word === '+inf' || word === 'inf' ? Infinity : word === '-inf' ? -Infinity : Number(match[3]);
    if (Number.isNaN(value) && word !== 'nan') throw new Error(`bad value in: ${raw}`);
    samples.push({ name: match[1], labels, value });
  }
  return samples;
}

/** Sum of the samples of `name` whose labels include `labels`. */
export function sumOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}
