import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Federation with other counties' nodes: what this node publishes (an outbox of signed record versions in
 * sequence), the peers it pulls (cursor, backoff, trust), what it received (every accepted version kept as the raw
 * JWS, refusals logged), and the origin columns through which earlier domains show federated rows beside their own
 * (knowledge entries, compatibility statements) without knowing the federation.
 */
export class Federation1791000300000 implements MigrationInterface {
  name = 'Federation1791000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE federation_published (
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        version integer NOT NULL,
        content_hash text NOT NULL,
        deleted boolean NOT NULL,
        CONSTRAINT federation_published_key PRIMARY KEY (record_type, record_id)
      )`);
    // Taken under the publisher's advisory lock, so sequence numbers commit in order and a reader never skips one.
    await db.query(`CREATE SEQUENCE federation_outbox_seq`);
    await db.query(`
      CREATE TABLE federation_outbox (
        seq bigint PRIMARY KEY,
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        version integer NOT NULL,
        deleted boolean NOT NULL,
        published_at timestamptz NOT NULL,
        kid text NOT NULL,
        payload jsonb NOT NULL,
        jws text NOT NULL,
        CONSTRAINT federation_outbox_record_version_key UNIQUE (record_type, record_id, version)
      )`);
    await db.query(`CREATE INDEX federation_outbox_kid_idx ON federation_outbox (kid)`);

    await db.query(`
      CREATE TABLE federation_peers (
        node_id text PRIMARY KEY,
        name text NOT NULL,
        county text NOT NULL,
        in_registry boolean NOT NULL DEFAULT true,
        trusted boolean NOT NULL DEFAULT true,
        trust_changed_at timestamptz,
        trust_changed_by_user_id uuid CONSTRAINT federation_peers_trust_changed_by_user_id_fk REFERENCES users (id),
        distrust_reason text,
        last_seq bigint NOT NULL DEFAULT 0,
        last_attempt_at timestamptz,
        last_success_at timestamptz,
        caught_up_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        failures integer NOT NULL DEFAULT 0,
        next_pull_at timestamptz,
        received_count bigint NOT NULL DEFAULT 0,
        refused_count bigint NOT NULL DEFAULT 0,
        jwks jsonb,
        jwks_fetched_at timestamptz
      )`);
    await db.query(`CREATE INDEX federation_peers_next_pull_at_idx ON federation_peers (next_pull_at)`);
    await db.query(
      `CREATE INDEX federation_peers_trust_changed_by_user_id_idx ON federation_peers (trust_changed_by_user_id)`,
    );

    await db.query(`
      CREATE TABLE federated_records (
        urn text PRIMARY KEY,
        origin_node_id text NOT NULL CONSTRAINT federated_records_origin_node_id_fk REFERENCES federation_peers (node_id),
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        version integer NOT NULL,
        seq bigint NOT NULL,
        schema text NOT NULL,
        published_at timestamptz NOT NULL,
        deleted boolean NOT NULL,
        data jsonb,
        jws text NOT NULL,
        received_at timestamptz NOT NULL,
        local_product_id uuid CONSTRAINT federated_records_local_product_id_fk REFERENCES products (id) ON DELETE SET NULL,
        local_system_id uuid CONSTRAINT federated_records_local_system_id_fk REFERENCES systems (id) ON DELETE SET NULL,
        matched_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX federated_records_origin_type_idx ON federated_records (origin_node_id, record_type, deleted)`,
    );
    await db.query(`CREATE INDEX federated_records_type_idx ON federated_records (record_type, deleted)`);
    await db.query(`CREATE INDEX federated_records_local_product_id_idx ON federated_records (local_product_id)`);
    await db.query(`CREATE INDEX federated_records_local_system_id_idx ON federated_records (local_system_id)`);
    await db.query(`
      CREATE TABLE federated_record_versions (
        urn text NOT NULL CONSTRAINT federated_record_versions_urn_fk REFERENCES federated_records (urn),
        version integer NOT NULL,
        seq bigint NOT NULL,
        jws text NOT NULL,
        received_at timestamptz NOT NULL,
        CONSTRAINT federated_record_versions_key PRIMARY KEY (urn, version)
      )`);
    await db.query(`
      CREATE TABLE federation_refusals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        peer_node_id text NOT NULL CONSTRAINT federation_refusals_peer_node_id_fk REFERENCES federation_peers (node_id),
        seq bigint,
        reason text NOT NULL,
        detail text NOT NULL,
        jws text NOT NULL,
        refused_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX federation_refusals_peer_idx ON federation_refusals (peer_node_id, refused_at DESC)`);

    // Earlier domains show federated rows through these columns: null is this node's own.
    await db.query(`ALTER TABLE knowledge_entries ADD COLUMN origin_node_id text, ADD COLUMN origin_name text`);
    await db.query(`CREATE INDEX knowledge_entries_origin_node_id_idx ON knowledge_entries (origin_node_id)`);
    await db.query(
      `ALTER TABLE compatibility_statements ADD COLUMN origin_node_id text, ADD COLUMN origin_name text, ADD COLUMN origin_urn text`,
    );
    // A shared statement's test protocol and superseding statement live on its own node.
    await db.query(`
      ALTER TABLE compatibility_statements
        DROP CONSTRAINT compatibility_statements_test_protocol_id_check,
        ADD CONSTRAINT compatibility_statements_test_protocol_id_check
          CHECK (evidence <> 'COUNTY_TESTED' OR test_protocol_id IS NOT NULL OR origin_node_id IS NOT NULL),
        DROP CONSTRAINT compatibility_statements_superseded_check,
        ADD CONSTRAINT compatibility_statements_superseded_check
          CHECK ((superseded_at IS NULL) = (superseded_by_statement_id IS NULL) OR origin_node_id IS NOT NULL)`);
    await db.query(
      `CREATE INDEX compatibility_statements_origin_node_id_idx ON compatibility_statements (origin_node_id)`,
    );
    await db.query(
      `CREATE UNIQUE INDEX compatibility_statements_origin_urn_key ON compatibility_statements (origin_urn) WHERE origin_urn IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM compatibility_statements WHERE origin_node_id IS NOT NULL`);
    await db.query(`DELETE FROM knowledge_entries WHERE origin_node_id IS NOT NULL`);
    await db.query(`
      ALTER TABLE compatibility_statements
        DROP CONSTRAINT compatibility_statements_test_protocol_id_check,
        ADD CONSTRAINT compatibility_statements_test_protocol_id_check CHECK (evidence <> 'COUNTY_TESTED' OR test_protocol_id IS NOT NULL),
        DROP CONSTRAINT compatibility_statements_superseded_check,
        ADD CONSTRAINT compatibility_statements_superseded_check CHECK ((superseded_at IS NULL) = (superseded_by_statement_id IS NULL))`);
    await db.query(`DROP INDEX compatibility_statements_origin_urn_key`);
    await db.query(`DROP INDEX compatibility_statements_origin_node_id_idx`);
    await db.query(
      `ALTER TABLE compatibility_statements DROP COLUMN origin_node_id, DROP COLUMN origin_name, DROP COLUMN origin_urn`,
    );
    await db.query(`DROP INDEX knowledge_entries_origin_node_id_idx`);
    await db.query(`ALTER TABLE knowledge_entries DROP COLUMN origin_node_id, DROP COLUMN origin_name`);
    await db.query(`DROP TABLE federation_refusals`);
    await db.query(`DROP TABLE federated_record_versions`);
    await db.query(`DROP TABLE federated_records`);
    await db.query(`DROP TABLE federation_peers`);
    await db.query(`DROP TABLE federation_outbox`);
    await db.query(`DROP SEQUENCE federation_outbox_seq`);
    await db.query(`DROP TABLE federation_published`);
  }
}
