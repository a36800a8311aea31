import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1790000000000 implements MigrationInterface {
  name = 'Foundation1790000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CONSTRAINT organizations_kind_check CHECK (kind IN ('NODE', 'REGION', 'MUNICIPALITY', 'PARTNER')),
        code text,
        name text NOT NULL,
        short_name text,
        population integer CONSTRAINT organizations_population_check CHECK (population IS NULL OR population >= 0),
        parent_id uuid CONSTRAINT organizations_parent_id_fk REFERENCES organizations (id) ON DELETE SET NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX organizations_code_key ON organizations (code) WHERE code IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX organizations_name_key ON organizations (name)`);
    await db.query(`CREATE INDEX organizations_kind_idx ON organizations (kind)`);
    await db.query(`CREATE INDEX organizations_parent_id_idx ON organizations (parent_id)`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT users_organization_id_fk REFERENCES organizations (id),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await db.query(`CREATE INDEX users_organization_id_idx ON users (organization_id)`);

    await db.query(`
      CREATE TABLE user_roles (
        user_id uuid NOT NULL CONSTRAINT user_roles_user_id_fk REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CONSTRAINT user_roles_role_check
          CHECK (role IN ('NODE_ADMIN', 'NODE_STAFF', 'STEERING_MEMBER', 'MUNICIPALITY_COORDINATOR', 'TECH_COACH', 'VIEWER')),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, role)
      )`);
    await db.query(`CREATE INDEX user_roles_role_idx ON user_roles (role)`);

    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid CONSTRAINT audit_log_actor_user_id_fk REFERENCES users (id),
        actor_organization_id uuid CONSTRAINT audit_log_actor_organization_id_fk REFERENCES organizations (id),
        request_id text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb
      )`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, occurred_at)`);
    await db.query(`CREATE INDEX audit_log_actor_user_id_idx ON audit_log (actor_user_id)`);
    await db.query(`CREATE INDEX audit_log_actor_organization_id_idx ON audit_log (actor_organization_id)`);
    await db.query(`CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at)`);

    await db.query(`
      CREATE TABLE login_attempts (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        first_failure_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);

    await db.query(`
      CREATE TABLE worker_heartbeats (
        worker text PRIMARY KEY,
        last_beat_at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE worker_heartbeats`);
    await db.query(`DROP TABLE login_attempts`);
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP TABLE user_roles`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE organizations`);
  }
}
