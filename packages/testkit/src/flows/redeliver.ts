import type { INestApplicationContext } from '@nestjs/common';
import type { FlowInbound } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { FlowInbox } from '@switchboard/workers/flows/flow-inbox';

/**
 * Hands a consumer's message to the worker's flow inbox again, as a second delivery of it would (a redelivery after
 * a lost ack, another worker), and kicks its contact. Answers whether the inbox took it (a flow listens).
 */
export async function redeliverToFlows(worker: INestApplicationContext, m: FlowInbound): Promise<boolean> {
  const inbox = worker.get(FlowInbox);
  const offered = await worker.get(PrismaService).client.$transaction((tx) =>
    inbox.offer(tx, {
      wamid: m.wamid,
      businessId: m.businessId,
      phoneNumberId: m.phoneNumberId,
      waId: m.waId,
      message: m.message as Record<string, unknown>,
    }),
  );
  inbox.kick(m.phoneNumberId, m.waId);
  return offered;
}
