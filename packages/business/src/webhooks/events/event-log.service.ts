import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { pageArgs, toPage } from '../../common/paging';
import type { ListEventsQuery } from './inputs/event.input';
import { renderDelivery, renderEvent, renderEventHeader } from './outputs/event.output';
import { SentPosts } from './sent-posts';

/** Reading the outbox: a business's recent events and, per event, each subscription's delivery log. */
@Injectable()
export class EventLogService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sent: SentPosts,
  ) {}

  async list(businessId: string, q: ListEventsQuery, url?: URL) {
    // Event ids are bigints, not fixed-width Graph ids: reuse the paging rules, compare as numbers.
    const args = pageArgs(q);
    const bound = args.where.id;
    const id = bound && ('lt' in bound ? { lt: toBigInt(bound.lt) } : { gt: toBigInt(bound.gt) });
    const deliveryFilter: Prisma.WebhookDeliveryWhereInput = {
      ...(q.state && { state: q.state }),
      ...(q.subscription_id && { subscriptionId: q.subscription_id }),
    };
    const rows = await this.prisma.client.webhookEvent.findMany({
      where: {
        businessId,
        ...(id && { id }),
        ...(q.field && { field: q.field }),
        ...((q.state || q.subscription_id) && { deliveries: { some: deliveryFilter } }),
      },
      orderBy: { id: args.orderBy.id },
      take: args.take,
      include: { deliveries: { orderBy: { id: 'asc' } } },
    });
    // Each delivery shows its latest POST's signed body.
    const latest = rows.flatMap((r) => r.deliveries.flatMap((d) => d.attemptIds.slice(-1)));
    const attempts = await this.prisma.client.webhookAttempt.findMany({
      where: { id: { in: latest } },
      select: { id: true, eventIds: true, signature: true },
    });
    const posts = await this.sent.of(businessId, attempts);
    const paged = rows.map((r) => ({ ...r, id: r.id.toString(), row: r }));
    return toPage(paged, q, (r) => renderEvent(r.row, r.row.deliveries, posts), url);
  }

  async deliveries(businessId: string, eventId: string) {
    const event = await this.prisma.client.webhookEvent.findFirst({
      where: { id: BigInt(eventId), businessId },
      include: { deliveries: { orderBy: { id: 'asc' } } },
    });
    if (!event) throw ApiError.notFound(`webhook event '${eventId}'`);
    const attemptIds = event.deliveries.flatMap((d) => d.attemptIds);
    const [attempts, subscriptions] = await Promise.all([
      this.prisma.client.webhookAttempt.findMany({ where: { id: { in: attemptIds } } }),
      this.prisma.client.webhookSubscription.findMany({
        where: { id: { in: event.deliveries.map((d) => d.subscriptionId) }, businessId },
        select: { id: true, callbackUrl: true },
      }),
    ]);
    const byId = new Map(attempts.map((a) => [a.id, a]));
    const subs = new Map(subscriptions.map((s) => [s.id, s]));
    const posts = await this.sent.of(businessId, attempts);
    return {
      event: renderEventHeader(event),
      data: event.deliveries.map((d) => renderDelivery(d, subs.get(d.subscriptionId), byId, posts)),
    };
  }
}

const toBigInt = (id: string) => (id ? BigInt(id) : -1n);
