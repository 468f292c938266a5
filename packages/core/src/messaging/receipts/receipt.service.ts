import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type ReadReceiptFrame, type SendErrorFrame, type ServerFrame } from '@switchboard/protocol';
import { NewChatLimit } from '../../limits/new-chat-limit';
import type { DeviceRef, NewMessage } from '../mailbox/mailbox.types';
import { RelayService } from '../relay/relay.service';
import { ReceiptFactory } from './receipt-factory';
import { ReceiptFacts } from './receipt-facts';

const noChat = (id: bigint): SendErrorFrame => ({
  t: 'send_error',
  id,
  code: ErrorCode.Forbidden,
  message: 'no chat with this account: read receipts go only to accounts you have a chat with',
  mismatches: [],
});

/** Device acks (✓✓ for the senders) and read receipts (blue ticks): relayed like messages (messaging/relay). */
@Injectable()
export class ReceiptService {
  private readonly log = new Logger('ReceiptService');

  constructor(
    private readonly relay: RelayService,
    private readonly factory: ReceiptFactory,
    private readonly newChats: NewChatLimit,
    private readonly facts: ReceiptFacts,
  ) {}

  /** The device has these envelopes: delete them, and tell the senders they were delivered. */
  acknowledge(device: DeviceRef, guids: number[], senders?: (string | null | undefined)[]): Promise<void> {
    return this.relay.acknowledge(device, guids, senders);
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
      void this.relay.store(receipt).then(({ serverTimestamp }) => {
        if (frame.toAccountId !== from.accountId && frame.messageIds.length)
          this.facts.read({
            sender: frame.toAccountId,
            clientMessageIds: frame.messageIds,
            reader: from.accountId,
            at: serverTimestamp,
          });
        reply({ t: 'send_ok', id: frame.id, serverTimestamp });
      }, fail);
  }
}
