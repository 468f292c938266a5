// Raw-protocol member devices: every one connected, acking what it receives, noting when each group message arrived.
// Ciphertexts are pre-made: the server is blind, so the load measures the server's fan-out, not libsignal.
import {
  type ClientFrame,
  decodeServerFrame,
  devicesDigest,
  encodeFrame,
  type GroupSendFrame,
} from '@switchboard/protocol';
import WebSocket from 'ws';
import type { LoadDevice } from '../core/accounts';

export interface MemberClient {
  device: LoadDevice;
  ws: WebSocket;
  /** Bytes of every frame this client sent. */
  sentBytes: number;
  close(): void;
}

export interface Arrivals {
  /** Called for every group message delivered to a device: its message id and the arrival time. */
  onDeliver(id: bigint, at: number): void;
  onAnswer(id: bigint, ok: boolean, text: string): void;
}

function open(url: string, headers: Record<string, string>, localAddress: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false, localAddress });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export async function connectMember(
  wsUrl: string,
  device: LoadDevice,
  index: number,
  arrivals: Arrivals,
): Promise<MemberClient> {
  // Source addresses spread over 127.0.1.x so thousands of connections never run short of ephemeral ports.
  const ws = await open(`${wsUrl}/v1/ws`, { authorization: device.authorization }, `127.0.1.${(index % 250) + 1}`);
  let queued: number[] = [];
  const ack = (guid: number) => {
    if (queued.push(guid) > 1) return;
    setImmediate(() => {
      const guids = queued;
      queued = [];
      if (ws.readyState === WebSocket.OPEN) ws.send(encodeFrame({ t: 'ack', guids } as ClientFrame));
    });
  };
  ws.on('message', (data: Buffer) => {
    const f = decodeServerFrame(data);
    if (f.t === 'group_deliver') {
      arrivals.onDeliver(f.messageId, performance.now());
      ack(f.guid);
    } else if (f.t === 'group_event' || f.t === 'receipt' || f.t === 'deliver') ack(f.guid);
    else if (f.t === 'send_ok') arrivals.onAnswer(f.id, true, '');
    else if (f.t === 'send_error') arrivals.onAnswer(f.id, false, `${f.code} ${f.message}`);
  });
  const client: MemberClient = {
    device,
    ws,
    sentBytes: 0,
    close: () => ws.terminate(),
  };
  return client;
}

/**
 * A group message from `sender` to every other member device, the same pre-made ciphertext for all: its device list as
 * a digest (what the SDK sends when every device has its key), or in full.
 */
export function groupSendFrame(
  id: bigint,
  groupId: string,
  ciphertext: Uint8Array,
  members: LoadDevice[][],
  sender: LoadDevice,
  full = false,
): Uint8Array {
  if (!full) {
    const others = members.flat().filter((d) => !(d.accountId === sender.accountId && d.deviceId === sender.deviceId));
    return encodeFrame({ t: 'group_send', id, groupId, ciphertext, devicesDigest: devicesDigest(others), members: [] });
  }
  const frame: GroupSendFrame = {
    t: 'group_send',
    id,
    groupId,
    ciphertext,
    members: members
      .map((devices) => ({
        accountId: devices[0]!.accountId,
        devices: devices
          .filter((d) => !(d.accountId === sender.accountId && d.deviceId === sender.deviceId))
          .map((d) => ({ deviceId: d.deviceId, registrationId: d.registrationId })),
      }))
      .filter((m) => m.devices.length),
  };
  return encodeFrame(frame);
}
