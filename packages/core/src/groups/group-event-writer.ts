import { Injectable } from '@nestjs/common';
import { pendingOf } from '../messaging/mailbox/envelope-frames';
import { MailboxRepository } from '../messaging/mailbox/mailbox.repository';
import { type DeviceRef, MessageKind, type NewMessage, type PendingEnvelope } from '../messaging/mailbox/mailbox.types';
import type { Queryable } from '../messaging/mailbox/mailbox-db';
import { groupEventBody } from './group-mailbox';
import { GroupsRepository } from './groups.repository';

/** A change to record: its type and JSON fields, and accounts beyond the members that must hear of it (the removed). */
export interface GroupChange {
  type: string;
  data: Record<string, unknown>;
  alsoTo?: string[];
}

// Events are not ciphertexts; their envelopes carry no libsignal type (as receipts).
const EVENT_ENVELOPE_TYPE = 0;

/**
 * Records a change inside the transaction that made it: the next seq in GroupEvent (the history), and one mailbox
 * message to every active device of every member after the change — plus the accounts it names in `alsoTo` — stored in
 * the same commit. A device therefore gets each event once (its mailbox envelope), in seq order (the group's row lock
 * orders the commits, and guids grow with them), offline or not.
 */
@Injectable()
export class GroupEventWriter {
  constructor(
    private readonly repo: GroupsRepository,
    private readonly mailbox: MailboxRepository,
  ) {}

  async record(c: Queryable, groupId: string, actor: DeviceRef, change: GroupChange): Promise<PendingEnvelope[]> {
    const { seq, at } = await this.repo.appendEvent(c, groupId, {
      type: change.type,
      actorAccountId: actor.accountId,
      data: change.data,
    });
    const members = (await this.repo.members(groupId, c)).map((m) => m.accountId);
    const devices = await this.repo.devicesOf(c, [...new Set([...members, ...(change.alsoTo ?? [])])]);
    if (!devices.length) return [];
    const message: NewMessage = {
      kind: MessageKind.GroupEvent,
      sender: actor,
      clientMessageId: null,
      serverTimestamp: at.getTime(),
      body: groupEventBody(groupId, seq, { type: change.type, ...change.data }),
      envelopes: devices.map((d) => ({
        accountId: d.accountId,
        deviceId: d.deviceId,
        type: EVENT_ENVELOPE_TYPE,
        content: null,
      })),
    };
    const [stored] = await this.mailbox.insertMessages([message], c);
    return pendingOf(message, stored!);
  }
}
