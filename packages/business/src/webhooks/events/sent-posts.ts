import { Injectable } from '@nestjs/common';
import type { WebhookAttempt } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { EMPTIED_EVENT_VALUE, envelope } from '@switchboard/webhooks';

/** What one POST sent: the exact body (a JSON string) and its X-Hub-Signature-256 value. */
export interface SentPost {
  payload: string | null;
  signature: string | null;
}

/**
 * Rebuilds the bodies of logged POSTs for the event log, so a developer can check a receiver's signature code against
 * exactly what was sent. A body is not stored: it is `envelope(WABA id, the events it carried)`, deterministic from
 * the stored (already Meta-escaped) values, so the events each POST carried are kept on its log row instead. null when
 * that is no longer possible: a POST logged before the events were kept, or an event pruned or emptied by retention.
 */
@Injectable()
export class SentPosts {
  constructor(private readonly prisma: PrismaService) {}

  async of(businessId: string, attempts: Pick<WebhookAttempt, 'id' | 'eventIds' | 'signature'>[]) {
    const ids = [...new Set(attempts.flatMap((a) => a.eventIds))];
    const events = ids.length
      ? await this.prisma.client.webhookEvent.findMany({
          where: { id: { in: ids }, businessId },
          select: { id: true, field: true, value: true },
        })
      : [];
    const byId = new Map(events.map((e) => [e.id, e]));
    return new Map<bigint, SentPost>(
      attempts.map((a) => {
        const carried = a.eventIds.map((id) => byId.get(id));
        const complete = carried.length > 0 && carried.every((e) => e !== undefined && e.value !== EMPTIED_EVENT_VALUE);
        const payload = complete ? envelope(businessId, carried as { field: string; value: string }[]) : null;
        return [a.id, { payload, signature: a.signature }];
      }),
    );
  }
}
