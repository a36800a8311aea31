import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joint procurements, framework agreements and call-offs. `procurement_needs.need_id` and
 * `procurement_test_decisions.test_decision_id` point to tables of other domains and get their foreign keys
 * when the branches are merged.
 */
export class Procurement1790000400000 implements MigrationInterface {
  name = 'Procurement1790000400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE procurements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text,
        category_id uuid NOT NULL CONSTRAINT procurements_category_id_fk REFERENCES technology_categories (id),
        lead_organization_id uuid NOT NULL CONSTRAINT procurements_lead_organization_id_fk REFERENCES organizations (id),
        procedure text NOT NULL CONSTRAINT procurements_procedure_check
          CHECK (procedure IN ('OPEN', 'RESTRICTED', 'NEGOTIATED', 'COMPETITIVE_DIALOGUE', 'INNOVATION_PARTNERSHIP', 'SIMPLIFIED', 'DIRECT_AWARD')),
        kind text NOT NULL CONSTRAINT procurements_kind_check CHECK (kind IN ('FUNCTION', 'PRODUCT')),
        estimated_value_sek numeric(14, 2) CONSTRAINT procurements_estimated_value_sek_check CHECK (estimated_value_sek >= 0),
        participation_opens_on date NOT NULL,
        participation_closes_on date NOT NULL,
        status text NOT NULL DEFAULT 'PLANNED' CONSTRAINT procurements_status_check
          CHECK (status IN ('PLANNED', 'OPEN_FOR_PARTICIPATION', 'TENDERING', 'AWARDED', 'ACTIVE', 'EXPIRED', 'CANCELLED')),
        cancellation_reason text,
        created_by_user_id uuid CONSTRAINT procurements_created_by_user_id_fk REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT procurements_participation_window_check CHECK (participation_closes_on >= participation_opens_on)
      )`);
    await db.query(`CREATE INDEX procurements_category_id_idx ON procurements (category_id)`);
    await db.query(`CREATE INDEX procurements_lead_organization_id_idx ON procurements (lead_organization_id)`);
    await db.query(`CREATE INDEX procurements_created_by_user_id_idx ON procurements (created_by_user_id)`);
    await db.query(`CREATE INDEX procurements_status_idx ON procurements (status)`);
    await db.query(`CREATE INDEX procurements_participation_closes_on_idx ON procurements (participation_closes_on)`);
    await db.query(`CREATE INDEX procurements_created_at_idx ON procurements (created_at DESC, id DESC)`);

    // Links to other domains: no foreign key yet (the lead adds them at merge).
    await db.query(`
      CREATE TABLE procurement_needs (
        procurement_id uuid NOT NULL CONSTRAINT procurement_needs_procurement_id_fk REFERENCES procurements (id) ON DELETE CASCADE,
        need_id uuid NOT NULL,
        CONSTRAINT procurement_needs_key PRIMARY KEY (procurement_id, need_id)
      )`);
    await db.query(`CREATE INDEX procurement_needs_need_id_idx ON procurement_needs (need_id)`);
    await db.query(`
      CREATE TABLE procurement_test_decisions (
        procurement_id uuid NOT NULL CONSTRAINT procurement_test_decisions_procurement_id_fk REFERENCES procurements (id) ON DELETE CASCADE,
        test_decision_id uuid NOT NULL,
        CONSTRAINT procurement_test_decisions_key PRIMARY KEY (procurement_id, test_decision_id)
      )`);
    await db.query(
      `CREATE INDEX procurement_test_decisions_test_decision_id_idx ON procurement_test_decisions (test_decision_id)`,
    );

    await db.query(`
      CREATE TABLE procurement_lots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procurement_id uuid NOT NULL CONSTRAINT procurement_lots_procurement_id_fk REFERENCES procurements (id) ON DELETE CASCADE,
        number integer NOT NULL CONSTRAINT procurement_lots_number_check CHECK (number >= 1),
        name text NOT NULL,
        description text,
        CONSTRAINT procurement_lots_procurement_number_key UNIQUE (procurement_id, number)
      )`);

    await db.query(`
      CREATE TABLE requirement_specification_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procurement_id uuid NOT NULL CONSTRAINT requirement_specification_versions_procurement_id_fk REFERENCES procurements (id) ON DELETE CASCADE,
        version integer NOT NULL CONSTRAINT requirement_specification_versions_version_check CHECK (version >= 1),
        summary text NOT NULL,
        document_urls text[] NOT NULL DEFAULT '{}',
        published_at timestamptz NOT NULL,
        published_by_user_id uuid CONSTRAINT requirement_specification_versions_published_by_user_id_fk REFERENCES users (id),
        CONSTRAINT requirement_specification_versions_procurement_version_key UNIQUE (procurement_id, version)
      )`);
    await db.query(
      `CREATE INDEX requirement_specification_versions_published_by_user_id_idx ON requirement_specification_versions (published_by_user_id)`,
    );

    await db.query(`
      CREATE TABLE procurement_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procurement_id uuid NOT NULL CONSTRAINT procurement_status_changes_procurement_id_fk REFERENCES procurements (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        changed_by_user_id uuid CONSTRAINT procurement_status_changes_changed_by_user_id_fk REFERENCES users (id),
        by_system boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX procurement_status_changes_procurement_id_idx ON procurement_status_changes (procurement_id, changed_at)`,
    );
    await db.query(
      `CREATE INDEX procurement_status_changes_changed_by_user_id_idx ON procurement_status_changes (changed_by_user_id)`,
    );

    await db.query(`
      CREATE TABLE procurement_participations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procurement_id uuid NOT NULL CONSTRAINT procurement_participations_procurement_id_fk REFERENCES procurements (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL CONSTRAINT procurement_participations_organization_id_fk REFERENCES organizations (id),
        contact_name text NOT NULL,
        contact_email text NOT NULL,
        joined_by_user_id uuid CONSTRAINT procurement_participations_joined_by_user_id_fk REFERENCES users (id),
        joined_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT procurement_participations_procurement_organization_key UNIQUE (procurement_id, organization_id)
      )`);
    await db.query(
      `CREATE INDEX procurement_participations_organization_id_idx ON procurement_participations (organization_id)`,
    );
    await db.query(
      `CREATE INDEX procurement_participations_joined_by_user_id_idx ON procurement_participations (joined_by_user_id)`,
    );
    await db.query(`
      CREATE TABLE participation_lot_volumes (
        participation_id uuid NOT NULL CONSTRAINT participation_lot_volumes_participation_id_fk REFERENCES procurement_participations (id) ON DELETE CASCADE,
        lot_id uuid NOT NULL CONSTRAINT participation_lot_volumes_lot_id_fk REFERENCES procurement_lots (id) ON DELETE CASCADE,
        estimated_volume integer NOT NULL CONSTRAINT participation_lot_volumes_estimated_volume_check CHECK (estimated_volume >= 0),
        CONSTRAINT participation_lot_volumes_key PRIMARY KEY (participation_id, lot_id)
      )`);
    await db.query(`CREATE INDEX participation_lot_volumes_lot_id_idx ON participation_lot_volumes (lot_id)`);

    await db.query(`
      CREATE TABLE framework_agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        procurement_id uuid NOT NULL CONSTRAINT framework_agreements_procurement_id_fk REFERENCES procurements (id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        call_off_method text NOT NULL CONSTRAINT framework_agreements_call_off_method_check CHECK (call_off_method IN ('DIRECT_BY_RANKING', 'RENEWED_COMPETITION')),
        follow_up_organization_id uuid NOT NULL CONSTRAINT framework_agreements_follow_up_organization_id_fk REFERENCES organizations (id),
        follow_up_contact_name text NOT NULL,
        follow_up_contact_email text NOT NULL,
        awarded_at timestamptz NOT NULL,
        awarded_by_user_id uuid CONSTRAINT framework_agreements_awarded_by_user_id_fk REFERENCES users (id),
        CONSTRAINT framework_agreements_procurement_id_key UNIQUE (procurement_id),
        CONSTRAINT framework_agreements_validity_check CHECK (ends_on >= starts_on)
      )`);
    await db.query(`CREATE INDEX framework_agreements_ends_on_idx ON framework_agreements (ends_on)`);
    await db.query(
      `CREATE INDEX framework_agreements_follow_up_organization_id_idx ON framework_agreements (follow_up_organization_id)`,
    );
    await db.query(
      `CREATE INDEX framework_agreements_awarded_by_user_id_idx ON framework_agreements (awarded_by_user_id)`,
    );

    await db.query(`
      CREATE TABLE agreement_extension_options (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL CONSTRAINT agreement_extension_options_agreement_id_fk REFERENCES framework_agreements (id) ON DELETE CASCADE,
        number integer NOT NULL,
        months integer NOT NULL CONSTRAINT agreement_extension_options_months_check CHECK (months BETWEEN 1 AND 120),
        used_at timestamptz,
        used_by_user_id uuid CONSTRAINT agreement_extension_options_used_by_user_id_fk REFERENCES users (id),
        CONSTRAINT agreement_extension_options_agreement_number_key UNIQUE (agreement_id, number)
      )`);
    await db.query(
      `CREATE INDEX agreement_extension_options_used_by_user_id_idx ON agreement_extension_options (used_by_user_id)`,
    );

    await db.query(`
      CREATE TABLE awarded_suppliers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL CONSTRAINT awarded_suppliers_agreement_id_fk REFERENCES framework_agreements (id) ON DELETE CASCADE,
        lot_id uuid NOT NULL CONSTRAINT awarded_suppliers_lot_id_fk REFERENCES procurement_lots (id),
        supplier_id uuid NOT NULL CONSTRAINT awarded_suppliers_supplier_id_fk REFERENCES suppliers (id),
        ranking integer NOT NULL CONSTRAINT awarded_suppliers_ranking_check CHECK (ranking >= 1),
        CONSTRAINT awarded_suppliers_lot_supplier_key UNIQUE (lot_id, supplier_id),
        CONSTRAINT awarded_suppliers_lot_ranking_key UNIQUE (lot_id, ranking)
      )`);
    await db.query(`CREATE INDEX awarded_suppliers_agreement_id_idx ON awarded_suppliers (agreement_id)`);
    await db.query(`CREATE INDEX awarded_suppliers_supplier_id_idx ON awarded_suppliers (supplier_id)`);
    await db.query(`
      CREATE TABLE awarded_products (
        awarded_supplier_id uuid NOT NULL CONSTRAINT awarded_products_awarded_supplier_id_fk REFERENCES awarded_suppliers (id) ON DELETE CASCADE,
        product_id uuid NOT NULL CONSTRAINT awarded_products_product_id_fk REFERENCES products (id),
        CONSTRAINT awarded_products_key PRIMARY KEY (awarded_supplier_id, product_id)
      )`);
    await db.query(`CREATE INDEX awarded_products_product_id_idx ON awarded_products (product_id)`);

    await db.query(`
      CREATE TABLE call_offs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL CONSTRAINT call_offs_agreement_id_fk REFERENCES framework_agreements (id),
        lot_id uuid NOT NULL CONSTRAINT call_offs_lot_id_fk REFERENCES procurement_lots (id),
        organization_id uuid NOT NULL CONSTRAINT call_offs_organization_id_fk REFERENCES organizations (id),
        supplier_id uuid NOT NULL CONSTRAINT call_offs_supplier_id_fk REFERENCES suppliers (id),
        product_id uuid NOT NULL CONSTRAINT call_offs_product_id_fk REFERENCES products (id),
        quantity integer NOT NULL CONSTRAINT call_offs_quantity_check CHECK (quantity > 0),
        value_sek numeric(14, 2) NOT NULL CONSTRAINT call_offs_value_sek_check CHECK (value_sek >= 0),
        called_off_on date NOT NULL,
        method text NOT NULL CONSTRAINT call_offs_method_check CHECK (method IN ('DIRECT_BY_RANKING', 'RENEWED_COMPETITION')),
        created_by_user_id uuid CONSTRAINT call_offs_created_by_user_id_fk REFERENCES users (id),
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX call_offs_agreement_id_idx ON call_offs (agreement_id, called_off_on)`);
    await db.query(`CREATE INDEX call_offs_lot_id_idx ON call_offs (lot_id)`);
    await db.query(`CREATE INDEX call_offs_organization_id_idx ON call_offs (organization_id)`);
    await db.query(`CREATE INDEX call_offs_supplier_id_idx ON call_offs (supplier_id)`);
    await db.query(`CREATE INDEX call_offs_product_id_idx ON call_offs (product_id)`);
    await db.query(`CREATE INDEX call_offs_created_by_user_id_idx ON call_offs (created_by_user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE call_offs`);
    await db.query(`DROP TABLE awarded_products`);
    await db.query(`DROP TABLE awarded_suppliers`);
    await db.query(`DROP TABLE agreement_extension_options`);
    await db.query(`DROP TABLE framework_agreements`);
    await db.query(`DROP TABLE participation_lot_volumes`);
    await db.query(`DROP TABLE procurement_participations`);
    await db.query(`DROP TABLE procurement_status_changes`);
    await db.query(`DROP TABLE requirement_specification_versions`);
    await db.query(`DROP TABLE procurement_lots`);
    await db.query(`DROP TABLE procurement_test_decisions`);
    await db.query(`DROP TABLE procurement_needs`);
    await db.query(`DROP TABLE procurements`);
  }
}
