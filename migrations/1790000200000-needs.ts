import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Needs1790000200000 implements MigrationInterface {
  name = 'Needs1790000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT needs_organization_id_fk REFERENCES organizations (id),
        reporter_user_id uuid NOT NULL CONSTRAINT needs_reporter_user_id_fk REFERENCES users (id),
        title text NOT NULL CONSTRAINT needs_title_check CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL CONSTRAINT needs_description_check CHECK (length(description) BETWEEN 1 AND 10000),
        target_group text NOT NULL CONSTRAINT needs_target_group_check
          CHECK (target_group IN ('CARE_RECIPIENTS_ORDINARY_HOUSING', 'CARE_RECIPIENTS_SPECIAL_HOUSING', 'STAFF', 'RELATIVES')),
        setting text NOT NULL CONSTRAINT needs_setting_check CHECK (setting IN ('HOME_CARE', 'SPECIAL_HOUSING', 'HOME_HEALTH_CARE', 'DISABILITY_SUPPORT')),
        source text NOT NULL CONSTRAINT needs_source_check CHECK (source IN ('STAFF', 'CARE_RECIPIENT', 'RELATIVE', 'PENSIONERS_COUNCIL', 'MANAGEMENT')),
        category_id uuid CONSTRAINT needs_category_id_fk REFERENCES technology_categories (id),
        urgency text NOT NULL CONSTRAINT needs_urgency_check CHECK (urgency IN ('LOW', 'MEDIUM', 'HIGH')),
        hard_to_reach boolean NOT NULL DEFAULT false,
        estimated_people_affected integer CONSTRAINT needs_estimated_people_affected_check CHECK (estimated_people_affected >= 0),
        status text NOT NULL DEFAULT 'NEW' CONSTRAINT needs_status_check
          CHECK (status IN ('NEW', 'TRIAGED', 'IN_TEST', 'IN_PROCUREMENT', 'ADDRESSED', 'DECLINED', 'MERGED')),
        status_reason text,
        status_changed_at timestamptz NOT NULL,
        merged_into_id uuid CONSTRAINT needs_merged_into_id_fk REFERENCES needs (id),
        endorsement_count integer NOT NULL DEFAULT 0 CONSTRAINT needs_endorsement_count_check CHECK (endorsement_count >= 0),
        people_affected integer NOT NULL DEFAULT 0 CONSTRAINT needs_people_affected_check CHECK (people_affected >= 0),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', description), 'B')
        ) STORED,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT needs_merged_into_check CHECK ((status = 'MERGED') = (merged_into_id IS NOT NULL) AND merged_into_id IS DISTINCT FROM id)
      )`);
    await db.query(`CREATE INDEX needs_organization_id_idx ON needs (organization_id)`);
    await db.query(`CREATE INDEX needs_reporter_user_id_idx ON needs (reporter_user_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX needs_category_id_idx ON needs (category_id)`);
    await db.query(`CREATE INDEX needs_setting_idx ON needs (setting)`);
    await db.query(`CREATE INDEX needs_status_idx ON needs (status)`);
    await db.query(`CREATE INDEX needs_merged_into_id_idx ON needs (merged_into_id)`);
    await db.query(`CREATE INDEX needs_newest_idx ON needs (created_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX needs_most_shared_idx ON needs (endorsement_count DESC, people_affected DESC, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX needs_search_vector_idx ON needs USING gin (search_vector)`);
    await db.query(`CREATE INDEX needs_title_trgm_idx ON needs USING gin (title gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE need_endorsements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        need_id uuid NOT NULL CONSTRAINT need_endorsements_need_id_fk REFERENCES needs (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL CONSTRAINT need_endorsements_organization_id_fk REFERENCES organizations (id),
        endorsed_by_user_id uuid NOT NULL CONSTRAINT need_endorsements_endorsed_by_user_id_fk REFERENCES users (id),
        comment text CONSTRAINT need_endorsements_comment_check CHECK (length(comment) <= 2000),
        people_affected integer CONSTRAINT need_endorsements_people_affected_check CHECK (people_affected >= 0),
        moved_from_need_id uuid CONSTRAINT need_endorsements_moved_from_need_id_fk REFERENCES needs (id),
        created_at timestamptz NOT NULL,
        CONSTRAINT need_endorsements_need_organization_key UNIQUE (need_id, organization_id)
      )`);
    await db.query(`CREATE INDEX need_endorsements_organization_id_idx ON need_endorsements (organization_id)`);
    await db.query(`CREATE INDEX need_endorsements_endorsed_by_user_id_idx ON need_endorsements (endorsed_by_user_id)`);
    await db.query(`CREATE INDEX need_endorsements_moved_from_need_id_idx ON need_endorsements (moved_from_need_id)`);

    await db.query(`
      CREATE TABLE need_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        need_id uuid NOT NULL CONSTRAINT need_status_changes_need_id_fk REFERENCES needs (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        changed_by_user_id uuid CONSTRAINT need_status_changes_changed_by_user_id_fk REFERENCES users (id),
        changed_at timestamptz NOT NULL,
        merged_into_id uuid CONSTRAINT need_status_changes_merged_into_id_fk REFERENCES needs (id),
        link_entity_type text,
        link_entity_id uuid
      )`);
    await db.query(`CREATE INDEX need_status_changes_need_id_idx ON need_status_changes (need_id, seq)`);
    await db.query(
      `CREATE INDEX need_status_changes_changed_by_user_id_idx ON need_status_changes (changed_by_user_id)`,
    );
    await db.query(`CREATE INDEX need_status_changes_merged_into_id_idx ON need_status_changes (merged_into_id)`);
    await db.query(
      `CREATE INDEX need_status_changes_link_idx ON need_status_changes (link_entity_type, link_entity_id)`,
    );

    await db.query(`
      CREATE TABLE need_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        need_id uuid NOT NULL CONSTRAINT need_comments_need_id_fk REFERENCES needs (id) ON DELETE CASCADE,
        author_user_id uuid NOT NULL CONSTRAINT need_comments_author_user_id_fk REFERENCES users (id),
        organization_id uuid NOT NULL CONSTRAINT need_comments_organization_id_fk REFERENCES organizations (id),
        body text NOT NULL CONSTRAINT need_comments_body_check CHECK (length(body) BETWEEN 1 AND 5000),
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX need_comments_need_id_idx ON need_comments (need_id, seq)`);
    await db.query(`CREATE INDEX need_comments_author_user_id_idx ON need_comments (author_user_id)`);
    await db.query(`CREATE INDEX need_comments_organization_id_idx ON need_comments (organization_id)`);

    await db.query(`
      CREATE TABLE tech_coaches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT tech_coaches_user_id_fk REFERENCES users (id),
        organization_id uuid NOT NULL CONSTRAINT tech_coaches_organization_id_fk REFERENCES organizations (id),
        unit text NOT NULL CONSTRAINT tech_coaches_unit_check CHECK (length(unit) BETWEEN 1 AND 200),
        setting text NOT NULL CONSTRAINT tech_coaches_setting_check CHECK (setting IN ('HOME_CARE', 'SPECIAL_HOUSING', 'HOME_HEALTH_CARE', 'DISABILITY_SUPPORT')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT tech_coaches_user_id_key UNIQUE (user_id)
      )`);
    await db.query(`CREATE INDEX tech_coaches_organization_id_idx ON tech_coaches (organization_id)`);
    await db.query(`CREATE INDEX tech_coaches_setting_idx ON tech_coaches (setting)`);
    await db.query(`CREATE INDEX tech_coaches_active_idx ON tech_coaches (active)`);
    await db.query(`CREATE INDEX tech_coaches_unit_idx ON tech_coaches (lower(unit), id)`);

    await db.query(`
      CREATE TABLE tech_coach_categories (
        coach_id uuid NOT NULL CONSTRAINT tech_coach_categories_coach_id_fk REFERENCES tech_coaches (id) ON DELETE CASCADE,
        category_id uuid NOT NULL CONSTRAINT tech_coach_categories_category_id_fk REFERENCES technology_categories (id),
        CONSTRAINT tech_coach_categories_pkey PRIMARY KEY (coach_id, category_id)
      )`);
    await db.query(`CREATE INDEX tech_coach_categories_category_id_idx ON tech_coach_categories (category_id)`);

    await db.query(`
      CREATE TABLE coach_activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        coach_id uuid NOT NULL CONSTRAINT coach_activities_coach_id_fk REFERENCES tech_coaches (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT coach_activities_kind_check CHECK (kind IN ('TRAINING', 'OBSERVATION', 'DEMO')),
        occurred_on date NOT NULL,
        staff_reached integer NOT NULL CONSTRAINT coach_activities_staff_reached_check CHECK (staff_reached BETWEEN 0 AND 10000),
        note text CONSTRAINT coach_activities_note_check CHECK (length(note) <= 500),
        recorded_by_user_id uuid NOT NULL CONSTRAINT coach_activities_recorded_by_user_id_fk REFERENCES users (id),
        created_at timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX coach_activities_coach_id_idx ON coach_activities (coach_id, occurred_on DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX coach_activities_kind_idx ON coach_activities (kind)`);
    await db.query(`CREATE INDEX coach_activities_recorded_by_user_id_idx ON coach_activities (recorded_by_user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE coach_activities`);
    await db.query(`DROP TABLE tech_coach_categories`);
    await db.query(`DROP TABLE tech_coaches`);
    await db.query(`DROP TABLE need_comments`);
    await db.query(`DROP TABLE need_status_changes`);
    await db.query(`DROP TABLE need_endorsements`);
    await db.query(`DROP TABLE needs`);
    // pg_trgm stays: other schemas or later migrations may use it.
  }
}
