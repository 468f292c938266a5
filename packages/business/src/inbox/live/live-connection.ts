import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { LiveEvent, LiveInbox, LiveListener } from './live-inbox';
import type { Presence } from './presence';

/**
 * One agent's event stream (Server-Sent Events) on an open response: `id:` is the business's event number, which the
 * browser's EventSource sends back as Last-Event-ID when it reconnects by itself. The `inboxLivePing` loop's ping
 * keeps proxies from closing a quiet stream and the agent's presence from lapsing.
 */
export class LiveConnection {
  private readonly id = randomBytes(6).toString('hex');
  private listener?: LiveListener;

  constructor(
    private readonly res: ServerResponse,
    private readonly hub: LiveInbox,
    private readonly presence: Presence,
    private readonly who: { businessId: string; userId: string },
  ) {}

  /** True when the agent came online with this connection (their first). */
  async open(after: bigint | undefined): Promise<boolean> {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    this.res.socket?.setNoDelay(true);
    this.res.on('close', () => void this.close());
    this.res.write('retry: 2000\n\n');
    const { listener, reset } = await this.hub.attach(
      {
        ...this.who,
        send: (e) => this.write(e),
        ping: () => this.ping(),
        end: () => this.res.end(),
      },
      after,
    );
    this.listener = listener;
    if (this.res.destroyed) {
      await this.close();
      return false;
    }
    const arrived = await this.presence.connected(this.who.businessId, this.who.userId, this.id);
    // `ready` carries the cursor a client that reloads its lists now would resume from; `reset`: reload them first.
    this.write({
      event: 'ready',
      data: { cursor: listener.cursor.toString(), reset, presence: await this.presence.all(this.who.businessId) },
    });
    return arrived;
  }

  private ping(): void {
    if (this.res.destroyed) return;
    this.res.write(': ping\n\n');
    void this.presence.refresh(this.who.businessId, this.who.userId, this.id).catch(() => undefined);
  }

  private write(e: LiveEvent): void {
    if (this.res.destroyed) return;
    this.res.write(`${e.id ? `id: ${e.id}\n` : ''}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
  }

  private async close(): Promise<void> {
    if (!this.listener) return;
    this.hub.detach(this.listener);
    this.listener = undefined;
    await this.presence.disconnected(this.who.businessId, this.who.userId, this.id).catch(() => undefined);
  }
}
