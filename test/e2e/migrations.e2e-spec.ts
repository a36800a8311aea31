import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from '#core';

/** Every migration's down really undoes its up: all the way down and up again on a database of its own. */
describe('migrations: up, down, up', () => {
  const name = `${process.env.DATABASE_NAME}_migrations`;
  const admin = new pg.Client({ connectionString: process.env.ADMIN_DATABASE_URL });
  let dataSource: DataSource;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    dataSource = await new DataSource(migrationDataSourceOptions(url.toString())).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  const tables = async () =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  it('applies every migration, reverts every one, and applies them again to the same schema', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBeGreaterThanOrEqual(8);
    const schema = await tables();
    expect(schema).toEqual(
      expect.arrayContaining([
        'organizations',
        'users',
        'audit_log',
        'needs',
        'test_protocols',
        'procurements',
        'call_offs',
        'implementations',
        'follow_ups',
      ]),
    );

    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);

    const again = await dataSource.runMigrations({ transaction: 'each' });
    expect(again.map((m) => m.name)).toEqual(applied.map((m) => m.name));
    expect(await tables()).toEqual(schema);
  });
});
