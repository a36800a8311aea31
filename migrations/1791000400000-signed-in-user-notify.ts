import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each api process keeps the signed-in users it has read (the Authenticator's cache) and forgets one the moment
 * it changes: these triggers send `NOTIFY noden_signed_in` with the user's id when a user or their roles change, and
 * `*` (forget everyone) when an organisation changes, so a deactivation or a removed role acts on the next request
 * in every process.
 */
export class SignedInUserNotify1791000400000 implements MigrationInterface {
  name = 'SignedInUserNotify1791000400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION noden_notify_signed_in() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'organizations' THEN
          PERFORM pg_notify('noden_signed_in', '*');
        ELSIF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('noden_signed_in', OLD.id::text);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('noden_signed_in', OLD.user_id::text);
        ELSE
          PERFORM pg_notify('noden_signed_in', NEW.user_id::text);
          IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
            PERFORM pg_notify('noden_signed_in', OLD.user_id::text);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER users_notify_signed_in AFTER UPDATE OR DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION noden_notify_signed_in()`);
    await db.query(`CREATE TRIGGER user_roles_notify_signed_in AFTER INSERT OR UPDATE OR DELETE ON user_roles
      FOR EACH ROW EXECUTE FUNCTION noden_notify_signed_in()`);
    await db.query(`CREATE TRIGGER organizations_notify_signed_in AFTER UPDATE OR DELETE ON organizations
      FOR EACH STATEMENT EXECUTE FUNCTION noden_notify_signed_in()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS organizations_notify_signed_in ON organizations`);
    await db.query(`DROP TRIGGER IF EXISTS user_roles_notify_signed_in ON user_roles`);
    await db.query(`DROP TRIGGER IF EXISTS users_notify_signed_in ON users`);
    await db.query(`DROP FUNCTION IF EXISTS noden_notify_signed_in()`);
  }
}
