import { organizationSeeder, type Seeder } from '#core';
import { catalogSeeder } from '#catalog';
import { followUpSeeder } from '#followup';

/** Every domain's reference data, in order. Each seeder is idempotent. */
export const SEEDERS: Seeder[] = [organizationSeeder, catalogSeeder, followUpSeeder];
