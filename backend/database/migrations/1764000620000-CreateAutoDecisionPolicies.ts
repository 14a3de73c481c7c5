import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Per-bank auto-decision policies and the outbox of requests they are to be applied to. The projector adds an
 * outbox row in the indexer's transaction when a request reaches a bank whose policy is on; a worker sweep
 * applies the policy after the commit. A decision taken by a policy keeps the policy's snapshot.
 */
export class CreateAutoDecisionPolicies1764000620000 implements MigrationInterface {
  name = "CreateAutoDecisionPolicies1764000620000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE financing_auto_decision_policies (
        bank_organisation_id uuid PRIMARY KEY REFERENCES organisations (id),
        -- Bumped on every change (switching off included), so a decision names the exact policy it applied.
        version integer NOT NULL,
        enabled boolean NOT NULL,
        kinds text[] NOT NULL,
        max_amount bigint NOT NULL CHECK (max_amount > 0),
        max_risk_score integer NOT NULL CHECK (max_risk_score BETWEEN 0 AND 100),
        max_days_to_maturity integer CHECK (max_days_to_maturity >= 0),
        require_within_limit boolean NOT NULL,
        pricing text NOT NULL CHECK (pricing IN ('suggested')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE financing_auto_decisions (
        request_id uuid PRIMARY KEY REFERENCES financing_requests (id),
        bank_organisation_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'referred', 'skipped')),
        reasons text[] NOT NULL DEFAULT '{}',
        policy_version integer,
        policy jsonb,
        risk jsonb,
        decision_id uuid REFERENCES financing_decisions (id),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE INDEX financing_auto_decisions_due ON financing_auto_decisions (next_attempt_at) WHERE status = 'pending'`);
    // The policy snapshot of a decision the platform took for the bank; null for a decision a person took.
    await queryRunner.query(`ALTER TABLE financing_decisions ADD COLUMN auto_policy jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE financing_decisions DROP COLUMN auto_policy`);
    await queryRunner.query(`DROP TABLE financing_auto_decisions`);
    await queryRunner.query(`DROP TABLE financing_auto_decision_policies`);
  }
}
