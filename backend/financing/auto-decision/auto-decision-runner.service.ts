import { Injectable, Logger } from "@nestjs/common";
import { DataSource } from "typeorm";
import { DomainError } from "../../common/domain-error.js";
import type { AuthenticatedOrganisation } from "../../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../../participants/participants-directory.service.js";
import { DecisionDataService } from "../decision-data.service.js";
import { FinancingDecision } from "../financing-decision.entity.js";
import { FinancingDecisionsService } from "../financing-decisions.service.js";
import { FinancingRequest } from "../financing-request.entity.js";
import type { RiskAssessment } from "../risk-pricing.js";
import { matchAutoDecisionPolicy } from "./auto-decision-match.js";
import { AutoDecisionPolicy } from "./auto-decision-policy.entity.js";
import type { AutoDecisionStatus } from "./auto-decision.entity.js";

const BATCH = 20;
const LEASE_SECONDS = 60;
/** After this many failed tries (chain node or database unreachable), the request is left to a person. */
const MAX_ATTEMPTS = 5;

interface Leased {
  request_id: string;
  bank_organisation_id: string;
  attempts: number;
}

interface Outcome {
  status: Exclude<AutoDecisionStatus, "pending">;
  reasons: string[];
  policyVersion?: number;
  policy?: Record<string, unknown>;
  risk?: Record<string, unknown>;
  decisionId?: string;
}

/** The idempotency key of the approval a policy takes on a request: one per request, so a retry replays it. */
export function autoDecisionKey(requestId: string): string {
  return `auto:${requestId}`;
}

/**
 * Applies each bank's policy to the requests queued for it: computes the decision data the bank would see,
 * matches the policy, and approves through the same path as the API (FinancingDecisionsService, with its
 * pre-checks and chain operation) under a deterministic Idempotency-Key. A miss, or a refusal of the decision
 * path (exposure limit, part moved), refers the request to a person with the reasons. Never rejects.
 *
 * Rows are leased with FOR UPDATE SKIP LOCKED, so several worker processes never apply one row at once; a
 * crash leaves the row pending, and the next try finds the approval already recorded under its key.
 */
@Injectable()
export class AutoDecisionRunner {
  private readonly logger = new Logger(AutoDecisionRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ParticipantsDirectory,
    private readonly decisionData: DecisionDataService,
    private readonly decisions: FinancingDecisionsService,
  ) {}

  /** Applies every due row (in batches, one at a time: approvals of one bank compete for its exposure headroom). */
  async applyDue(): Promise<number> {
    let applied = 0;
    for (;;) {
      const due = await this.lease();
      if (due.length === 0) return applied;
      for (const row of due) await this.applyOne(row);
      applied += due.length;
    }
  }

