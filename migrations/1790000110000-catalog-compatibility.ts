import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogCompatibility1790000110000 implements MigrationInterface {
  name = 'CatalogCompatibility1790000110000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE system_kinds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT system_kinds_key_key UNIQUE,
        label_sv text NOT NULL,
        label_en text NOT NULL,
        sort_order integer NOT NULL DEFAULT 0
      )`);
    await db.query(`
      CREATE TABLE standards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT standards_key_key UNIQUE,
        name text NOT NULL,
        about text,
        sort_order integer NOT NULL DEFAULT 0
      )`);
    await db.query(`
      CREATE TABLE systems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind_id uuid NOT NULL CONSTRAINT systems_kind_id_fk REFERENCES system_kinds (id),
        supplier_id uuid CONSTRAINT systems_supplier_id_fk REFERENCES suppliers (id),
        vendor_name text NOT NULL,
        name text NOT NULL,
        description text,
        current_version text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX systems_kind_id_idx ON systems (kind_id)`);
    await db.query(`CREATE INDEX systems_supplier_id_idx ON systems (supplier_id)`);
    await db.query(`CREATE INDEX systems_name_idx ON systems (lower(name), id)`);
    await db.query(`CREATE UNIQUE INDEX systems_vendor_name_key ON systems (lower(vendor_name), lower(name))`);
    await db.query(`
      CREATE TABLE system_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        system_id uuid NOT NULL CONSTRAINT system_versions_system_id_fk REFERENCES systems (id) ON DELETE CASCADE,
        version text NOT NULL,
        released_on date,
        notes text,
        CONSTRAINT system_versions_system_version_key UNIQUE (system_id, version)
      )`);
    await db.query(`
      CREATE TABLE organization_systems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT organization_systems_organization_id_fk REFERENCES organizations (id),
        system_id uuid NOT NULL CONSTRAINT organization_systems_system_id_fk REFERENCES systems (id),
        version text NOT NULL,
        in_use_since date,
        note text,
        updated_by_id uuid CONSTRAINT organization_systems_updated_by_id_fk REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT organization_systems_organization_system_key UNIQUE (organization_id, system_id)
      )`);
    await db.query(`CREATE INDEX organization_systems_system_id_idx ON organization_systems (system_id)`);
    await db.query(`CREATE INDEX organization_systems_updated_by_id_idx ON organization_systems (updated_by_id)`);
    // test_protocol_id and implementation_id link to tables of later domains: no FK until the merge.
    await db.query(`
      CREATE TABLE compatibility_statements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL CONSTRAINT compatibility_statements_product_id_fk REFERENCES products (id),
        product_versions text NOT NULL,
        system_id uuid CONSTRAINT compatibility_statements_system_id_fk REFERENCES systems (id),
        system_versions text,
        standard_id uuid CONSTRAINT compatibility_statements_standard_id_fk REFERENCES standards (id),
        status text NOT NULL CONSTRAINT compatibility_statements_status_check CHECK (status IN ('SUPPORTED', 'PARTIAL', 'NOT_SUPPORTED', 'UNKNOWN')),
        evidence text NOT NULL CONSTRAINT compatibility_statements_evidence_check CHECK (evidence IN ('VENDOR_CLAIMED', 'COUNTY_TESTED', 'VERIFIED_IN_PRODUCTION')),
        note text,
        source_note text,
        test_protocol_id uuid,
        implementation_id uuid,
        asserted_by_id uuid CONSTRAINT compatibility_statements_asserted_by_id_fk REFERENCES users (id),
        asserted_at timestamptz NOT NULL,
        superseded_by_statement_id uuid CONSTRAINT compatibility_statements_superseded_by_statement_id_fk REFERENCES compatibility_statements (id),
        superseded_at timestamptz,
        superseded_by_user_id uuid CONSTRAINT compatibility_statements_superseded_by_user_id_fk REFERENCES users (id),
        CONSTRAINT compatibility_statements_target_check CHECK ((system_id IS NULL) <> (standard_id IS NULL)),
        CONSTRAINT compatibility_statements_system_versions_check CHECK ((system_id IS NULL) = (system_versions IS NULL)),
        CONSTRAINT compatibility_statements_note_check CHECK (status <> 'PARTIAL' OR note IS NOT NULL),
        CONSTRAINT compatibility_statements_test_protocol_id_check CHECK (evidence <> 'COUNTY_TESTED' OR test_protocol_id IS NOT NULL),
        CONSTRAINT compatibility_statements_superseded_check CHECK ((superseded_at IS NULL) = (superseded_by_statement_id IS NULL))
      )`);
    await db.query(`CREATE INDEX compatibility_statements_product_id_idx ON compatibility_statements (product_id)`);
    await db.query(`CREATE INDEX compatibility_statements_system_id_idx ON compatibility_statements (system_id)`);
    await db.query(`CREATE INDEX compatibility_statements_standard_id_idx ON compatibility_statements (standard_id)`);
    await db.query(
      `CREATE INDEX compatibility_statements_current_idx ON compatibility_statements (system_id, product_id) WHERE superseded_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX compatibility_statements_test_protocol_id_idx ON compatibility_statements (test_protocol_id)`,
    );
    await db.query(
      `CREATE INDEX compatibility_statements_implementation_id_idx ON compatibility_statements (implementation_id)`,
    );
    await db.query(
      `CREATE INDEX compatibility_statements_asserted_by_id_idx ON compatibility_statements (asserted_by_id)`,
    );
    await db.query(
      `CREATE INDEX compatibility_statements_superseded_by_statement_id_idx ON compatibility_statements (superseded_by_statement_id)`,
    );
    await db.query(
      `CREATE INDEX compatibility_statements_superseded_by_user_id_idx ON compatibility_statements (superseded_by_user_id)`,
    );
    await db.query(`
      CREATE TABLE standard_conformances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL CONSTRAINT standard_conformances_product_id_fk REFERENCES products (id),
        standard_id uuid NOT NULL CONSTRAINT standard_conformances_standard_id_fk REFERENCES standards (id),
        role text CONSTRAINT standard_conformances_role_check CHECK (role IN ('SENDER', 'RECEIVER', 'BOTH')),
        certificate_id text,
        test_specification_version text,
        valid_from date,
        valid_to date,
        note text,
        recorded_by_id uuid CONSTRAINT standard_conformances_recorded_by_id_fk REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT standard_conformances_valid_check CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      )`);
    await db.query(`CREATE INDEX standard_conformances_product_id_idx ON standard_conformances (product_id)`);
    await db.query(`CREATE INDEX standard_conformances_standard_id_idx ON standard_conformances (standard_id)`);
    await db.query(`CREATE INDEX standard_conformances_recorded_by_id_idx ON standard_conformances (recorded_by_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE standard_conformances`);
    await db.query(`DROP TABLE compatibility_statements`);
    await db.query(`DROP TABLE organization_systems`);
    await db.query(`DROP TABLE system_versions`);
    await db.query(`DROP TABLE systems`);
    await db.query(`DROP TABLE standards`);
    await db.query(`DROP TABLE system_kinds`);
  }
}
