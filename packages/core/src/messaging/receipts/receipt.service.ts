import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type ReadReceiptFrame, type SendErrorFrame, type ServerFrame } from '@switchboard/protocol';
import { NewChatLimit } from '../../limits/new-chat-limit';
import { MailboxService } from '../mailbox/mailbox.service';
import type { DeviceRef, NewMessage } from '../mailbox/mailbox.types';
import { DeliveryRouter } from '../routing/delivery-router';
import { ReceiptFactory } from './receipt-factory';

const noChat = (id: bigint): SendErrorFrame => ({
  t: 'send_error',
  id,
  code: ErrorCode.Forbidden,
  message: 'no chat with this account: read receipts go only to accounts you have a chat with',
  mismatches: [],
});

/** Device acks (✓✓ for the senders) and read receipts (blue ticks): stored first, then pushed like envelopes. */
@Injectable()
export class ReceiptService {
  private readonly log = new Logger('ReceiptService');

  constructor(
    private readonly mailbox: MailboxService,
    private readonly factory: ReceiptFactory,
    private readonly router: DeliveryRouter,
    private readonly newChats: NewChatLimit,
  ) {}

  /** The device has these envelopes: delete them, and tell the senders they were delivered. */
  async acknowledge(device: DeviceRef, guids: number[], senders?: (string | null | undefined)[]): Promise<void> {
    const { receipts } = await this.mailbox.acknowledge(device, guids, senders);
    await this.router.push(receipts);
  }

  /**
   * Answered like a send (SendOk / SendError with the frame's id), so the client knows when to stop retrying. Two
   * steps like SendService.prepare: look up the devices, then (in the connection's order) queue for storage.
   */
  async prepareRead(from: DeviceRef, frame: ReadReceiptFrame, reply: (f: ServerFrame) => void): Promise<() => void> {
    const fail = (err: unknown) => {
      this.log.error(`storing a read receipt failed: ${(err as Error).message}`);
      reply({ t: 'send_error', id: frame.id, code: ErrorCode.Unavailable, message: 'try again', mismatches: [] });
    };
    let receipt: NewMessage;
    try {
      // A receipt is stored in the other account's mailbox like a message: only where a chat exists, or receipts
      // would be a way to write to strangers past the new-chat limit.
      if (frame.toAccountId !== from.accountId && !(await this.newChats.established(from.accountId, frame.toAccountId)))
        return () => reply(noChat(frame.id));
      receipt = await this.factory.read(from, frame);
    } catch (err) {
      return () => fail(err);
    }
    if (!receipt.envelopes.length) return () => reply({ t: 'send_ok', id: frame.id, serverTimestamp: Date.now() });
    return () =>
      void this.mailbox.store(receipt).then(async (result) => {
        reply({ t: 'send_ok', id: frame.id, serverTimestamp: result.stored.serverTimestamp });
        await this.router.push(result.pending);
      }, fail);
  }
}
