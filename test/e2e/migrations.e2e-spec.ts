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

  /** Everything a migration can leave behind in the database: tables, columns, indexes, constraints, functions... */
  const objects = async (): Promise<Record<string, string[]>> => {
    const list = async (sql: string) => (await dataSource.query(sql)).map((r: { o: string }) => r.o);
    return {
      columns: await list(
        `SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS o
           FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> 'migrations' ORDER BY 1`,
      ),
      indexes: await list(
        `SELECT schemaname || ' ' || indexdef AS o FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'migrations' ORDER BY 1`,
      ),
      constraints: await list(
        `SELECT c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS o FROM pg_constraint c
           JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
           AND c.conrelid::regclass::text <> 'migrations' ORDER BY 1`,
      ),
      functions: await list(
        `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS o FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') ORDER BY 1`,
      ),
      triggers: await list(
        `SELECT tgrelid::regclass || ' ' || tgname AS o FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`,
      ),
      types: await list(
        `SELECT n.nspname || '.' || t.typname AS o FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND t.typtype IN ('e', 'd', 'c')
           AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid AND c.relkind <> 'c')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') ORDER BY 1`,
      ),
      textSearch: await list(
        `SELECT cfgname AS o FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE n.nspname <> 'pg_catalog'
         UNION ALL SELECT dictname FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace WHERE n.nspname <> 'pg_catalog' ORDER BY 1`,
      ),
      sequences: await list(
        `SELECT sequence_schema || '.' || sequence_name AS o FROM information_schema.sequences WHERE sequence_name NOT LIKE 'migrations%' ORDER BY 1`,
      ),
      views: await list(
        `SELECT schemaname || '.' || viewname AS o FROM pg_views WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
      ),
    };
  };

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

    const full = await objects();
    const empty = await (async () => {
      // migration:revert, one at a time, newest first: each down must work on the schema its up left.
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      return objects();
    })();
    expect(await tables()).toEqual([]);
    // Nothing left behind: no function, trigger, type, text search configuration, sequence or view.
    expect(empty).toEqual({
      columns: [],
      indexes: [],
      constraints: [],
      functions: [],
      triggers: [],
      types: [],
      textSearch: [],
      sequences: [],
      views: [],
    });

    const again = await dataSource.runMigrations({ transaction: 'each' });
    expect(again.map((m) => m.name)).toEqual(applied.map((m) => m.name));
    expect(await tables()).toEqual(schema);
    expect(await objects()).toEqual(full);
  });
});
