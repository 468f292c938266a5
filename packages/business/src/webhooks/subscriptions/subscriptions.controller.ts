import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../../auth/business-auth.guard';
import { RequestUrl } from '../../common/request-url';
import { valid } from '../../common/validation';
import {
  type CreateSubscriptionBody,
  createSubscriptionBody,
  listSubscriptionsQuery,
  type SubscriptionParams,
  subscriptionParams,
  type UpdateSubscriptionBody,
  updateSubscriptionBody,
} from './inputs/subscription.input';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Webhook subscriptions of a WABA — a Switchboard extension standing in for the Graph API's app subscription
 * (`POST /{app_id}/subscriptions`), since Switchboard has no apps. Graph conventions: POST creates and updates.
 */
@Controller(':waba_id/webhook_subscriptions')
@UseGuards(BusinessAuthGuard)
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @HttpCode(200)
  create(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Body(valid(createSubscriptionBody)) body: CreateSubscriptionBody,
  ) {
    return this.subscriptions.create(b.businessId, body);
  }

  @Get()
  list(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Query(valid(listSubscriptionsQuery)) q: typeof listSubscriptionsQuery._output,
    @RequestUrl() url: URL,
  ) {
    return this.subscriptions.list(b.businessId, q, url);
  }

  @Get(':subscription_id')
  get(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(subscriptionParams)) p: SubscriptionParams) {
    return this.subscriptions.get(b.businessId, p.subscription_id);
  }

  @Post(':subscription_id')
  @HttpCode(200)
  update(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(subscriptionParams)) p: SubscriptionParams,
    @Body(valid(updateSubscriptionBody)) body: UpdateSubscriptionBody,
  ) {
    return this.subscriptions.update(b.businessId, p.subscription_id, body);
  }

  @Delete(':subscription_id')
  delete(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(subscriptionParams)) p: SubscriptionParams) {
    return this.subscriptions.delete(b.businessId, p.subscription_id);
  }
}
