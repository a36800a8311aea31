import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogProducts1790000100000 implements MigrationInterface {
  name = 'CatalogProducts1790000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE technology_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT technology_categories_key_key UNIQUE,
        label_sv text NOT NULL,
        label_en text NOT NULL,
        national_priority boolean NOT NULL DEFAULT false,
        examples text[] NOT NULL DEFAULT '{}',
        sort_order integer NOT NULL DEFAULT 0
      )`);
    await db.query(`
      CREATE TABLE suppliers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        organization_number text,
        website text,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX suppliers_name_key ON suppliers (lower(name))`);
    await db.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid NOT NULL CONSTRAINT products_category_id_fk REFERENCES technology_categories (id),
        supplier_id uuid NOT NULL CONSTRAINT products_supplier_id_fk REFERENCES suppliers (id),
        name text NOT NULL,
        model text,
        description text,
        current_version text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX products_category_id_idx ON products (category_id)`);
    await db.query(`CREATE INDEX products_supplier_id_idx ON products (supplier_id)`);
    await db.query(`CREATE INDEX products_name_idx ON products (lower(name), id)`);
    await db.query(
      `CREATE UNIQUE INDEX products_supplier_name_model_key ON products (supplier_id, lower(name), coalesce(lower(model), ''))`,
    );
    await db.query(`
      CREATE TABLE product_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL CONSTRAINT product_versions_product_id_fk REFERENCES products (id) ON DELETE CASCADE,
        version text NOT NULL,
        released_on date,
        notes text,
        CONSTRAINT product_versions_product_version_key UNIQUE (product_id, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE product_versions`);
    await db.query(`DROP TABLE products`);
    await db.query(`DROP TABLE suppliers`);
    await db.query(`DROP TABLE technology_categories`);
  }
}
