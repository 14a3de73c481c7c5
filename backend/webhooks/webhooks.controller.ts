import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation } from "../participants/authenticated-organisation.js";
import {
  ListWebhookDeliveriesQuery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliveryView,
} from "./dto/webhook-delivery.dto.js";
import {
  CreateWebhookSubscriptionRequest,
  CreatedWebhookSubscription,
  WebhookSubscriptionList,
  WebhookSubscriptionView,
} from "./dto/webhook-subscription.dto.js";
import { WebhookDeliveries } from "./webhook-deliveries.service.js";
import { WebhookSubscriptions } from "./webhook-subscriptions.service.js";

@ApiTags("webhooks")
@ApiBearerAuth("api-key")
@Controller("v1/webhooks")
export class WebhooksController {
  constructor(
    private readonly subscriptions: WebhookSubscriptions,
    private readonly deliveries: WebhookDeliveries,
  ) {}

  @Post("subscriptions")
  @ApiOperation({
    summary: "Subscribe a URL to event types; the signing secret is in this response only",
    description: "Only events concerning the caller's organisation are sent to it.",
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscription })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED" })
  create(
    @CurrentOrganisation() organisation: AuthenticatedOrganisation,
    @Body() body: CreateWebhookSubscriptionRequest,
  ): Promise<CreatedWebhookSubscription> {
    return this.subscriptions.create(organisation, body.url, body.eventTypes);
  }

  @Get("subscriptions")
  @ApiOperation({ summary: "The caller's subscriptions (without their secrets)" })
  @ApiOkResponse({ type: WebhookSubscriptionList })
  async list(@CurrentOrganisation() organisation: AuthenticatedOrganisation): Promise<WebhookSubscriptionList> {
    return { items: await this.subscriptions.list(organisation) };
  }

  @Delete("subscriptions/:id")
  @ApiOperation({ summary: "Stop a subscription: no new deliveries; its history stays listable" })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "WEBHOOK_SUBSCRIPTION_NOT_FOUND" })
  deactivate(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<WebhookSubscriptionView> {
    return this.subscriptions.deactivate(organisation, id);
  }

  @Get("deliveries")
  @ApiOperation({ summary: "Deliveries to the caller's subscriptions, newest first" })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  deliveriesPage(
    @CurrentOrganisation() organisation: AuthenticatedOrganisation,
    @Query() query: ListWebhookDeliveriesQuery,
  ): Promise<WebhookDeliveryPage> {
    return this.deliveries.list(organisation, query);
  }

  @Get("deliveries/:id")
  @ApiOperation({ summary: "A delivery with every attempt made (status code or error, signed timestamp, duration)" })
  @ApiOkResponse({ type: WebhookDeliveryDetail })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "WEBHOOK_DELIVERY_NOT_FOUND" })
  delivery(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<WebhookDeliveryDetail> {
    return this.deliveries.find(organisation, id);
  }

  @Post("deliveries/:id/replay")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Send a delivery again (same body, new timestamp and signature)" })
  @ApiOkResponse({ type: WebhookDeliveryView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "WEBHOOK_DELIVERY_NOT_FOUND" })
  replay(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<WebhookDeliveryView> {
    return this.deliveries.replay(organisation, id);
  }
}
