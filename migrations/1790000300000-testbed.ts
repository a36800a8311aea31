import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Test protocols and steering review. `test_protocol_needs.need_id` has no foreign key yet: the needs table
 * belongs to another branch; the constraint is added when the branches meet.
 */
export class Testbed1790000300000 implements MigrationInterface {
  name = 'Testbed1790000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE test_protocols (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        category_id uuid NOT NULL CONSTRAINT test_protocols_category_id_fk REFERENCES technology_categories (id),
        product_id uuid CONSTRAINT test_protocols_product_id_fk REFERENCES products (id),
        lead_organization_id uuid NOT NULL CONSTRAINT test_protocols_lead_organization_id_fk REFERENCES organizations (id),
        settings text[] NOT NULL DEFAULT '{}',
        purpose text NOT NULL,
        expected_benefit text,
        baseline text,
        planned_start date,
        planned_end date,
        broad_rollout_intended boolean NOT NULL DEFAULT false,
        consent_approach text NOT NULL,
        consent_description text,
        information_security text,
        work_environment text,
        involvement text,
        risks text,
        documents jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'DRAFT',
        published boolean NOT NULL DEFAULT false,
        version_count integer NOT NULL DEFAULT 0,
        created_by_user_id uuid NOT NULL CONSTRAINT test_protocols_created_by_user_id_fk REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT test_protocols_status_check CHECK (status IN ('DRAFT', 'RUNNING', 'COMPLETED', 'SUBMITTED_FOR_REVIEW', 'DECIDED', 'WITHDRAWN')),
        CONSTRAINT test_protocols_consent_approach_check CHECK (consent_approach IN ('PERSON_THEMSELF', 'PERSON_WITH_SUPPORT', 'NOT_APPLICABLE_NO_PERSONAL_DATA')),
        CONSTRAINT test_protocols_planned_period_check CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)
      )`);
    await db.query(`CREATE INDEX test_protocols_category_id_idx ON test_protocols (category_id)`);
    await db.query(`CREATE INDEX test_protocols_product_id_idx ON test_protocols (product_id)`);
    await db.query(`CREATE INDEX test_protocols_lead_organization_id_idx ON test_protocols (lead_organization_id)`);
    await db.query(`CREATE INDEX test_protocols_status_idx ON test_protocols (status)`);
    await db.query(`CREATE INDEX test_protocols_created_by_user_id_idx ON test_protocols (created_by_user_id)`);
    await db.query(`CREATE INDEX test_protocols_created_at_idx ON test_protocols (created_at, id)`);

    await db.query(`
      CREATE TABLE test_protocol_organizations (
        protocol_id uuid NOT NULL CONSTRAINT test_protocol_organizations_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL CONSTRAINT test_protocol_organizations_organization_id_fk REFERENCES organizations (id),
        CONSTRAINT test_protocol_organizations_pkey PRIMARY KEY (protocol_id, organization_id)
      )`);
    await db.query(
      `CREATE INDEX test_protocol_organizations_organization_id_idx ON test_protocol_organizations (organization_id)`,
    );

    await db.query(`
      CREATE TABLE test_protocol_needs (
        protocol_id uuid NOT NULL CONSTRAINT test_protocol_needs_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        need_id uuid NOT NULL,
        CONSTRAINT test_protocol_needs_pkey PRIMARY KEY (protocol_id, need_id)
      )`);
    await db.query(`CREATE INDEX test_protocol_needs_need_id_idx ON test_protocol_needs (need_id)`);

    await db.query(`
      CREATE TABLE test_success_criteria (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_success_criteria_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        position integer NOT NULL,
        name text NOT NULL,
        target_value double precision NOT NULL,
        unit text NOT NULL,
        description text
      )`);
    await db.query(
      `CREATE INDEX test_success_criteria_protocol_id_idx ON test_success_criteria (protocol_id, position)`,
    );

    await db.query(`
      CREATE TABLE test_participant_counts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_participant_counts_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        participant_group text NOT NULL,
        women integer NOT NULL DEFAULT 0,
        men integer NOT NULL DEFAULT 0,
        other_or_unknown integer NOT NULL DEFAULT 0,
        recorded_by_user_id uuid NOT NULL CONSTRAINT test_participant_counts_recorded_by_user_id_fk REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT test_participant_counts_protocol_group_key UNIQUE (protocol_id, participant_group),
        CONSTRAINT test_participant_counts_group_check CHECK (participant_group IN ('CARE_RECIPIENTS', 'STAFF', 'RELATIVES')),
        CONSTRAINT test_participant_counts_counts_check CHECK (women >= 0 AND men >= 0 AND other_or_unknown >= 0)
      )`);
    await db.query(
      `CREATE INDEX test_participant_counts_recorded_by_user_id_idx ON test_participant_counts (recorded_by_user_id)`,
    );

    await db.query(`
      CREATE TABLE test_observations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_observations_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT test_observations_kind_check CHECK (kind IN ('OBSTACLE', 'OPPORTUNITY', 'LESSON')),
        description text NOT NULL,
        occurred_on date NOT NULL,
        author_user_id uuid NOT NULL CONSTRAINT test_observations_author_user_id_fk REFERENCES users (id),
        author_organization_id uuid NOT NULL CONSTRAINT test_observations_author_organization_id_fk REFERENCES organizations (id),
        created_at timestamptz NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await db.query(
      `CREATE INDEX test_observations_protocol_id_idx ON test_observations (protocol_id, created_at, seq)`,
    );
    await db.query(`CREATE INDEX test_observations_author_user_id_idx ON test_observations (author_user_id)`);
    await db.query(
      `CREATE INDEX test_observations_author_organization_id_idx ON test_observations (author_organization_id)`,
    );

    // Deviations in care and technical faults are two kinds, kept apart (S2:203).
    await db.query(`
      CREATE TABLE test_deviations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_deviations_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        description text NOT NULL,
        action_taken text,
        occurred_on date NOT NULL,
        author_user_id uuid NOT NULL CONSTRAINT test_deviations_author_user_id_fk REFERENCES users (id),
        author_organization_id uuid NOT NULL CONSTRAINT test_deviations_author_organization_id_fk REFERENCES organizations (id),
        created_at timestamptz NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await db.query(`CREATE INDEX test_deviations_protocol_id_idx ON test_deviations (protocol_id, created_at, seq)`);
    await db.query(`CREATE INDEX test_deviations_author_user_id_idx ON test_deviations (author_user_id)`);
    await db.query(
      `CREATE INDEX test_deviations_author_organization_id_idx ON test_deviations (author_organization_id)`,
    );

    await db.query(`
      CREATE TABLE test_fault_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_fault_reports_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        description text NOT NULL,
        affected_component text,
        resolved boolean NOT NULL DEFAULT false,
        occurred_on date NOT NULL,
        author_user_id uuid NOT NULL CONSTRAINT test_fault_reports_author_user_id_fk REFERENCES users (id),
        author_organization_id uuid NOT NULL CONSTRAINT test_fault_reports_author_organization_id_fk REFERENCES organizations (id),
        created_at timestamptz NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await db.query(
      `CREATE INDEX test_fault_reports_protocol_id_idx ON test_fault_reports (protocol_id, created_at, seq)`,
    );
    await db.query(`CREATE INDEX test_fault_reports_author_user_id_idx ON test_fault_reports (author_user_id)`);
    await db.query(
      `CREATE INDEX test_fault_reports_author_organization_id_idx ON test_fault_reports (author_organization_id)`,
    );
    await db.query(`CREATE INDEX test_observations_kind_idx ON test_observations (kind)`);

    await db.query(`
      CREATE TABLE test_results (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_results_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        criterion_id uuid NOT NULL CONSTRAINT test_results_criterion_id_fk REFERENCES test_success_criteria (id) ON DELETE CASCADE,
        measured_value double precision NOT NULL,
        met boolean NOT NULL,
        comment text,
        recorded_by_user_id uuid NOT NULL CONSTRAINT test_results_recorded_by_user_id_fk REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT test_results_criterion_id_key UNIQUE (criterion_id)
      )`);
    await db.query(`CREATE INDEX test_results_protocol_id_idx ON test_results (protocol_id)`);
    await db.query(`CREATE INDEX test_results_recorded_by_user_id_idx ON test_results (recorded_by_user_id)`);

    await db.query(`
      CREATE TABLE test_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_status_changes_protocol_id_fk REFERENCES test_protocols (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        changed_by_user_id uuid CONSTRAINT test_status_changes_changed_by_user_id_fk REFERENCES users (id),
        changed_at timestamptz NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await db.query(
      `CREATE INDEX test_status_changes_protocol_id_idx ON test_status_changes (protocol_id, changed_at, seq)`,
    );
    await db.query(
      `CREATE INDEX test_status_changes_changed_by_user_id_idx ON test_status_changes (changed_by_user_id)`,
    );

    await db.query(`
      CREATE TABLE test_protocol_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_protocol_versions_protocol_id_fk REFERENCES test_protocols (id),
        version_number integer NOT NULL,
        snapshot jsonb NOT NULL,
        content_hash text NOT NULL,
        review_status text NOT NULL DEFAULT 'OPEN',
        submitted_by_user_id uuid NOT NULL CONSTRAINT test_protocol_versions_submitted_by_user_id_fk REFERENCES users (id),
        submitted_at timestamptz NOT NULL,
        closed_at timestamptz,
        CONSTRAINT test_protocol_versions_protocol_number_key UNIQUE (protocol_id, version_number),
        CONSTRAINT test_protocol_versions_review_status_check CHECK (review_status IN ('OPEN', 'DECIDED', 'SUPERSEDED'))
      )`);
    await db.query(
      `CREATE INDEX test_protocol_versions_submitted_by_user_id_idx ON test_protocol_versions (submitted_by_user_id)`,
    );
    await db.query(
      `CREATE INDEX test_protocol_versions_review_status_idx ON test_protocol_versions (review_status, submitted_at)`,
    );
    // A frozen version never changes (S4:294: a decision must show the knowledge it rested on).
    await db.query(`
      CREATE FUNCTION test_protocol_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
           OR NEW.version_number IS DISTINCT FROM OLD.version_number OR NEW.protocol_id IS DISTINCT FROM OLD.protocol_id THEN
          RAISE EXCEPTION 'test protocol versions are immutable';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER test_protocol_versions_frozen BEFORE UPDATE ON test_protocol_versions FOR EACH ROW EXECUTE FUNCTION test_protocol_versions_frozen()`,
    );

    await db.query(`
      CREATE TABLE test_steering_votes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL CONSTRAINT test_steering_votes_version_id_fk REFERENCES test_protocol_versions (id),
        protocol_id uuid NOT NULL CONSTRAINT test_steering_votes_protocol_id_fk REFERENCES test_protocols (id),
        organization_id uuid NOT NULL CONSTRAINT test_steering_votes_organization_id_fk REFERENCES organizations (id),
        voter_user_id uuid NOT NULL CONSTRAINT test_steering_votes_voter_user_id_fk REFERENCES users (id),
        recommendation text NOT NULL,
        conditions text,
        rationale text NOT NULL,
        cast_at timestamptz NOT NULL,
        CONSTRAINT test_steering_votes_version_organization_key UNIQUE (version_id, organization_id),
        CONSTRAINT test_steering_votes_recommendation_check CHECK (recommendation IN ('RECOMMEND', 'RECOMMEND_WITH_CONDITIONS', 'DO_NOT_RECOMMEND', 'TEST_MORE')),
        CONSTRAINT test_steering_votes_conditions_check CHECK (recommendation <> 'RECOMMEND_WITH_CONDITIONS' OR conditions IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX test_steering_votes_protocol_id_idx ON test_steering_votes (protocol_id)`);
    await db.query(`CREATE INDEX test_steering_votes_organization_id_idx ON test_steering_votes (organization_id)`);
    await db.query(`CREATE INDEX test_steering_votes_voter_user_id_idx ON test_steering_votes (voter_user_id)`);

    await db.query(`
      CREATE TABLE test_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        protocol_id uuid NOT NULL CONSTRAINT test_decisions_protocol_id_fk REFERENCES test_protocols (id),
        version_id uuid NOT NULL CONSTRAINT test_decisions_version_id_fk REFERENCES test_protocol_versions (id),
        version_number integer NOT NULL,
        category_id uuid NOT NULL CONSTRAINT test_decisions_category_id_fk REFERENCES technology_categories (id),
        outcome text NOT NULL,
        rationale text NOT NULL,
        conditions text,
        vote_counts jsonb NOT NULL,
        knowledge_basis jsonb NOT NULL,
        decided_at timestamptz NOT NULL,
        supersedes_decision_id uuid CONSTRAINT test_decisions_supersedes_decision_id_fk REFERENCES test_decisions (id),
        CONSTRAINT test_decisions_version_id_key UNIQUE (version_id),
        CONSTRAINT test_decisions_supersedes_decision_id_key UNIQUE (supersedes_decision_id),
        CONSTRAINT test_decisions_outcome_check CHECK (outcome IN ('RECOMMEND', 'RECOMMEND_WITH_CONDITIONS', 'DO_NOT_RECOMMEND', 'TEST_MORE'))
      )`);
    await db.query(`CREATE INDEX test_decisions_protocol_id_idx ON test_decisions (protocol_id, version_number)`);
    await db.query(`CREATE INDEX test_decisions_category_id_idx ON test_decisions (category_id)`);
    await db.query(`CREATE INDEX test_decisions_outcome_idx ON test_decisions (outcome)`);
    await db.query(`CREATE INDEX test_decisions_decided_at_idx ON test_decisions (decided_at, id)`);
    // A decision is never edited, only superseded by a decision on a newer version.
    await db.query(`
      CREATE FUNCTION test_decisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'test decisions cannot be changed';
      END $$`);
    await db.query(
      `CREATE TRIGGER test_decisions_immutable BEFORE UPDATE OR DELETE ON test_decisions FOR EACH ROW EXECUTE FUNCTION test_decisions_immutable()`,
    );

    await db.query(`
      CREATE TABLE steering_settings (
        id boolean PRIMARY KEY DEFAULT true CONSTRAINT steering_settings_id_check CHECK (id),
        quorum_rule text NOT NULL DEFAULT 'MAJORITY_OF_MEMBERS',
        minimum_votes integer,
        updated_by_user_id uuid CONSTRAINT steering_settings_updated_by_user_id_fk REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT steering_settings_quorum_rule_check CHECK (quorum_rule IN ('MAJORITY_OF_MEMBERS', 'ALL_MEMBERS', 'MINIMUM_VOTES')),
        CONSTRAINT steering_settings_minimum_votes_check CHECK ((quorum_rule = 'MINIMUM_VOTES') = (minimum_votes IS NOT NULL) AND (minimum_votes IS NULL OR minimum_votes >= 1))
      )`);
    await db.query(`CREATE INDEX steering_settings_updated_by_user_id_idx ON steering_settings (updated_by_user_id)`);
    await db.query(`INSERT INTO steering_settings (id, quorum_rule) VALUES (true, 'MAJORITY_OF_MEMBERS')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE steering_settings`);
    await db.query(`DROP TABLE test_decisions`);
    await db.query(`DROP FUNCTION test_decisions_immutable()`);
    await db.query(`DROP TABLE test_steering_votes`);
    await db.query(`DROP TABLE test_protocol_versions`);
    await db.query(`DROP FUNCTION test_protocol_versions_frozen()`);
    await db.query(`DROP TABLE test_status_changes`);
    await db.query(`DROP TABLE test_results`);
    await db.query(`DROP TABLE test_fault_reports`);
    await db.query(`DROP TABLE test_deviations`);
    await db.query(`DROP TABLE test_observations`);
    await db.query(`DROP TABLE test_participant_counts`);
    await db.query(`DROP TABLE test_success_criteria`);
    await db.query(`DROP TABLE test_protocol_needs`);
    await db.query(`DROP TABLE test_protocol_organizations`);
    await db.query(`DROP TABLE test_protocols`);
  }
}
