import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Receivables: vouchers and their parts (projected from VoucherToken events), debtors' confirmations and
 * holders' split/transfer instructions (recorded with their chain operations).
 *
 * Organisation ids carry no foreign key to organisations: the indexer projects every voucher on the chain,
 * including ones whose debtor or holders this platform never onboarded, and a refused row would stop it.
 * For the same reason the invoice is referenced by its key, not by a row of the invoices module.
 */
export class CreateReceivablesTables1764000200000 implements MigrationInterface {
  name = "CreateReceivablesTables1764000200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vouchers (
        id bigint PRIMARY KEY,
        invoice_key text NOT NULL UNIQUE,
        debtor_organisation_id uuid NOT NULL,
        face_value bigint NOT NULL CHECK (face_value > 0),
        redeemed bigint NOT NULL DEFAULT 0 CHECK (redeemed >= 0),
        maturity timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'defaulted', 'paid')),
        frozen boolean NOT NULL DEFAULT false,
        issued_tx_hash text NOT NULL,
        issued_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX vouchers_debtor ON vouchers (debtor_organisation_id)`);

    await queryRunner.query(`
      CREATE TABLE voucher_parts (
        id bigint PRIMARY KEY,
        voucher_id bigint NOT NULL REFERENCES vouchers (id),
        parent_id bigint REFERENCES voucher_parts (id),
        tier integer NOT NULL CHECK (tier >= 1),
        holder_address text NOT NULL,
        holder_organisation_id uuid,
        amount bigint NOT NULL CHECK (amount >= 0),
        held_amount bigint NOT NULL DEFAULT 0 CHECK (held_amount >= 0 AND held_amount <= amount),
        hold_beneficiary text,
        status text NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'closed', 'redeemed')),
        created_tx_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((parent_id IS NULL) = (tier = 1))
      )`);
    await queryRunner.query(`CREATE INDEX voucher_parts_voucher ON voucher_parts (voucher_id)`);
    await queryRunner.query(`CREATE INDEX voucher_parts_parent ON voucher_parts (parent_id)`);
    await queryRunner.query(`CREATE INDEX voucher_parts_holder ON voucher_parts (holder_organisation_id, status)`);

    await queryRunner.query(`
      CREATE TABLE confirmations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_key text NOT NULL,
        debtor_organisation_id uuid NOT NULL,
        holder_address text NOT NULL,
        face_value bigint NOT NULL CHECK (face_value > 0),
        maturity timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'failed')),
        voucher_id bigint REFERENCES vouchers (id),
        error_code text,
        error_message text,
        business_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live confirmation per invoice and debtor; a failed one can be retried with a new row.
    await queryRunner.query(`
      CREATE UNIQUE INDEX confirmations_live ON confirmations (invoice_key, debtor_organisation_id)
        WHERE status IN ('pending', 'issued')`);
    await queryRunner.query(`CREATE INDEX confirmations_debtor ON confirmations (debtor_organisation_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE part_instructions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('split', 'transfer')),
        part_id bigint NOT NULL REFERENCES voucher_parts (id),
        recipients jsonb NOT NULL,
        business_key text NOT NULL UNIQUE,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX part_instructions_idempotency ON part_instructions (organisation_id, idempotency_key)`);
    await queryRunner.query(`CREATE INDEX part_instructions_part ON part_instructions (part_id)`);

    // Confirmations check the invoice against the InvoiceRegistry events the indexer stored (invoice-facts.ts).
    await queryRunner.query(`
      CREATE INDEX chain_events_invoice_key ON chain_events ((args ->> 'invoiceKey'))
        WHERE contract = 'InvoiceRegistry'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX chain_events_invoice_key`);
    await queryRunner.query(`DROP TABLE part_instructions`);
    await queryRunner.query(`DROP TABLE confirmations`);
    await queryRunner.query(`DROP TABLE voucher_parts`);
    await queryRunner.query(`DROP TABLE vouchers`);
  }
}
