import type { INestApplicationContext } from '@nestjs/common';
import type { PendingEnvelope } from '@switchboard/core/messaging/mailbox/mailbox.types';
import type { BusinessDeviceRef } from '@switchboard/workers/business-device/business-crypto';
import { InboundHandler } from '@switchboard/workers/business-device/inbound/inbound-handler';

/**
 * Keeps every envelope the worker's business device handles from now on, so a test can hand one to it again — as a
 * second delivery would after a lost acknowledgement. `stop()` puts the handler back as it was.
 */
export function recordInbound(worker: INestApplicationContext) {
  const handler = worker.get(InboundHandler);
  const original = handler.handle.bind(handler);
  const seen: { device: BusinessDeviceRef; envelope: PendingEnvelope }[] = [];
  handler.handle = (device, envelope) => {
    seen.push({ device, envelope });
    return original(device, envelope);
  };
  return {
    /** The first envelope `senderAccountId` sent, delivered again. */
    async redeliverFrom(senderAccountId: string): Promise<void> {
      const hit = seen.find((s) => s.envelope.sender.accountId === senderAccountId);
      if (!hit) throw new Error(`no envelope from ${senderAccountId} was handled`);
      await original(hit.device, hit.envelope);
    },
    stop() {
      handler.handle = original;
    },
  };
}
