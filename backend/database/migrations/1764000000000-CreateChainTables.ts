import type { MigrationInterface, QueryRunner } from "typeorm";

/** The chain gateway's outbox (operations, signed transactions, nonces) and the indexer's events and cursor. */
export class CreateChainTables1764000000000 implements MigrationInterface {
  name = "CreateChainTables1764000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE chain_operations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_key text NOT NULL UNIQUE,
        kind text NOT NULL,
        signer_address text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'confirmed', 'failed')),
        transaction_id uuid,
        error_code text,
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX chain_operations_pending ON chain_operations (signer_address, status, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE chain_transactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        signer_address text NOT NULL,
        nonce bigint NOT NULL,
        kind text NOT NULL,
        operation_count integer NOT NULL,
        raw_transaction text NOT NULL,
        tx_hash text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'signed' CHECK (status IN ('signed', 'sent', 'confirmed', 'reverted')),
        block_number bigint,
        gas_used bigint,
        broadcast_attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (signer_address, nonce)
      )`);
    await queryRunner.query(`
      ALTER TABLE chain_operations ADD CONSTRAINT chain_operations_transaction
        FOREIGN KEY (transaction_id) REFERENCES chain_transactions (id)`);
    await queryRunner.query(`
      CREATE TABLE chain_signers (
        address text PRIMARY KEY,
        next_nonce bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE chain_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        block_number bigint NOT NULL,
        log_index integer NOT NULL,
        tx_hash text NOT NULL,
        contract text NOT NULL,
        name text NOT NULL,
        args jsonb NOT NULL,
        block_timestamp timestamptz NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (block_number, log_index)
      )`);
    await queryRunner.query(`CREATE INDEX chain_events_name ON chain_events (name)`);
    await queryRunner.query(`
      CREATE TABLE chain_cursors (
        name text PRIMARY KEY,
        last_indexed_block bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE chain_cursors`);
    await queryRunner.query(`DROP TABLE chain_events`);
    await queryRunner.query(`DROP TABLE chain_signers`);
    await queryRunner.query(`ALTER TABLE chain_operations DROP CONSTRAINT chain_operations_transaction`);
    await queryRunner.query(`DROP TABLE chain_transactions`);
    await queryRunner.query(`DROP TABLE chain_operations`);
  }
}
