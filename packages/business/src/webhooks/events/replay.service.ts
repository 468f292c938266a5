import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Prisma } from '@switchboard/db';
import { CONFIG, PrismaService } from '@switchboard/platform';
import { EMPTIED_EVENT_VALUE, WakeService } from '@switchboard/webhooks';
import type { ReplayFailedBody } from './inputs/event.input';

/**
 * Manual replay: deliveries go back to pending, due now, with a fresh 7-day expiry and their backoff reset (the log
 * of earlier attempts stays). A replayed event keeps its place in its ordering key, so it still cannot overtake an
 * older pending event of the same message. Deleted subscriptions are never replayed to.
 */
@Injectable()
export class ReplayService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly wake: WakeService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Every delivery of one event (or only the given subscription's), whatever its state; pending ones become due now. */
  async replayEvent(businessId: string, eventId: string, subscriptionId?: string) {
    const event = await this.prisma.client.webhookEvent.findFirst({ where: { id: BigInt(eventId), businessId } });
    if (!event) throw ApiError.notFound(`webhook event '${eventId}'`);
    if (event.value === EMPTIED_EVENT_VALUE) {
      throw ApiError.invalidParameter(
        `event_id: its content was emptied by retention (BUSINESS_CONTENT_RETENTION_DAYS); it cannot be sent again`,
      );
    }
    if (subscriptionId) await this.requireSubscription(businessId, subscriptionId);
    return this.replay(businessId, {
      eventId: event.id,
      ...(subscriptionId && { subscriptionId }),
      leaseUntil: null, // not one a worker is sending right now
      state: { in: ['pending', 'delivered', 'failed'] },
    });
  }

  /** Every failed delivery of the business's events emitted in [since, until). */
  async replayFailed(businessId: string, body: ReplayFailedBody) {
    if (body.subscription_id) await this.requireSubscription(businessId, body.subscription_id);
    return this.replay(businessId, {
      event: { businessId, value: { not: EMPTIED_EVENT_VALUE } },
      state: 'failed',
      createdAt: { gte: body.since, ...(body.until && { lt: body.until }) },
      ...(body.subscription_id && { subscriptionId: body.subscription_id }),
    });
  }

  private async replay(businessId: string, where: Prisma.WebhookDeliveryWhereInput) {
    const now = new Date();
    const live = await this.prisma.client.webhookSubscription.findMany({
      where: { businessId, deletedAt: null },
      select: { id: true },
    });
    const liveIds = live.map((s) => s.id);
    const rows = await this.prisma.client.webhookDelivery.updateManyAndReturn({
      where: { AND: [where, { subscriptionId: { in: liveIds } }] },
      data: {
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        expiresAt: new Date(now.getTime() + this.config.webhooks.maxAgeSeconds * 1000),
        deliveredAt: null,
      },
      select: { subscriptionId: true },
    });
    this.wake.wake([...new Set(rows.map((r) => r.subscriptionId))]);
    return { success: true, replayed: rows.length };
  }

  private async requireSubscription(businessId: string, id: string) {
    const found = await this.prisma.client.webhookSubscription.findFirst({
      where: { id, businessId, deletedAt: null },
    });
    if (!found) throw ApiError.notFound(`webhook subscription '${id}'`);
  }
}
