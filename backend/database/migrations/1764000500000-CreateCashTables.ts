import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Cash: balances and movements projected from CashToken's Transfer events, and banks' mint/burn
 * instructions (recorded with their chain operations). Organisation ids carry no foreign key: the indexer
 * projects every account on the chain, including ones this platform did not onboard. Balances carry no
 * `>= 0` check for the same reason: the indexer must never stop on what the chain says; the chain cannot
 * overdraw an account, and the e2e tests reconcile every balance with balanceOf.
 */
export class CreateCashTables1764000500000 implements MigrationInterface {
  name = "CreateCashTables1764000500000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cash_accounts (
        address text PRIMARY KEY,
        organisation_id uuid,
        balance bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX cash_accounts_organisation ON cash_accounts (organisation_id)`);

    await queryRunner.query(`
      CREATE TABLE cash_movements (
        block_number bigint NOT NULL,
        log_index integer NOT NULL,
        tx_hash text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('mint', 'burn', 'transfer')),
        from_address text,
        to_address text,
        from_organisation_id uuid,
        to_organisation_id uuid,
        amount bigint NOT NULL CHECK (amount >= 0),
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (block_number, log_index)
      )`);
    await queryRunner.query(`CREATE INDEX cash_movements_from ON cash_movements (from_organisation_id, block_number, log_index)`);
    await queryRunner.query(`CREATE INDEX cash_movements_to ON cash_movements (to_organisation_id, block_number, log_index)`);

    await queryRunner.query(`
      CREATE TABLE cash_instructions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('mint', 'burn')),
        recipient_organisation_id uuid,
        recipient_address text,
        amount bigint NOT NULL CHECK (amount > 0),
        business_key text NOT NULL UNIQUE,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'mint') = (recipient_address IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX cash_instructions_idempotency ON cash_instructions (organisation_id, idempotency_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cash_instructions`);
    await queryRunner.query(`DROP TABLE cash_movements`);
    await queryRunner.query(`DROP TABLE cash_accounts`);
  }
}
