import { Injectable } from '@nestjs/common';
import { windowOpen } from '@switchboard/business/contacts/service-window';
import { SendMessageService } from '@switchboard/business/messages/send/send-message.service';
import type { FlowRun } from '@switchboard/db';
import type { FlowRuntimeRepository, Tx } from './flow-runtime.repository';

/** A send accepted (its wamid), or refused: the reason, with the Cloud API error code when there is one. */
export type SendResult = { wamid: string } | { error: string; code?: number; later?: true };

/** The Cloud API's code for a free-form message outside the customer-service window. */
export const WINDOW_CLOSED = 131047;

/**
 * A flow's sends go through the business send path (SendMessageService), so limits, opt-out and statuses apply as to
 * any send. Each send carries an Idempotency-Key named by the run and step: when a step's transaction is undone and
 * taken again (a crash, a retry), the send answers the message it already accepted instead of sending another.
 */
@Injectable()
export class FlowSender {
  constructor(private readonly messages: SendMessageService) {}

  async send(
    tx: Tx,
    repo: FlowRuntimeRepository,
    run: FlowRun,
    seq: number,
    body: Record<string, unknown>,
  ): Promise<SendResult> {
    // The send path accepts a free-form message outside the window only to fail it later (131047); a flow needs to
    // know now, to take the step's error branch.
    if (body.type !== 'template') {
      const contact = await repo.contact(tx, run.businessId, run.waId);
      if (!windowOpen(contact?.lastInboundAt))
        return {
          error: `${WINDOW_CLOSED}: more than 24 hours since the contact last wrote; only a template can be sent`,
          code: WINDOW_CLOSED,
        };
    }
    try {
      const sent = await this.messages.send(run.businessId, run.phoneNumberId, body, `flow-${run.id}-${seq}`);
      const wamid = (sent.body as { messages?: { id: string }[] }).messages?.[0]?.id;
      if (!wamid) return { error: 'the send path accepted no message' };
      // Taken again after its turn was undone: the message may have failed meanwhile, with no step to tell.
      const now = sent.replayed ? await repo.messageStatus(tx, wamid) : undefined;
      if (now?.status !== 'failed') return { wamid };
      const e = (now.error ?? {}) as { code?: number; title?: string; message?: string };
      return { error: [e.code, e.message ?? e.title].filter(Boolean).join(': '), code: e.code, later: true };
    } catch (err) {
      const e = err as { code?: number; message?: string; details?: string };
      return { error: [e.code, e.details ?? e.message].filter(Boolean).join(': '), code: e.code };
    }
  }
}
