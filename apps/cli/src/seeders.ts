import { organizationSeeder, type Seeder } from '#core';
import { catalogSeeder } from '#catalog';

/** Every domain's reference data, in order. Each seeder is idempotent. */
export const SEEDERS: Seeder[] = [organizationSeeder, catalogSeeder];
