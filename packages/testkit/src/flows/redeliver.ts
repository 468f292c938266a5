import type { INestApplicationContext } from '@nestjs/common';
import type { BusinessMessage, FlowInbound } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { FlowInbox } from '@switchboard/workers/flows/flow-inbox';

/**
 * Hands a consumer's message to the worker's flow inbox again, as a second delivery of it would (a redelivery after
 * a lost ack, another worker), and kicks its contact. Answers whether the inbox took it (a flow listens).
 */
export async function redeliverToFlows(worker: INestApplicationContext, m: FlowInbound): Promise<boolean> {
  return offer(worker, { ...m, message: m.message as Record<string, unknown> });
}

/**
 * Offers a logged consumer message (inbound `BusinessMessage`) to the flow inbox as the business device's transaction
 * does, with the time the server accepted it: what happens when that transaction commits late — after a run began.
 */
export function offerLate(worker: INestApplicationContext, m: BusinessMessage): Promise<boolean> {
  return offer(worker, {
    wamid: m.wamid,
    businessId: m.businessId,
    phoneNumberId: m.phoneNumberId,
    waId: m.waId,
    message: m.payload as Record<string, unknown>,
    sentAt: m.createdAt,
  });
}

async function offer(worker: INestApplicationContext, m: Parameters<FlowInbox['offer']>[1]): Promise<boolean> {
  const inbox = worker.get(FlowInbox);
  const offered = await worker.get(PrismaService).client.$transaction((tx) => inbox.offer(tx, m));
  inbox.kick(m.phoneNumberId, m.waId);
  return offered;
}
