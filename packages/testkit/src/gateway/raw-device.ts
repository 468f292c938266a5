import { randomBytes } from 'node:crypto';
import {
  type ClientFrame,
  type DeliverFrame,
  decodeServerFrame,
  EnvelopeType,
  encodeFrame,
  type ReceiptFrame,
  type SendErrorFrame,
  type SendFrame,
  type SendOkFrame,
  type ServerFrame,
} from '@switchboard/protocol';
import WebSocket from 'ws';
import type { TestAccount, TestDevice } from './fixtures';

type Pred<F extends ServerFrame> = (f: ServerFrame) => f is F;

/**
 * A device speaking the wire protocol directly, with pre-made "ciphertexts" (the server is blind, so any bytes do).
 * Every server frame is recorded in `frames`; `next` waits for one that matches and was not taken yet.
 */
export class RawDevice {
  readonly frames: ServerFrame[] = [];
  private readonly taken = new Set<ServerFrame>();
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Ack every Deliver/Receipt as it arrives. */
  autoAck = false;

  private constructor(
    readonly device: TestDevice,
    readonly socket: WebSocket,
  ) {
    socket.on('message', (data: Buffer) => {
      const frame = decodeServerFrame(new Uint8Array(data));
      this.frames.push(frame);
      if (this.autoAck && (frame.t === 'deliver' || frame.t === 'receipt')) this.ack([frame.guid]);
      const w = this.waiters;
      this.waiters = [];
      for (const wake of w) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters) wake();
      }),
    );
  }

  static connect(wsUrl: string, device: TestDevice, options: { autoAck?: boolean } = {}): Promise<RawDevice> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl}/v1/ws`, { headers: { authorization: device.auth } });
      const raw = new RawDevice(device, socket);
      raw.autoAck = options.autoAck ?? false;
      socket.once('open', () => resolve(raw));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: ClientFrame): void {
    this.socket.send(encodeFrame(frame));
  }

  sendBytes(bytes: Uint8Array | string): void {
    this.socket.send(bytes);
  }

  ack(guids: number[]): void {
    if (this.open) this.send({ t: 'ack', guids });
  }

  /** Waits for the first untaken frame matching `pred`. */
  next<F extends ServerFrame>(pred: Pred<F>, timeoutMs?: number): Promise<F>;
  next(pred: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  async next(pred: (f: ServerFrame) => boolean, timeoutMs = 10_000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find((f) => !this.taken.has(f) && pred(f));
      if (found) {
        this.taken.add(found);
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far: ${this.frames.map((f) => f.t).join(',')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  deliveries(): DeliverFrame[] {
    return this.frames.filter((f): f is DeliverFrame => f.t === 'deliver');
  }

  receipts(): ReceiptFrame[] {
    return this.frames.filter((f): f is ReceiptFrame => f.t === 'receipt');
  }

  /** Sends and waits for the answer with the same id. */
  async request(frame: SendFrame): Promise<SendOkFrame | SendErrorFrame> {
    this.send(frame);
    return this.next(
      (f): f is SendOkFrame | SendErrorFrame => (f.t === 'send_ok' || f.t === 'send_error') && f.id === frame.id,
    );
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }

  terminate(): void {
    this.socket.terminate();
  }
}

export const is =
  <T extends ServerFrame['t']>(t: T) =>
  (f: ServerFrame): f is Extract<ServerFrame, { t: T }> =>
    f.t === t;

export const newId = (): bigint => randomBytes(8).readBigUInt64BE();

/** A "ciphertext" whose bytes say which message and device it is for, so tests can check what arrived where. */
export function ciphertext(label: string, size = 120): Uint8Array {
  const out = new Uint8Array(size).fill(0x2e);
  out.set(new TextEncoder().encode(label).subarray(0, size));
  return out;
}

export const textOf = (c: Uint8Array): string => new TextDecoder().decode(c).replace(/\.+$/, '');

/** A send from `from` to every device of `to` plus the sender's other devices, each envelope labelled. */
export function sendTo(
  from: TestDevice,
  to: TestAccount,
  fromAccount: TestAccount | undefined,
  label: string,
): SendFrame {
  const groups = [
    {
      accountId: to.accountId,
      envelopes: to.devices.map((d) => ({
        deviceId: d.deviceId,
        registrationId: d.registrationId,
        type: EnvelopeType.Whisper,
        ciphertext: ciphertext(`${label}>${d.deviceId}`),
      })),
    },
  ];
  const own = (fromAccount?.devices ?? []).filter((d) => d.deviceId !== from.deviceId);
  if (own.length && fromAccount!.accountId !== to.accountId) {
    groups.push({
      accountId: fromAccount!.accountId,
      envelopes: own.map((d) => ({
        deviceId: d.deviceId,
        registrationId: d.registrationId,
        type: EnvelopeType.Whisper,
        ciphertext: ciphertext(`${label}>self${d.deviceId}`),
      })),
    });
  }
  return { t: 'send', id: newId(), groups };
}
