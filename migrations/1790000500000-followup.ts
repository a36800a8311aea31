import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Implementations, their 12- and 24-month follow-ups, indicator sets and answers.
 * `implementations.call_off_id` and `implementation_needs.need_id` link to tables of other domains and carry
 * no foreign key here: the lead adds `implementations_call_off_id_fk` and `implementation_needs_need_id_fk` at merge.
 */
export class Followup1790000500000 implements MigrationInterface {
  name = 'Followup1790000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE implementations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT implementations_organization_id_fk REFERENCES organizations (id),
        product_id uuid NOT NULL CONSTRAINT implementations_product_id_fk REFERENCES products (id),
        call_off_id uuid,
        setting text NOT NULL CONSTRAINT implementations_setting_check CHECK (setting IN ('HOME_CARE', 'SPECIAL_HOUSING', 'HOME_HEALTH_CARE', 'DISABILITY_SUPPORT')),
        status text NOT NULL CONSTRAINT implementations_status_check CHECK (status IN ('PILOT', 'BROAD_ROLLOUT', 'DISCONTINUED')),
        discontinued_reason text,
        go_live_on date,
        responsible_user_id uuid NOT NULL CONSTRAINT implementations_responsible_user_id_fk REFERENCES users (id),
        offered_women integer NOT NULL DEFAULT 0,
        offered_men integer NOT NULL DEFAULT 0,
        offered_other integer NOT NULL DEFAULT 0,
        accepted_women integer NOT NULL DEFAULT 0,
        accepted_men integer NOT NULL DEFAULT 0,
        accepted_other integer NOT NULL DEFAULT 0,
        declined_women integer NOT NULL DEFAULT 0,
        declined_men integer NOT NULL DEFAULT 0,
        declined_other integer NOT NULL DEFAULT 0,
        checklist jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_by_user_id uuid CONSTRAINT implementations_created_by_user_id_fk REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT implementations_counts_check CHECK (
          LEAST(offered_women, offered_men, offered_other, accepted_women, accepted_men, accepted_other, declined_women, declined_men, declined_other) >= 0
          AND accepted_women + declined_women <= offered_women
          AND accepted_men + declined_men <= offered_men
          AND accepted_other + declined_other <= offered_other),
        CONSTRAINT implementations_discontinued_reason_check CHECK (status <> 'DISCONTINUED' OR discontinued_reason IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX implementations_organization_id_idx ON implementations (organization_id)`);
    await db.query(`CREATE INDEX implementations_product_id_idx ON implementations (product_id)`);
    await db.query(`CREATE INDEX implementations_call_off_id_idx ON implementations (call_off_id)`);
    await db.query(`CREATE INDEX implementations_responsible_user_id_idx ON implementations (responsible_user_id)`);
    await db.query(`CREATE INDEX implementations_created_by_user_id_idx ON implementations (created_by_user_id)`);
    await db.query(`CREATE INDEX implementations_status_idx ON implementations (status)`);
    await db.query(`CREATE INDEX implementations_created_at_idx ON implementations (created_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE implementation_needs (
        implementation_id uuid NOT NULL CONSTRAINT implementation_needs_implementation_id_fk REFERENCES implementations (id) ON DELETE CASCADE,
        need_id uuid NOT NULL,
        CONSTRAINT implementation_needs_pkey PRIMARY KEY (implementation_id, need_id)
      )`);
    await db.query(`CREATE INDEX implementation_needs_need_id_idx ON implementation_needs (need_id)`);

    await db.query(`
      CREATE TABLE indicator_sets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid CONSTRAINT indicator_sets_category_id_fk REFERENCES technology_categories (id),
        version integer NOT NULL,
        created_by_user_id uuid CONSTRAINT indicator_sets_created_by_user_id_fk REFERENCES users (id),
        created_at timestamptz NOT NULL,
        CONSTRAINT indicator_sets_category_version_key UNIQUE NULLS NOT DISTINCT (category_id, version)
      )`);
    await db.query(`CREATE INDEX indicator_sets_category_id_idx ON indicator_sets (category_id, version DESC)`);
    await db.query(`CREATE INDEX indicator_sets_created_by_user_id_idx ON indicator_sets (created_by_user_id)`);
    await db.query(`
      CREATE TABLE indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_set_id uuid NOT NULL CONSTRAINT indicators_indicator_set_id_fk REFERENCES indicator_sets (id) ON DELETE CASCADE,
        key text NOT NULL,
        label_sv text NOT NULL,
        label_en text NOT NULL,
        type text NOT NULL CONSTRAINT indicators_type_check CHECK (type IN ('COUNT', 'PERCENT', 'SCALE_1_5', 'YES_NO', 'TEXT')),
        unit text,
        required boolean NOT NULL,
        sort_order integer NOT NULL,
        CONSTRAINT indicators_set_key_key UNIQUE (indicator_set_id, key)
      )`);

    await db.query(`
      CREATE TABLE follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        implementation_id uuid NOT NULL CONSTRAINT follow_ups_implementation_id_fk REFERENCES implementations (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL CONSTRAINT follow_ups_organization_id_fk REFERENCES organizations (id),
        wave integer NOT NULL CONSTRAINT follow_ups_wave_check CHECK (wave IN (12, 24)),
        due_on date NOT NULL,
        status text NOT NULL CONSTRAINT follow_ups_status_check CHECK (status IN ('SCHEDULED', 'OPEN', 'OVERDUE', 'ANSWERED', 'CANCELLED')),
        schedule_version integer NOT NULL DEFAULT 1,
        indicator_set_id uuid CONSTRAINT follow_ups_indicator_set_id_fk REFERENCES indicator_sets (id),
        opened_at timestamptz,
        reminded_at timestamptz,
        escalated_at timestamptz,
        answered_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT follow_ups_implementation_wave_key UNIQUE (implementation_id, wave)
      )`);
    await db.query(`CREATE INDEX follow_ups_organization_id_idx ON follow_ups (organization_id)`);
    await db.query(`CREATE INDEX follow_ups_indicator_set_id_idx ON follow_ups (indicator_set_id)`);
    await db.query(`CREATE INDEX follow_ups_due_on_idx ON follow_ups (due_on, id)`);
    await db.query(`CREATE INDEX follow_ups_wave_idx ON follow_ups (wave)`);
    // The reconciler's scan: only unfinished rows are indexed.
    await db.query(
      `CREATE INDEX follow_ups_status_idx ON follow_ups (status, due_on) WHERE status IN ('SCHEDULED', 'OPEN', 'OVERDUE')`,
    );
    await db.query(`CREATE INDEX follow_ups_status_all_idx ON follow_ups (status)`);

    await db.query(`
      CREATE TABLE follow_up_answers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        follow_up_id uuid NOT NULL CONSTRAINT follow_up_answers_follow_up_id_fk REFERENCES follow_ups (id) ON DELETE CASCADE,
        version integer NOT NULL,
        indicator_set_id uuid NOT NULL CONSTRAINT follow_up_answers_indicator_set_id_fk REFERENCES indicator_sets (id),
        values jsonb NOT NULL,
        correction_reason text,
        answered_by_user_id uuid NOT NULL CONSTRAINT follow_up_answers_answered_by_user_id_fk REFERENCES users (id),
        answered_at timestamptz NOT NULL,
        CONSTRAINT follow_up_answers_follow_up_version_key UNIQUE (follow_up_id, version),
        CONSTRAINT follow_up_answers_correction_reason_check CHECK (version = 1 OR correction_reason IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX follow_up_answers_indicator_set_id_idx ON follow_up_answers (indicator_set_id)`);
    await db.query(`CREATE INDEX follow_up_answers_answered_by_user_id_idx ON follow_up_answers (answered_by_user_id)`);
    // A submitted answer is immutable: a correction is a new version (docs/DOMAIN.md "every change is kept").
    await db.query(`
      CREATE FUNCTION follow_up_answers_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'follow_up_answers are immutable; insert a new version instead';
      END $$`);
    await db.query(
      `CREATE TRIGGER follow_up_answers_immutable_trg BEFORE UPDATE ON follow_up_answers FOR EACH ROW EXECUTE FUNCTION follow_up_answers_immutable()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE follow_up_answers`);
    await db.query(`DROP FUNCTION follow_up_answers_immutable()`);
    await db.query(`DROP TABLE follow_ups`);
    await db.query(`DROP TABLE indicators`);
    await db.query(`DROP TABLE indicator_sets`);
    await db.query(`DROP TABLE implementation_needs`);
    await db.query(`DROP TABLE implementations`);
  }
}
