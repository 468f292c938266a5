import { decodeReceiptBody, type EnvelopeTypeCode, encodeFrame, ReceiptKind } from '@switchboard/protocol';
import { groupDeliverFrame, groupEventFrame } from '../../groups/group-mailbox';
import { MessageKind, type NewMessage, type PendingEnvelope, type StoredMessage } from './mailbox.types';

/** The frame that carries a stored envelope to its device: Deliver for a message, Receipt for a receipt. */
export function frameFor(p: PendingEnvelope): Uint8Array {
  if (p.kind === MessageKind.Message && p.body) return groupDeliverFrame(p);
  if (p.kind === MessageKind.GroupEvent) return groupEventFrame(p);
  if (p.kind === MessageKind.Message) {
    return encodeFrame({
      t: 'deliver',
      guid: p.guid,
      senderAccountId: p.sender.accountId,
      senderDeviceId: p.sender.deviceId,
      serverTimestamp: p.serverTimestamp,
      messageId: p.clientMessageId!,
      type: p.type as EnvelopeTypeCode,
      ciphertext: (p.content ?? p.body)!,
    });
  }
  const { messageIds, upTo } =
    p.kind === MessageKind.DeliveredReceipt ? { messageIds: packedIds(p.body!), upTo: 0 } : decodeReceiptBody(p.body!);
  return encodeFrame({
    t: 'receipt',
    guid: p.guid,
    kind: p.kind === MessageKind.ReadReceipt ? ReceiptKind.Read : ReceiptKind.Delivered,
    fromAccountId: p.sender.accountId,
    fromDeviceId: p.sender.deviceId,
    serverTimestamp: p.serverTimestamp,
    messageIds,
    upTo,
  });
}

/** The envelopes of a message just stored, ready to push without reading them back. */
export function pendingOf(msg: NewMessage, stored: StoredMessage): PendingEnvelope[] {
  return msg.envelopes.map((env, i) => ({
    guid: stored.guids[i]!,
    accountId: env.accountId,
    deviceId: env.deviceId,
    kind: msg.kind,
    type: env.type,
    content: env.content,
    sender: msg.sender,
    clientMessageId: msg.clientMessageId,
    serverTimestamp: stored.serverTimestamp,
    body: msg.body,
  }));
}

/** A delivery receipt's stored body: the acked client ids, 8 bytes big-endian each (built in SQL by the ack). */
function packedIds(body: Uint8Array): bigint[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const ids: bigint[] = [];
  for (let at = 0; at + 8 <= body.length; at += 8) ids.push(view.getBigUint64(at));
  return ids;
}
