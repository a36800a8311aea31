import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The thread made visible: who follows a need, the knowledge portal (articles and the searchable entries that
 * articles and published test decisions feed), and the compound parts that let Swedish search find
 * "trygghetslarm" by "larm" and the other way round (the `swedish` configuration never splits compounds).
 */
const COMPOUND_PARTS = [
  'larm',
  'trygghet',
  'tillsyn',
  'kamera',
  'nattillsyn',
  'lås',
  'nyckel',
  'läkemedel',
  'medicin',
  'automat',
  'sensor',
  'dörr',
  'säng',
  'rörelse',
  'epilepsi',
  'inkontinens',
  'position',
  'hemtjänst',
  'boende',
  'omsorg',
  'journal',
  'planering',
  'signering',
  'video',
  'robot',
  'hygien',
  'aktivering',
  'hem',
  'vård',
  'mottagning',
  'fall',
  'natt',
  'dag',
  'skåp',
  'fördelare',
  'gps',
  'mobil',
  'digital',
];

export class ThreadVisible1790001500000 implements MigrationInterface {
  name = 'ThreadVisible1790001500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE need_followers (
        need_id uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        following boolean NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (need_id, user_id)
      )`);
    await db.query(`CREATE INDEX need_followers_user_id_idx ON need_followers (user_id)`);

    await db.query(`
      CREATE TABLE knowledge_articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id),
        author_user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        source_type text NOT NULL,
        quality_grade text NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT',
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX knowledge_articles_organization_id_idx ON knowledge_articles (organization_id)`);
    await db.query(`CREATE INDEX knowledge_articles_author_user_id_idx ON knowledge_articles (author_user_id)`);
    await db.query(`CREATE INDEX knowledge_articles_status_idx ON knowledge_articles (status, updated_at DESC, id)`);
    await db.query(`
      CREATE TABLE knowledge_article_links (
        article_id uuid NOT NULL REFERENCES knowledge_articles (id) ON DELETE CASCADE,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        PRIMARY KEY (article_id, entity_type, entity_id)
      )`);
    await db.query(
      `CREATE INDEX knowledge_article_links_entity_idx ON knowledge_article_links (entity_type, entity_id)`,
    );

    await db.query(`CREATE TABLE knowledge_compound_parts (part text PRIMARY KEY)`);
    await db.query(`INSERT INTO knowledge_compound_parts (part) SELECT unnest($1::text[])`, [COMPOUND_PARTS]);
    await db.query(`
      CREATE FUNCTION knowledge_compound_parts_of(doc text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(string_agg(DISTINCT p.part, ' '), '')
        FROM regexp_split_to_table(lower(coalesce(doc, '')), '[^[:alpha:]]+') AS w(word)
        JOIN knowledge_compound_parts p ON length(w.word) > length(p.part) AND strpos(w.word, p.part) > 0
      $$`);

    await db.query(`
      CREATE TABLE knowledge_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL,
        source_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        source_type text NOT NULL,
        quality_grade text NOT NULL,
        category_id uuid REFERENCES technology_categories (id),
        organization_id uuid REFERENCES organizations (id),
        published boolean NOT NULL,
        dated_at timestamptz NOT NULL,
        search tsvector NOT NULL,
        UNIQUE (source, source_id)
      )`);
    await db.query(`CREATE INDEX knowledge_entries_search_idx ON knowledge_entries USING gin (search)`);
    await db.query(`CREATE INDEX knowledge_entries_category_id_idx ON knowledge_entries (category_id)`);
    await db.query(`CREATE INDEX knowledge_entries_organization_id_idx ON knowledge_entries (organization_id)`);
    await db.query(
      `CREATE INDEX knowledge_entries_filters_idx ON knowledge_entries (kind, source_type, quality_grade)`,
    );
    await db.query(`CREATE INDEX knowledge_entries_dated_at_idx ON knowledge_entries (dated_at)`);
    await db.query(`CREATE INDEX knowledge_entries_published_idx ON knowledge_entries (published)`);
    // Weighted title > summary > body; compound parts go in at the weight of the text they came from.
    await db.query(`
      CREATE FUNCTION knowledge_entries_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search :=
          setweight(to_tsvector('swedish', NEW.title || ' ' || knowledge_compound_parts_of(NEW.title)), 'A') ||
          setweight(to_tsvector('swedish', NEW.summary || ' ' || knowledge_compound_parts_of(NEW.summary)), 'B') ||
          setweight(to_tsvector('swedish', NEW.body || ' ' || knowledge_compound_parts_of(NEW.body)), 'C');
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER knowledge_entries_vector BEFORE INSERT OR UPDATE OF title, summary, body ON knowledge_entries FOR EACH ROW EXECUTE FUNCTION knowledge_entries_vector()`,
    );

    // Published test decisions enter the portal by themselves: the testbed knows nothing of the portal.
    await db.query(`
      CREATE FUNCTION knowledge_entry_from_decision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO knowledge_entries (source, source_id, kind, title, summary, body, source_type, quality_grade, category_id, organization_id, published, dated_at)
        SELECT 'TEST_DECISION', NEW.id, 'TEST_REPORT',
               'Styrgruppens beslut: ' || p.title,
               CASE NEW.outcome WHEN 'RECOMMEND' THEN 'Rekommenderas' WHEN 'RECOMMEND_WITH_CONDITIONS' THEN 'Rekommenderas med villkor'
                                WHEN 'DO_NOT_RECOMMEND' THEN 'Rekommenderas inte' ELSE 'Testa vidare' END
                 || coalesce('. ' || NEW.rationale, '') || coalesce('. Villkor: ' || NEW.conditions, ''),
               concat_ws(E'\n', p.purpose, p.expected_benefit,
                 (SELECT string_agg(r.comment, E'\n') FROM test_results r WHERE r.protocol_id = p.id AND r.comment IS NOT NULL),
                 (SELECT string_agg(o.description, E'\n') FROM test_observations o WHERE o.protocol_id = p.id AND o.kind = 'LESSON')),
               'COUNTY_TEST', 'ASSESSED', NEW.category_id, p.lead_organization_id, p.published, NEW.decided_at
        FROM test_protocols p WHERE p.id = NEW.protocol_id
        ON CONFLICT (source, source_id) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body,
          category_id = EXCLUDED.category_id, published = EXCLUDED.published, dated_at = EXCLUDED.dated_at;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER knowledge_entry_from_decision AFTER INSERT OR UPDATE ON test_decisions FOR EACH ROW EXECUTE FUNCTION knowledge_entry_from_decision()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER knowledge_entry_from_decision ON test_decisions`);
    await db.query(`DROP FUNCTION knowledge_entry_from_decision()`);
    await db.query(`DROP TABLE knowledge_entries`);
    await db.query(`DROP FUNCTION knowledge_entries_vector()`);
    await db.query(`DROP FUNCTION knowledge_compound_parts_of(text)`);
    await db.query(`DROP TABLE knowledge_compound_parts`);
    await db.query(`DROP TABLE knowledge_article_links`);
    await db.query(`DROP TABLE knowledge_articles`);
    await db.query(`DROP TABLE need_followers`);
  }
}
