import type { Seeder } from '#core';
import { DEFAULT_INDICATORS } from './indicators/default-indicators.js';
import { defaultIndicatorSetExists, insertDefaultIndicatorSet } from './indicators/indicator.queries.js';

/** The default indicator set for every category (version 1), inserted once; node staff version it from there. */
export const followUpSeeder: Seeder = {
  name: 'followup',
  order: 60,
  async run(tx) {
    if (await defaultIndicatorSetExists(tx)) return { inserted: 0, updated: 0 };
    await insertDefaultIndicatorSet(tx, DEFAULT_INDICATORS);
    return { inserted: 1 + DEFAULT_INDICATORS.length, updated: 0 };
  },
};
