import { describe, expect, it } from '@jest/globals';
import { csvLine, decimal } from './csv.js';

describe('CSV for Excel in Swedish', () => {
  it('separates with semicolons, ends lines with CRLF, writes decimal commas, ISO dates and Ja/Nej', () => {
    expect(csvLine(['Flens kommun', 16000, 0.6, new Date('2063-03-10T22:30:00.000Z'), true, null])).toBe(
      'Flens kommun;16000;0,6;2063-03-10;Ja;\r\n',
    );
    expect(decimal('120000.50')).toBe('120000,50');
  });

  it('quotes cells holding a separator, a quote or a line break', () => {
    expect(csvLine(['a;b', 'säger "hej"', 'rad 1\nrad 2'])).toBe('"a;b";"säger ""hej""";"rad 1\nrad 2"\r\n');
  });

  it('defuses cells Excel would run as formulas', () => {
    expect(csvLine(['=HYPERLINK("x")', '+46', '-1', '@SUM(A1)'])).toBe(`"'=HYPERLINK(""x"")";'+46;'-1;'@SUM(A1)\r\n`);
    expect(csvLine([-1])).toBe('-1\r\n');
  });
});
