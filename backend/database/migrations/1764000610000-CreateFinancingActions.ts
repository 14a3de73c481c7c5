import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The steps of a financing's life after approval: the holder repays a loan, the bank closes it, enforces its
 * pledge or exercises recourse after a default. Each is a row with its chain operation (recorded together) and
 * its Idempotency-Key; the Financing events confirm it, a refused operation fails it with the decoded code.
 */
export class CreateFinancingActions1764000610000 implements MigrationInterface {
  name = "CreateFinancingActions1764000610000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE financing_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES financing_requests (id),
        organisation_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('repay', 'close', 'enforce_pledge', 'exercise_recourse')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'failed')),
        error_code text,
        error_message text,
        business_key text NOT NULL UNIQUE,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX financing_actions_request ON financing_actions (request_id)`);
    // One step on its way per financing: two (a repayment and a closure, say) would race on chain and the
    // second would only fail there.
    await queryRunner.query(`CREATE UNIQUE INDEX financing_actions_pending ON financing_actions (request_id) WHERE status = 'pending'`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX financing_actions_idempotency ON financing_actions (organisation_id, idempotency_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE financing_actions`);
  }
}
