import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource } from "typeorm";
import { NotFoundError } from "../common/domain-error.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import type { CreatedWebhookSubscription, WebhookSubscriptionView } from "./dto/webhook-subscription.dto.js";
import { WebhookSecrets } from "./webhook-secrets.js";
import { WebhookSubscription } from "./webhook-subscription.entity.js";

/** An organisation's own subscriptions: it sees and changes only those. */
@Injectable()
export class WebhookSubscriptions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: WebhookSecrets,
  ) {}

  async create(organisation: AuthenticatedOrganisation, url: string, eventTypes: string[]): Promise<CreatedWebhookSubscription> {
    const { secret, encrypted } = this.secrets.generate();
    const repository = this.dataSource.getRepository(WebhookSubscription);
    const saved = await repository.save(
      repository.create({ organisationId: organisation.id, url, eventTypes: [...eventTypes].sort(), encryptedSecret: encrypted }),
    );
    return { ...view(saved), secret };
  }

  async list(organisation: AuthenticatedOrganisation): Promise<WebhookSubscriptionView[]> {
    const rows = await this.dataSource
      .getRepository(WebhookSubscription)
      .find({ where: { organisationId: organisation.id }, order: { createdAt: "ASC", id: "ASC" } });
    return rows.map(view);
  }

  /** Stops new deliveries; pending ones are still attempted (they were promised before the deletion). */
  async deactivate(organisation: AuthenticatedOrganisation, id: string): Promise<WebhookSubscriptionView> {
    const repository = this.dataSource.getRepository(WebhookSubscription);
    const subscription = isUUID(id) ? await repository.findOne({ where: { id, organisationId: organisation.id } }) : null;
    if (!subscription) throw new NotFoundError("WEBHOOK_SUBSCRIPTION_NOT_FOUND", "no such webhook subscription", { id });
    subscription.active = false;
    return view(await repository.save(subscription));
  }
}

function view(subscription: WebhookSubscription): WebhookSubscriptionView {
  return {
    id: subscription.id,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    active: subscription.active,
    createdAt: subscription.createdAt.toISOString(),
  };
}
