import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import {
  type DeviceMismatch,
  devicesDigest,
  ErrorCode,
  type GroupRecipientDevice,
  type GroupSendFrame,
  type SendGroup,
  type ServerFrame,
} from '@switchboard/protocol';
import { type DeviceRef, MessageKind, type NewMessage } from '../messaging/mailbox/mailbox.types';
import { RelayService } from '../messaging/relay/relay.service';
import { type ActiveDevices, checkDevices } from '../messaging/send/device-check';
import { STATUS_TTL_MS } from '../status/status-rules';
import { distributionContent, GROUP_ENVELOPE_TYPE, groupMessageBody } from './group-mailbox';
import { GroupReceipts } from './group-receipts';
import { mayDo } from './group-rules';
import { GroupsRepository, type MemberDevice } from './groups.repository';

type Checked = { refusal: ServerFrame } | { message: NewMessage };

/**
 * A device's group message: the sender must be a member allowed to send (GROUP_RULES), and name exactly every active
 * device of every member but itself (409/410 as for 1:1, so a removed member's devices are refused as extra and a new
 * member's are asked for as missing). Stored as one shared body and one small envelope per device (group-mailbox.ts),
 * recorded for its message info (group-receipts.ts), then relayed like a 1:1 message (messaging/relay): ✓ once
 * stored, or once every device has it.
 */
@Injectable()
export class GroupSendService {
  private readonly log = new Logger('GroupSend');

