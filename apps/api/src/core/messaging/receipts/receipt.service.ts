import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type ReadReceiptFrame, type ServerFrame } from '@switchboard/protocol';
import { MailboxService } from '../mailbox/mailbox.service';
import type { DeviceRef } from '../mailbox/mailbox.types';
import { DeliveryRouter } from '../routing/delivery-router';
import { ReceiptFactory } from './receipt-factory';

/** Device acks (✓✓ for the senders) and read receipts (blue ticks): stored first, then pushed like envelopes. */
@Injectable()
export class ReceiptService {
  private readonly log = new Logger('ReceiptService');

  constructor(
    private readonly mailbox: MailboxService,
    private readonly factory: ReceiptFactory,
    private readonly router: DeliveryRouter,
  ) {}

  /** The device has these envelopes: delete them, and tell the senders they were delivered. */
  async acknowledge(device: DeviceRef, guids: number[]): Promise<void> {
    const { receipts } = await this.mailbox.acknowledge(device, guids);
    await this.router.push(receipts);
  }

  /** Answered like a send (SendOk / SendError with the frame's id), so the client knows when to stop retrying. */
  async read(from: DeviceRef, frame: ReadReceiptFrame, reply: (f: ServerFrame) => void): Promise<void> {
    let result: Awaited<ReturnType<MailboxService['store']>> | undefined;
    try {
      const receipt = await this.factory.read(from, frame);
      if (receipt.envelopes.length) result = await this.mailbox.store(receipt);
    } catch (err) {
      this.log.error(`storing a read receipt failed: ${(err as Error).message}`);
      return reply({ t: 'send_error', id: frame.id, code: ErrorCode.Unavailable, message: 'try again', mismatches: [] });
    }
    reply({ t: 'send_ok', id: frame.id, serverTimestamp: result?.stored.serverTimestamp ?? Date.now() });
    if (result) await this.router.push(result.pending);
  }
}
