import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Settlement: what the maturity scan found (a voucher past maturity unpaid, a default requested), what the
 * chain said (VoucherSettlement's PartPaid and VoucherDefaulted), and debtors' payment instructions. The
 * voucher's own status and redeemed total stay in `vouchers` (projected by the receivables module).
 */
export class CreateSettlementTables1764000510000 implements MigrationInterface {
  name = "CreateSettlementTables1764000510000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE voucher_settlements (
        voucher_id bigint PRIMARY KEY,
        matured_seen_at timestamptz,
        defaultable_at timestamptz,
        default_requested_at timestamptz,
        default_requests integer NOT NULL DEFAULT 0,
        defaulted_at timestamptz,
        defaulted_outstanding bigint,
        defaulted_tx_hash text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE part_payments (
        block_number bigint NOT NULL,
        log_index integer NOT NULL,
        tx_hash text NOT NULL,
        voucher_id bigint NOT NULL,
        part_id bigint NOT NULL UNIQUE,
        holder_address text NOT NULL,
        holder_organisation_id uuid,
        holder_amount bigint NOT NULL CHECK (holder_amount >= 0),
        beneficiary_address text,
        beneficiary_organisation_id uuid,
        beneficiary_amount bigint NOT NULL CHECK (beneficiary_amount >= 0),
        paid_at timestamptz NOT NULL,
        PRIMARY KEY (block_number, log_index)
      )`);
    await queryRunner.query(`CREATE INDEX part_payments_voucher ON part_payments (voucher_id)`);

    await queryRunner.query(`
      CREATE TABLE settlement_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        voucher_id bigint NOT NULL,
        part_ids bigint[] NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        business_key text NOT NULL UNIQUE,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX settlement_payments_voucher ON settlement_payments (voucher_id)`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX settlement_payments_idempotency ON settlement_payments (organisation_id, idempotency_key)`);
    // The maturity scan looks for active vouchers by maturity.
    await queryRunner.query(`CREATE INDEX vouchers_active_maturity ON vouchers (maturity) WHERE status = 'active'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX vouchers_active_maturity`);
    await queryRunner.query(`DROP TABLE settlement_payments`);
    await queryRunner.query(`DROP TABLE part_payments`);
    await queryRunner.query(`DROP TABLE voucher_settlements`);
  }
}
