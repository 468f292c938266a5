import { ByteReader, ByteWriter, LIMITS } from '@switchboard/protocol';
import type { DeviceRef } from '../mailbox/mailbox.types';

/** A stored envelope's frame for a device connected to another node. */
export interface BusDelivery {
  device: DeviceRef;
  guid: number;
  frame: Uint8Array;
}

/** Node-to-node messages on each node's channel, in the device protocol's own byte encoding. */
export type BusMessage =
  | { t: 'deliver'; items: BusDelivery[] }
  /** Close the device's connection (all of them when connectionId is empty): replaced, or the device is gone. */
  | { t: 'kick'; device: DeviceRef; connectionId: string }
  /** A frame that is not stored (a notice): written if the device is connected there, else dropped. */
  | { t: 'notify'; device: DeviceRef; frame: Uint8Array };

const DELIVER = 1;
const KICK = 2;
const NOTIFY = 3;
const MAX_FRAME = 64 * 1024 * 1024;

export function encodeBusMessage(m: BusMessage): Uint8Array {
  const size =
    m.t === 'deliver'
      ? 64 + m.items.reduce((n, i) => n + i.frame.length + 32, 0)
      : 64 + (m.t === 'notify' ? m.frame.length : 0);
  const w = new ByteWriter(size);
  if (m.t === 'deliver') {
    w.u8(DELIVER).varint(m.items.length, 'items');
    for (const item of m.items) {
      w.uuid(item.device.accountId, 'account').varint(item.device.deviceId, 'device');
      w.varint(item.guid, 'guid').bytes(item.frame, 'frame', MAX_FRAME);
    }
  } else if (m.t === 'kick') {
    w.u8(KICK).uuid(m.device.accountId, 'account').varint(m.device.deviceId, 'device');
    w.string(m.connectionId, 'connection', LIMITS.maxStringBytes);
  } else {
    w.u8(NOTIFY).uuid(m.device.accountId, 'account').varint(m.device.deviceId, 'device');
    w.bytes(m.frame, 'frame', LIMITS.maxStringBytes);
  }
  return w.finish();
}

export function decodeBusMessage(bytes: Uint8Array): BusMessage {
  const r = new ByteReader(bytes);
  const type = r.u8('type');
  if (type === DELIVER) {
    const n = r.count('items', 1_000_000, 1);
    const items: BusDelivery[] = [];
    for (let i = 0; i < n; i++) {
      const device = { accountId: r.uuid('account'), deviceId: r.varint('device') };
      items.push({ device, guid: r.varint('guid'), frame: r.bytes('frame', MAX_FRAME) });
    }
    r.end();
    return { t: 'deliver', items };
  }
  if (type !== KICK && type !== NOTIFY) throw new Error(`unknown bus message type ${type}`);
  const device = { accountId: r.uuid('account'), deviceId: r.varint('device') };
  if (type === NOTIFY) {
    const frame = r.bytes('frame', LIMITS.maxStringBytes);
    r.end();
    return { t: 'notify', device, frame };
  }
  const connectionId = r.string('connection', LIMITS.maxStringBytes);
  r.end();
  return { t: 'kick', device, connectionId };
}