  private async lease(): Promise<Leased[]> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows] = (await this.dataSource.query(
      `WITH due AS (
         SELECT request_id FROM financing_auto_decisions
          WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       )
       UPDATE financing_auto_decisions outbox SET locked_until = now() + make_interval(secs => $2), attempts = outbox.attempts + 1
         FROM due WHERE outbox.request_id = due.request_id
       RETURNING outbox.request_id, outbox.bank_organisation_id, outbox.attempts`,
      [BATCH, LEASE_SECONDS],
    )) as [Leased[], number];
    return rows;
  }

  private async applyOne(row: Leased): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.evaluate(row);
    } catch (error) {
      const message = ((error as Error).message || String(error)).slice(0, 500);
      if (row.attempts < MAX_ATTEMPTS) {
        this.logger.warn(`auto-decision of request ${row.request_id} failed (try ${row.attempts}): ${message}`);
        await this.dataSource.query(
          `UPDATE financing_auto_decisions
              SET locked_until = NULL, last_error = $2, next_attempt_at = now() + make_interval(secs => $3), updated_at = now()
            WHERE request_id = $1 AND status = 'pending'`,
          [row.request_id, message, 2 ** row.attempts],
        );
        return;
      }
      await this.finish(row.request_id, { status: "referred", reasons: ["AUTO_DECISION_FAILED"] }, message);
      return;
    }
    await this.finish(row.request_id, outcome, null);
  }

  private async evaluate(row: Leased): Promise<Outcome> {
    const key = autoDecisionKey(row.request_id);
    // Approved by an earlier try that stopped before recording its outcome: never approve twice.
    const earlier = await this.dataSource
      .getRepository(FinancingDecision)
      .findOneBy({ bankOrganisationId: row.bank_organisation_id, idempotencyKey: key });
    if (earlier) {
      const snapshot = earlier.autoPolicy ?? {};
      return { status: "approved", reasons: [], policy: snapshot, policyVersion: Number(snapshot.version), decisionId: earlier.id };
    }
    const policy = await this.dataSource.getRepository(AutoDecisionPolicy).findOneBy({ bankOrganisationId: row.bank_organisation_id });
    const organisation = await this.directory.findById(row.bank_organisation_id);
    if (!policy?.enabled || !organisation?.roles.includes("bank")) return { status: "skipped", reasons: ["POLICY_OFF"] };
    const snapshot = policySnapshot(policy);
    const request = await this.dataSource.getRepository(FinancingRequest).findOneByOrFail({ id: row.request_id });
    if (request.status !== "requested") {
      return { status: "skipped", reasons: ["REQUEST_NOT_DECIDABLE"], policy: snapshot, policyVersion: policy.version };
    }
    const bank: AuthenticatedOrganisation = {
      id: organisation.id,
      name: organisation.name,
      roles: organisation.roles,
      chainAddress: organisation.chainAddress,
    };
    const data = await this.decisionData.assessmentFor(bank, request.id);
    // The view's DTO class types the assessment loosely; it is assessRisk's output.
    const assessment = data.risk as unknown as RiskAssessment;
    const risk = data.risk as unknown as Record<string, unknown>;
    const applied = { policy: snapshot, policyVersion: policy.version, risk };
    const match = matchAutoDecisionPolicy(policy, {
      kind: request.kind,
      amount: request.amount,
      minAdvance: request.minAdvance,
      daysToMaturity: assessment.inputs.daysToMaturity,
      score: assessment.score,
      recommendation: assessment.recommendation,
      suggestedAdvance: assessment.suggestedAdvance,
      suggestedRateBps: assessment.suggestedRateBps,
      withinLimit: data.exposure.withinLimit,
    });
    if (match.outcome === "refer") return { status: "referred", reasons: match.reasons, ...applied };
    try {
      const decision = await this.decisions.decide(bank, request.id, { outcome: "approve", terms: match.terms }, key, { risk, policy: snapshot });
      return { status: "approved", reasons: [], decisionId: decision.id, ...applied };
    } catch (error) {
      // What the decision path refuses (limit reached meanwhile, part moved, decided by a person) is for a person.
      if (error instanceof DomainError) return { status: "referred", reasons: [error.code], ...applied };
      throw error;
    }
  }

  private async finish(requestId: string, outcome: Outcome, lastError: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE financing_auto_decisions
          SET status = $2, reasons = $3, policy_version = $4, policy = $5, risk = $6, decision_id = $7, last_error = $8,
              locked_until = NULL, updated_at = now()
        WHERE request_id = $1 AND status = 'pending'`,
      [
        requestId,
        outcome.status,
        outcome.reasons,
        outcome.policyVersion ?? null,
        outcome.policy === undefined ? null : JSON.stringify(outcome.policy),
        outcome.risk === undefined ? null : JSON.stringify(outcome.risk),
        outcome.decisionId ?? null,
        lastError,
      ],
    );
  }
}

/** The policy as applied, kept with the outcome and with the decision it took. */
function policySnapshot(policy: AutoDecisionPolicy): Record<string, unknown> {
  return {
    version: policy.version,
    kinds: policy.kinds,
    maxAmount: policy.maxAmount,
    maxRiskScore: policy.maxRiskScore,
    maxDaysToMaturity: policy.maxDaysToMaturity,
    requireWithinLimit: policy.requireWithinLimit,
    pricing: policy.pricing,
  };
}
