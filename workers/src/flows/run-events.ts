import { Injectable } from '@nestjs/common';
import type { FlowRun } from '@switchboard/db';
import { WebhookEventsService } from '@switchboard/webhooks';
import type { Tx } from './flow-runtime.repository';

export type RunEvent = 'started' | 'completed' | 'failed' | 'handed_off';

/**
 * A run's lifecycle as `flow_runs` webhooks (docs/flows.md "Webhooks"), written in the turn's transaction: an event
 * exists exactly when the change it reports was committed. One ordering key per run keeps its events in order.
 */
@Injectable()
export class RunEvents {
  constructor(private readonly events: WebhookEventsService) {}

  async emit(tx: Tx, run: FlowRun, event: RunEvent, reason?: string | null): Promise<void> {
    const value = {
      messaging_product: 'whatsapp',
      metadata: { phone_number_id: run.phoneNumberId },
      flow_runs: [
        {
          id: run.id,
          flow_id: run.flowId,
          version: run.version,
          wa_id: run.waId,
          event,
          ...(reason && { reason }),
          timestamp: String(Math.floor(Date.now() / 1000)),
        },
      ],
    };
    await this.events.emit(run.businessId, 'flow_runs', value, { orderingKey: `flow-run:${run.id}`, tx });
  }
}