  constructor(
    private readonly repo: GroupsRepository,
    private readonly relay: RelayService,
    private readonly receipts: GroupReceipts,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Like SendService.prepare: the check now, then a step the connection runs in order to queue the store. */
  async prepare(from: DeviceRef, frame: GroupSendFrame, reply: (f: ServerFrame) => void): Promise<() => void> {
    const checked = await this.check(from, frame);
    if ('refusal' in checked) return () => reply(checked.refusal);
    const message = checked.message;
    try {
      await this.receipts.sent(from, frame.id, frame.groupId, message.serverTimestamp);
    } catch (err) {
      this.log.error(`recording a group message failed: ${(err as Error).message}`);
      return () => reply(refusal(frame.id, ErrorCode.Unavailable, 'not stored; try again'));
    }
    return () =>
      void this.relay.store(message).then(
        ({ serverTimestamp }) => reply({ t: 'send_ok', id: frame.id, serverTimestamp }),
        (err) => {
          this.log.error(`storing a group message failed: ${(err as Error).message}`);
          reply(refusal(frame.id, ErrorCode.Unavailable, 'not stored; try again'));
        },
      );
  }

  private async check(from: DeviceRef, frame: GroupSendFrame): Promise<Checked> {
    const max = this.config.messaging.maxEnvelopeBytes;
    const tooLarge = (b: Uint8Array | undefined) => (b?.length ?? 0) > max;
    if (
      tooLarge(frame.ciphertext) ||
      frame.members.some((m) => m.devices.some((d) => tooLarge(d.distribution?.ciphertext)))
    )
      return { refusal: refusal(frame.id, ErrorCode.TooLarge, `an envelope is larger than ${max} bytes`) };
    let view: Awaited<ReturnType<GroupsRepository['sendView']>>;
    try {
      view = await this.repo.sendView(frame.groupId, from.accountId);
    } catch (err) {
      this.log.error(`group lookup failed: ${(err as Error).message}`);
      return { refusal: refusal(frame.id, ErrorCode.Unavailable, 'try again') };
    }
    if (!view) return { refusal: refusal(frame.id, ErrorCode.UnknownAccount, 'unknown group') };
    const settings = { onlyAdminsSend: view.onlyAdminsSend, onlyAdminsEdit: false, approvalRequired: false };
    if (!view.role) return { refusal: refusal(frame.id, ErrorCode.Forbidden, 'not a member of this group') };
    if (!mayDo('send', view.role, settings))
      return { refusal: refusal(frame.id, ErrorCode.Forbidden, 'only admins can send messages to this group') };

    // A disappearing group message (the frame's expiresInS, validated by its codec) leaves the server as a 1:1 one
    // does; a status post (docs/groups.md "Status") after STATUS_TTL_MS at the latest.
    const ttlMs = expiryMs(Boolean(view.statusOf), frame.expiresInS);
    if (frame.devicesDigest) return this.byDigest(from, frame, view.devices, ttlMs);
    // Accounts named that are not members: every device named is extra.
    const outsiders: DeviceMismatch[] = frame.members
      .filter((m) => !view.devices.has(m.accountId))
      .map((m) => ({ accountId: m.accountId, missing: [], extra: m.devices.map((d) => d.deviceId), stale: [] }));
    if (outsiders.length) return { refusal: mismatch(frame.id, 409, outsiders) };
    // Members left out are named with no devices, so the device check lists all of theirs as missing.
    const groups: SendGroup[] = frame.members.map((m) => ({
      accountId: m.accountId,
      envelopes: m.devices.map((d) => ({
        deviceId: d.deviceId,
        registrationId: d.registrationId,
        type: 7,
        ciphertext: EMPTY,
      })),
    }));
    const active = new Map<string, ActiveDevices>();
    for (const [accountId, devices] of view.devices) {
      active.set(accountId, devices);
      if (devices.length && !groups.some((g) => g.accountId === accountId)) groups.push({ accountId, envelopes: [] });
    }
    const check = checkDevices(
      from,
      groups.filter((g) => g.envelopes.length || active.get(g.accountId)?.length),
      active,
    );
    if (!check.ok) {
      // A member without any active device named with devices: they are all extra.
      if (check.code === 404)
        return {
          refusal: mismatch(frame.id, 409, [
            { accountId: check.accountId, missing: [], extra: namedDevices(frame, check.accountId), stale: [] },
          ]),
        };
      return { refusal: mismatch(frame.id, check.code, check.mismatches) };
    }
    const named = frame.members.flatMap((m) => m.devices.map((d) => ({ accountId: m.accountId, ...d })));
    return { message: groupMessage(from, frame, named, ttlMs) };
  }

  /**
   * A send that names its devices by digest: it must be the digest of exactly the devices a full list would name, and
   * the devices it names (for distributions) must be among them. Anything else is a 409 without lists: the sender
   * sends the full list next, whose refusal says exactly what is wrong.
   */
  private byDigest(
    from: DeviceRef,
    frame: GroupSendFrame,
    devices: Map<string, MemberDevice[]>,
    ttlMs: number | undefined,
  ): Checked {
    const expected = [...devices.values()]
      .flat()
      .filter((d) => !(d.accountId === from.accountId && d.deviceId === from.deviceId));
    const changed = { refusal: mismatch(frame.id, 409, []) };
    if (!Buffer.from(devicesDigest(expected)).equals(frame.devicesDigest!)) return changed;
    const byKey = new Map(expected.map((d) => [`${d.accountId}.${d.deviceId}`, d]));
    const distributions = new Map<string, GroupRecipientDevice['distribution']>();
    for (const m of frame.members)
      for (const d of m.devices) {
        if (byKey.get(`${m.accountId}.${d.deviceId}`)?.registrationId !== d.registrationId) return changed;
        distributions.set(`${m.accountId}.${d.deviceId}`, d.distribution);
      }
    const named = expected.map((d) => ({ ...d, distribution: distributions.get(`${d.accountId}.${d.deviceId}`) }));
    return { message: groupMessage(from, frame, named, ttlMs) };
  }
}

function groupMessage(
  from: DeviceRef,
  frame: GroupSendFrame,
  devices: (GroupRecipientDevice & { accountId: string })[],
  ttlMs: number | undefined,
): NewMessage {
  const serverTimestamp = Date.now();
  return {
    ...(ttlMs !== undefined && { expiresAt: serverTimestamp + ttlMs }),
    kind: MessageKind.Message,
    sender: from,
    clientMessageId: frame.id,
    serverTimestamp,
    body: groupMessageBody(frame.groupId, frame.ciphertext),
    envelopes: devices.map((d) => ({
      accountId: d.accountId,
      deviceId: d.deviceId,
      type: GROUP_ENVELOPE_TYPE,
      content: distributionContent(d.distribution),
    })),
  };
}

const EMPTY = new Uint8Array(0);

function expiryMs(isStatus: boolean, expiresInS: number | undefined): number | undefined {
  const timerMs = expiresInS ? expiresInS * 1000 : undefined;
  if (!isStatus) return timerMs;
  return timerMs === undefined ? STATUS_TTL_MS : Math.min(timerMs, STATUS_TTL_MS);
}

function namedDevices(frame: GroupSendFrame, accountId: string): number[] {
  return frame.members.find((m) => m.accountId === accountId)?.devices.map((d) => d.deviceId) ?? [];
}

function refusal(id: bigint, code: number, message: string): ServerFrame {
  return { t: 'send_error', id, code, message, mismatches: [] };
}

function mismatch(id: bigint, code: 409 | 410, mismatches: DeviceMismatch[]): ServerFrame {
  const message = mismatches.length ? (code === 409 ? 'mismatched devices' : 'stale devices') : 'device list changed';
  return { t: 'send_error', id, code, message, mismatches };
}
