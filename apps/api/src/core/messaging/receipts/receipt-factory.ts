import { Injectable } from '@nestjs/common';
import { encodeReceiptBody, LIMITS, type ReadReceiptFrame } from '@switchboard/protocol';
import { DeviceDirectory } from '../device-directory';
import { type AckedEnvelope, type DeviceRef, MessageKind, type NewMessage } from '../mailbox/mailbox.types';

// Receipts are not ciphertexts; their envelopes carry no libsignal type.
const RECEIPT_ENVELOPE_TYPE = 0;

/**
 * Builds receipts as messages to store: small, server-generated, and kept durably like any envelope so an offline
 * sender still gets its ✓✓ and blue ticks when it comes back.
 */
@Injectable()
export class ReceiptFactory {
  constructor(private readonly directory: DeviceDirectory) {}

  /**
   * One delivery receipt per (recipient device, original sender) for the messages that device just acked, to every
   * device of the sender. Copies to the sender's own devices and receipts themselves earn none.
   */
  async delivered(acked: AckedEnvelope[]): Promise<NewMessage[]> {
    const groups = new Map<string, { from: DeviceRef; to: string; ids: bigint[] }>();
    for (const a of acked) {
      if (a.kind !== MessageKind.Message || a.accountId === a.sender.accountId) continue;
      const key = `${a.accountId}/${a.deviceId}/${a.sender.accountId}`;
      let g = groups.get(key);
      if (!g) {
        g = { from: { accountId: a.accountId, deviceId: a.deviceId }, to: a.sender.accountId, ids: [] };
        groups.set(key, g);
      }
      g.ids.push(a.clientMessageId!);
    }
    const now = Date.now();
    const out: NewMessage[] = [];
    for (const g of groups.values()) {
      const devices = await this.directory.recent(g.to);
      if (!devices.length) continue;
      for (let i = 0; i < g.ids.length; i += LIMITS.maxReceiptIds) {
        out.push({
          kind: MessageKind.DeliveredReceipt,
          sender: g.from,
          clientMessageId: null,
          serverTimestamp: now,
          body: encodeReceiptBody(g.ids.slice(i, i + LIMITS.maxReceiptIds), 0),
          envelopes: devices.map((d) => ({
            accountId: g.to,
            deviceId: d.deviceId,
            type: RECEIPT_ENVELOPE_TYPE,
            content: null,
          })),
        });
      }
    }
    return out;
  }

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
