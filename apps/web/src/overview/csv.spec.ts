import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes what Excel in Swedish opens: BOM, semicolons, decimal comma, CRLF', () => {
    expect(
      toCsv([
        ['Kommun', 'Per 10 000'],
        ['Flens kommun', 12.5],
        ['Trosa kommun', null],
      ]),
    ).toBe('\uFEFFKommun;Per 10 000\r\nFlens kommun;12,5\r\nTrosa kommun;\r\n');
  });

  it('quotes separators and defuses formulas', () => {
    expect(toCsv([['a;b', 'say "hi"', '=SUM(A1)', '-1']])).toBe('\uFEFF"a;b";"say ""hi""";\'=SUM(A1);\'-1\r\n');
  });
});
