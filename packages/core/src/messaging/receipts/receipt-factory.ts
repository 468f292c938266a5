import { Injectable } from '@nestjs/common';
import { encodeReceiptBody, type ReadReceiptFrame } from '@switchboard/protocol';
import { DeviceDirectory } from '../device-directory';
import { type DeviceRef, MessageKind, type NewMessage } from '../mailbox/mailbox.types';

// Receipts are not ciphertexts; their envelopes carry no libsignal type.
const RECEIPT_ENVELOPE_TYPE = 0;

/**
 * Builds read receipts as messages to store: small, and kept durably like any envelope so an offline sender still
 * gets its blue ticks when it comes back. (Delivery receipts are built by the ack statement itself: AckRepository.)
 */
@Injectable()
export class ReceiptFactory {
  constructor(private readonly directory: DeviceDirectory) {}

  /**
   * A read receipt from `from`: to every device of the account whose messages were read, and to the reader's own
   * other devices, which mark the same messages read. Its frame id de-duplicates repeats like a message id.
   */
  async read(from: DeviceRef, frame: ReadReceiptFrame): Promise<NewMessage> {
    const [theirs, mine] = await Promise.all([
      this.directory.recent(frame.toAccountId),
      frame.toAccountId === from.accountId ? Promise.resolve([]) : this.directory.recent(from.accountId),
    ]);
    const targets = [
      ...theirs.map((d) => ({ accountId: frame.toAccountId, deviceId: d.deviceId })),
      ...mine.map((d) => ({ accountId: from.accountId, deviceId: d.deviceId })),
    ].filter((t) => !(t.accountId === from.accountId && t.deviceId === from.deviceId));
    return {
      kind: MessageKind.ReadReceipt,
      sender: from,
      clientMessageId: frame.id,
      serverTimestamp: Date.now(),
      body: encodeReceiptBody(frame.messageIds, frame.upTo),
      envelopes: targets.map((t) => ({ ...t, type: RECEIPT_ENVELOPE_TYPE, content: null })),
    };
  }
}
