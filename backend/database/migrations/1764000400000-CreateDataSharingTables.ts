import type { MigrationInterface, QueryRunner } from "typeorm";

/** Consents, the access log of shared-data reads, and the batches of it anchored on chain. */
export class CreateDataSharingTables1764000400000 implements MigrationInterface {
  name = "CreateDataSharingTables1764000400000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        grantor_organisation_id uuid NOT NULL REFERENCES organisations (id),
        grantee_organisation_id uuid NOT NULL REFERENCES organisations (id),
        categories text[] NOT NULL CHECK (cardinality(categories) > 0),
        purpose text NOT NULL,
        expires_at timestamptz NOT NULL,
        consent_hash text NOT NULL UNIQUE,
        revoked_at timestamptz,
        idempotency_key text,
        recorded_tx_hash text,
        revocation_tx_hash text,
        chain_error_code text,
        -- Milliseconds, like the JavaScript Date that list cursors carry (see backend/common/pagination.ts).
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CHECK (grantor_organisation_id <> grantee_organisation_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX consents_grantor_grantee ON consents (grantor_organisation_id, grantee_organisation_id)`,
    );
    await queryRunner.query(`CREATE INDEX consents_grantee ON consents (grantee_organisation_id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX consents_idempotency ON consents (grantor_organisation_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE access_log_batches (
        id uuid PRIMARY KEY,
        first_entry bigint NOT NULL UNIQUE,
        entry_count integer NOT NULL CHECK (entry_count > 0),
        root text NOT NULL UNIQUE,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        chain_batch_number bigint,
        tx_hash text,
        block_number bigint,
        anchored_at timestamptz,
        error_code text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE access_log_entries (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        accessed_at timestamptz NOT NULL,
        accessor_organisation_id uuid NOT NULL REFERENCES organisations (id),
        owner_organisation_id uuid NOT NULL REFERENCES organisations (id),
        category text NOT NULL,
        resource text NOT NULL,
        purpose text NOT NULL,
        consent_id uuid REFERENCES consents (id),
        financing_request_id uuid,
        leaf_hash text NOT NULL,
        batch_id uuid REFERENCES access_log_batches (id),
        entry_number bigint UNIQUE,
        CHECK ((batch_id IS NULL) = (entry_number IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX access_log_entries_owner ON access_log_entries (owner_organisation_id, seq)`);
    await queryRunner.query(`CREATE INDEX access_log_entries_accessor ON access_log_entries (accessor_organisation_id, seq)`);
    await queryRunner.query(`CREATE INDEX access_log_entries_batch ON access_log_entries (batch_id)`);
    // The anchoring job's question: which entries are not in a batch yet?
    await queryRunner.query(`CREATE INDEX access_log_entries_unbatched ON access_log_entries (seq) WHERE batch_id IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE access_log_entries`);
    await queryRunner.query(`DROP TABLE access_log_batches`);
    await queryRunner.query(`DROP TABLE consents`);
  }
}
