import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Financing: holders' requests (one row per addressed bank, grouped), banks' decisions (with their
 * Idempotency-Key), and guarantees offered on active financings. Rows are created by the API with their chain
 * operation and moved along by the Financing and Guarantees events (financing-projector.ts,
 * guarantee-projector.ts).
 *
 * As for vouchers, organisation ids carry no foreign key: the indexer projects requests made on chain by
 * accounts the platform did not record a request for, and a refused row would stop it.
 */
export class CreateFinancingTables1764000600000 implements MigrationInterface {
  name = "CreateFinancingTables1764000600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE financing_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Lists page on this: uuids do not sort by creation and JS dates lose PostgreSQL's microseconds.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        group_id uuid NOT NULL,
        financing_id bigint UNIQUE,
        holder_organisation_id uuid,
        holder_address text NOT NULL,
        bank_organisation_id uuid NOT NULL,
        debtor_organisation_id uuid NOT NULL,
        voucher_id bigint NOT NULL REFERENCES vouchers (id),
        part_id bigint NOT NULL REFERENCES voucher_parts (id),
        kind text NOT NULL CHECK (kind IN ('factoring', 'pledge_loan')),
        recourse boolean NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        min_advance bigint NOT NULL CHECK (min_advance >= 0 AND min_advance <= amount),
        status text NOT NULL CHECK (status IN ('requesting', 'request_failed', 'requested', 'withdrawing', 'withdrawn',
          'deciding', 'rejected', 'active', 'repaid', 'settled', 'recourse_exercised')),
        bank_address text,
        advance bigint,
        rate_bps integer,
        repayment_amount bigint,
        approved_tx_hash text,
        approved_at timestamptz,
        error_code text,
        error_message text,
        business_key text UNIQUE,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX financing_requests_bank ON financing_requests (bank_organisation_id, seq)`);
    await queryRunner.query(`CREATE INDEX financing_requests_holder ON financing_requests (holder_organisation_id, seq)`);
    await queryRunner.query(`CREATE INDEX financing_requests_part ON financing_requests (part_id)`);
    await queryRunner.query(`CREATE INDEX financing_requests_group ON financing_requests (group_id)`);
    // A retried request with the same key returns the first group (every row of a group carries the key).
    await queryRunner.query(`
      CREATE INDEX financing_requests_idempotency ON financing_requests (holder_organisation_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE financing_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES financing_requests (id),
        bank_organisation_id uuid NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('approve', 'reject')),
        advance bigint,
        rate_bps integer,
        repayment_amount bigint,
        reason text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'failed')),
        error_code text,
        error_message text,
        business_key text NOT NULL UNIQUE,
        idempotency_key text,
        pricing jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one decision per request that is on its way or done: a second approval can never be recorded,
    // so a request is paid at most once even before the contract's own status check.
    await queryRunner.query(`
      CREATE UNIQUE INDEX financing_decisions_live ON financing_decisions (request_id) WHERE status IN ('pending', 'confirmed')`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX financing_decisions_idempotency ON financing_decisions (bank_organisation_id, idempotency_key)`);

    await queryRunner.query(`
      CREATE TABLE guarantees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        guarantee_id bigint UNIQUE,
        financing_request_id uuid REFERENCES financing_requests (id),
        financing_id bigint NOT NULL,
        guarantor_organisation_id uuid,
        guarantor_address text NOT NULL,
        bank_organisation_id uuid,
        beneficiary_address text,
        covered_amount bigint NOT NULL CHECK (covered_amount > 0),
        fee bigint NOT NULL CHECK (fee >= 0),
        status text NOT NULL CHECK (status IN ('offering', 'offer_failed', 'offered', 'withdrawing', 'withdrawn',
          'accepting', 'active', 'claiming', 'claimed', 'paying', 'paid', 'released')),
        subrogated_part_id bigint,
        error_code text,
        error_message text,
        business_key text UNIQUE,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX guarantees_financing ON guarantees (financing_id)`);
    await queryRunner.query(`CREATE INDEX guarantees_guarantor ON guarantees (guarantor_organisation_id, seq)`);
    await queryRunner.query(`CREATE INDEX guarantees_bank ON guarantees (bank_organisation_id, seq)`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX guarantees_idempotency ON guarantees (guarantor_organisation_id, idempotency_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE guarantees`);
    await queryRunner.query(`DROP TABLE financing_decisions`);
    await queryRunner.query(`DROP TABLE financing_requests`);
  }
}
