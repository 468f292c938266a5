// The device's WebSocket to the gateway: binary frames of @switchboard/protocol, reconnecting with backoff, failing over
// between servers, and noticing a link that went silent.
import {
  type ClientFrame,
  decodeServerFrame,
  encodeFrame,
  ProtocolError,
  type ServerFrame,
} from '@switchboard/protocol';
import WebSocket from 'ws';
import type { DeviceCredentials } from './rest-types';

export interface ConnectionOptions {
  /** The API's base URL (http or https); the socket goes to `<base>/v1/ws` on the same host and port. */
  baseUrl: string;
  /**
   * More servers of the same deployment (any node serves any device). A connection that drops or cannot be made is
   * retried on the next one, round robin, after the backoff.
   */
  fallbackUrls?: string[];
  credentials: DeviceCredentials;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** After this long with nothing heard from the server, an application-level ping goes out (default 4 s). */
  pingIntervalMs?: number;
  /** No answer to that ping (or to the opening handshake) within this long means the link is dead (default 3 s). */
  pongTimeoutMs?: number;
  /** Source address for the socket (load tests use many loopback addresses). */
  localAddress?: string;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** False when the server ended this device's session for good (replaced, removed, credentials refused). */
  willReconnect: boolean;
}

// Close codes after which reconnecting would be wrong: another connection of this device took over (4000), or the
// device was unlinked (4001). Reconnecting after 4000 would make two instances fight over the device.
const FINAL_CLOSES = new Set([4000, 4001]);
const DEFAULT_PING_INTERVAL_MS = 4_000;
const DEFAULT_PONG_TIMEOUT_MS = 3_000;

const authorization = ({ accountId, deviceId, password }: DeviceCredentials) =>
  `Basic ${Buffer.from(`${accountId}.${deviceId}:${password}`).toString('base64')}`;

export class UnauthorizedError extends Error {
  constructor() {
    super('the gateway refused the device credentials (401)');
    this.name = 'UnauthorizedError';
  }
}

/**
 * One device's connection. `start()` resolves on the first open; after that, every drop is followed by a reconnect
 * (exponential backoff with jitter) until `close()`, a final close code, or a 401. Listeners hear every frame and every
 * (re)open, so the messaging layer can resend what was not confirmed.
 */
export class Connection {
  private socket?: WebSocket;
  private stopped = false;
  private attempt = 0;
  private server = 0;
  private pingTimer?: NodeJS.Timeout;
  private lastHeard = 0;
  private pingSentAt = 0;
  private nonce = 0;
  private readonly frameListeners: ((f: ServerFrame) => void)[] = [];
  private readonly openListeners: (() => void)[] = [];
  private readonly closeListeners: ((info: CloseInfo) => void)[] = [];
  private openWaiters: { resolve(): void; reject(err: Error): void }[] = [];

  constructor(private readonly options: ConnectionOptions) {}

  onFrame(listener: (f: ServerFrame) => void): void {
    this.frameListeners.push(listener);
  }

  onOpen(listener: () => void): void {
    this.openListeners.push(listener);
  }

  onClose(listener: (info: CloseInfo) => void): void {
    this.closeListeners.push(listener);
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Connects; resolves once open. Rejects with UnauthorizedError on bad credentials. */
  start(): Promise<void> {
    this.stopped = false;
    const opened = this.waitOpen();
    this.dial();
    return opened;
  }

  /** Resolves when the connection is (or next becomes) open; rejects if it ends for good first. */
  waitOpen(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    return new Promise((resolve, reject) => this.openWaiters.push({ resolve, reject }));
  }

  /** Sends if open; false otherwise (callers that need delivery resend on the next open). */
  send(frame: ClientFrame): boolean {
    if (!this.isOpen) return false;
    this.socket!.send(encodeFrame(frame));
    return true;
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pingTimer);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'bye');
      setTimeout(() => socket.terminate(), 2_000).unref();
    });
  }

  /** The server the connection uses now (or dials next). */
  get url(): string {
    const servers = [this.options.baseUrl, ...(this.options.fallbackUrls ?? [])];
    return servers[this.server % servers.length]!;
  }

  private dial(): void {
    const url = `${this.url.replace(/^http/, 'ws').replace(/\/$/, '')}/v1/ws`;
    const socket = new WebSocket(url, {
      headers: { authorization: authorization(this.options.credentials) },
      localAddress: this.options.localAddress,
      handshakeTimeout: this.options.pongTimeoutMs ?? DEFAULT_PONG_TIMEOUT_MS,
    });
    this.socket = socket;
    let unauthorized = false;
    socket.binaryType = 'nodebuffer';
    socket.on('unexpected-response', (_req, res) => {
      unauthorized = res.statusCode === 401;
      socket.terminate();
    });
    socket.on('error', () => {}); // 'close' follows and decides what to do
    socket.on('open', () => {
      this.attempt = 0;
      this.startPings();
      for (const w of this.openWaiters.splice(0)) w.resolve();
      for (const l of this.openListeners) l();
    });
    socket.on('ping', () => this.heard());
    socket.on('message', (data: Buffer, isBinary) => {
      this.heard();
      if (!isBinary) return;
      let frame: ServerFrame;
      try {
        frame = decodeServerFrame(new Uint8Array(data.buffer, data.byteOffset, data.length));
      } catch (err) {
        if (err instanceof ProtocolError) return; // a newer server's frame we do not know: skip it
        throw err;
      }
      for (const l of this.frameListeners) l(frame);
    });
    socket.on('close', (code, reason) => {
      clearInterval(this.pingTimer);
      if (this.socket !== socket) return;
      const final = this.stopped || unauthorized || FINAL_CLOSES.has(code);
      for (const l of this.closeListeners) l({ code, reason: reason.toString(), willReconnect: !final });
      if (final) {
        const err = unauthorized ? new UnauthorizedError() : new Error(`connection closed (${code})`);
        for (const w of this.openWaiters.splice(0)) w.reject(err);
        return;
      }
      // The next server, after an exponential backoff with jitter: a failed node's devices spread over time (and over
      // the other nodes) instead of all coming back in the same instant.
      this.server++;
      const base = this.options.minBackoffMs ?? 100;
      const delay = Math.min(base * 2 ** this.attempt++, this.options.maxBackoffMs ?? 10_000);
      setTimeout(() => this.stopped || this.dial(), delay * (0.5 + Math.random() / 2)).unref();
    });
  }

  private heard(): void {
    this.lastHeard = Date.now();
    this.pingSentAt = 0;
  }

  // The server pings at the WebSocket level to find dead devices; this finds a dead server or a link that went silent
  // (a NAT or a radio that dropped it without a FIN): within pingIntervalMs + pongTimeoutMs (+ one tick) of the last
  // byte heard. A busy link needs no ping: anything received proves it alive.
  private startPings(): void {
    clearInterval(this.pingTimer);
    const idle = this.options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    const deadline = this.options.pongTimeoutMs ?? DEFAULT_PONG_TIMEOUT_MS;
    this.heard();
    this.pingTimer = setInterval(
      () => {
        const now = Date.now();
        if (this.pingSentAt) {
          if (now - this.pingSentAt >= deadline) this.socket?.terminate();
        } else if (now - this.lastHeard >= idle) {
          this.pingSentAt = now;
          this.send({ t: 'ping', nonce: ++this.nonce });
        }
      },
      Math.min(500, idle / 2, deadline / 2),
    );
    this.pingTimer.unref();
  }
}
