import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in with the organisations' own identity providers (issue 20): the providers as data, identities linked to
 * users by the provider's stable key (never by e-mail), invitations, the OIDC/SAML requests Noden issued
 * (state, nonce, PKCE verifier, SAML request id) and the SAML assertion ids already seen (replays).
 * Users who sign in only through a provider have no password; an organisation may turn local passwords off.
 */
export class SignInWithIdentityProviders1791000200000 implements MigrationInterface {
  name = 'SignInWithIdentityProviders1791000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organizations ADD COLUMN local_passwords_allowed boolean NOT NULL DEFAULT true`);
    await db.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    await db.query(`ALTER TABLE users ADD COLUMN invited_at timestamptz`);
    await db.query(`ALTER TABLE users ADD COLUMN invitation_expires_at timestamptz`);
    await db.query(`ALTER TABLE users ADD COLUMN invitation_accepted_at timestamptz`);
    await db.query(`ALTER TABLE users ADD COLUMN invited_by_user_id uuid`);
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT fk_users_invited_by_user FOREIGN KEY (invited_by_user_id) REFERENCES users (id) ON DELETE SET NULL`,
    );
    await db.query(`CREATE INDEX idx_users_invited_by_user_id ON users (invited_by_user_id)`);
    await db.query(
      `CREATE INDEX idx_users_pending_invitation ON users (organization_id, lower(email)) WHERE invited_at IS NOT NULL AND invitation_accepted_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE identity_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        kind text NOT NULL,
        display_name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        issuer text,
        client_id text,
        client_secret_ref text,
        scopes text[] NOT NULL DEFAULT '{openid,profile,email}',
        subject_claim text NOT NULL DEFAULT 'sub',
        allowed_tenant_ids text[] NOT NULL DEFAULT '{}',
        metadata_url text,
        metadata_xml text,
        metadata_certificate text,
        idp_entity_id text,
        sso_url text,
        slo_url text,
        idp_certificates text[] NOT NULL DEFAULT '{}',
        claim_mapping jsonb NOT NULL DEFAULT '{}',
        role_mapping jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_identity_providers_kind CHECK (kind IN ('OIDC', 'SAML')),
        CONSTRAINT ck_identity_providers_oidc CHECK (kind <> 'OIDC' OR (issuer IS NOT NULL AND client_id IS NOT NULL)),
        CONSTRAINT ck_identity_providers_secret_ref CHECK (client_secret_ref IS NULL OR client_secret_ref ~ '^(env|file):.+'),
        CONSTRAINT fk_identity_providers_organization FOREIGN KEY (organization_id) REFERENCES organizations (id)
      )`);
    await db.query(`CREATE INDEX idx_identity_providers_organization_id ON identity_providers (organization_id)`);
    await db.query(`CREATE INDEX idx_identity_providers_enabled ON identity_providers (enabled)`);

    await db.query(`
      CREATE TABLE user_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        provider_id uuid NOT NULL,
        issuer text NOT NULL,
        subject text NOT NULL,
        email text,
        created_at timestamptz NOT NULL,
        last_sign_in_at timestamptz NOT NULL,
        CONSTRAINT uq_user_identities_issuer_subject UNIQUE (issuer, subject),
        CONSTRAINT fk_user_identities_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT fk_user_identities_provider FOREIGN KEY (provider_id) REFERENCES identity_providers (id)
      )`);
    await db.query(`CREATE INDEX idx_user_identities_user_id ON user_identities (user_id)`);
    await db.query(`CREATE INDEX idx_user_identities_provider_id ON user_identities (provider_id)`);

    await db.query(`
      CREATE TABLE sso_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL,
        kind text NOT NULL,
        request_key text NOT NULL,
        browser_binding_hash text,
        nonce text,
        code_verifier text,
        return_to text NOT NULL DEFAULT '/',
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT uq_sso_requests_kind_key UNIQUE (kind, request_key),
        CONSTRAINT fk_sso_requests_provider FOREIGN KEY (provider_id) REFERENCES identity_providers (id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX idx_sso_requests_provider_id ON sso_requests (provider_id)`);
    await db.query(`CREATE INDEX idx_sso_requests_expires_at ON sso_requests (expires_at)`);

    await db.query(`
      CREATE TABLE sso_assertions_seen (
        issuer text NOT NULL,
        assertion_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (issuer, assertion_id)
      )`);
    await db.query(`CREATE INDEX idx_sso_assertions_seen_expires_at ON sso_assertions_seen (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS sso_assertions_seen`);
    await db.query(`DROP TABLE IF EXISTS sso_requests`);
    await db.query(`DROP TABLE IF EXISTS user_identities`);
    await db.query(`DROP TABLE IF EXISTS identity_providers`);
    await db.query(`DROP INDEX IF EXISTS idx_users_pending_invitation`);
    await db.query(`DROP INDEX IF EXISTS idx_users_invited_by_user_id`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS fk_users_invited_by_user`);
    await db.query(
      `ALTER TABLE users DROP COLUMN invited_by_user_id, DROP COLUMN invitation_accepted_at, DROP COLUMN invitation_expires_at, DROP COLUMN invited_at`,
    );
    // Users without a password (signed in through a provider only) cannot keep an empty hash: give them an unusable one.
    await db.query(`UPDATE users SET password_hash = '!' WHERE password_hash IS NULL`);
    await db.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
    await db.query(`ALTER TABLE organizations DROP COLUMN local_passwords_allowed`);
  }
}
