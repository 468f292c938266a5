import {
  ByteReader,
  ByteWriter,
  EnvelopeType,
  type EnvelopeTypeCode,
  encodeFrame,
  type GroupRecipientDevice,
} from '@switchboard/protocol';
import type { PendingEnvelope } from '../messaging/mailbox/mailbox.types';

/**
 * How groups sit in the mailbox without a table of their own:
 * - a group message is one MailboxMessage (kind 1) whose shared `body` is `groupId (16 bytes) ‖ sender-key ciphertext`
 *   — stored once —, and one envelope per recipient device of type 7 whose `content` is null, or, for a device the
 *   sender distributed its key to, `type (1 byte) ‖ pairwise ciphertext`;
 * - a group event is a MailboxMessage of kind 4 whose body is `groupId (16) ‖ seq (varint) ‖ JSON`, with one empty
 *   envelope per member device.
 * Acks, receipts, backlogs, the TTL purge and routing treat them like any other message.
 */
export const GROUP_ENVELOPE_TYPE = EnvelopeType.SenderKey;

export function groupMessageBody(groupId: string, ciphertext: Uint8Array): Uint8Array {
  return concat(new ByteWriter(16).uuid(groupId, 'group').finish(), ciphertext);
}

export function distributionContent(d: GroupRecipientDevice['distribution']): Uint8Array | null {
  return d ? concat(Uint8Array.of(d.type), d.ciphertext) : null;
}

export function groupEventBody(groupId: string, seq: number, event: Record<string, unknown>): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(event));
  const w = new ByteWriter(24 + json.length);
  w.uuid(groupId, 'group').varint(seq, 'seq');
  return concat(w.finish(), json);
}

export function groupDeliverFrame(p: PendingEnvelope): Uint8Array {
  const body = p.body!;
  const groupId = new ByteReader(body.subarray(0, 16)).uuid('group');
  const content = p.content;
  return encodeFrame({
    t: 'group_deliver',
    guid: p.guid,
    senderAccountId: p.sender.accountId,
    senderDeviceId: p.sender.deviceId,
    serverTimestamp: p.serverTimestamp,
    messageId: p.clientMessageId!,
    groupId,
    ciphertext: body.subarray(16),
    ...(content && { distribution: { type: content[0] as EnvelopeTypeCode, ciphertext: content.subarray(1) } }),
  });
}

export function groupEventFrame(p: PendingEnvelope): Uint8Array {
  const r = new ByteReader(p.body!);
  const groupId = r.uuid('group');
  const seq = r.varint('seq');
  return encodeFrame({
    t: 'group_event',
    guid: p.guid,
    groupId,
    seq,
    actorAccountId: p.sender.accountId,
    serverTimestamp: p.serverTimestamp,
    event: p.body!.subarray(p.body!.length - r.remaining),
  });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
