/** Per 10 000 inhabitants, one decimal. */
export function per10000(count: number, population: number): number {
  return population > 0 ? Math.round((count * 100_000) / population) / 10 : 0;
}
