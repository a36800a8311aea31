import type { DataSource } from 'typeorm';
import { readReferenceData, type SormlandData } from '#core';
import { SEEDERS } from './seeders.js';

/** Loads `data/sormland.json` through every seeder in one transaction; running it twice changes nothing. */
export async function runSeed(
  dataSource: DataSource,
  fileName = 'sormland.json',
): Promise<Record<string, { inserted: number; updated: number }>> {
  const data = readReferenceData<SormlandData>(fileName);
  const report: Record<string, { inserted: number; updated: number }> = {};
  await dataSource.transaction(async (tx) => {
    for (const seeder of [...SEEDERS].sort((a, b) => a.order - b.order)) {
      report[seeder.name] = await seeder.run(tx, data);
    }
  });
  return report;
}
