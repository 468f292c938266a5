import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { type BusMessage, InboxBus } from './inbox-bus';
import { InboxEventsRepository } from './inbox-events.repository';

/** One event as a live connection sends it: `id` (the business's event number) only on stored events. */
export interface LiveEvent {
  id?: string;
  event: string;
  data: unknown;
}

/** One agent's live connection on this node. */
export interface LiveListener {
  businessId: string;
  userId: string;
  /** The last event number this connection has sent. */
  cursor: bigint;
  send(e: LiveEvent): void;
  /** Keeps a quiet stream open and its agent present (the `inboxLivePing` loop). */
  ping(): void;
  /** Ends the connection (the process is stopping; the client reconnects elsewhere with its cursor). */
  end(): void;
}

interface BusinessRoom {
  listeners: Set<LiveListener>;
  pulling: boolean;
  again: boolean;
}

const PAGE = 500;

/**
 * This node's live inbox connections, by business. Every stored event reaches a connection through the same read:
 * the events after the lowest cursor of the business's connections, from Postgres, each connection sent those past
 * its own cursor, in order. A doorbell from any node, a connection that arrives with a cursor, and the catch-up loop
 * all just start that read, so a connection that resumes and one that never left cannot see different things.
 */
@Injectable()
export class LiveInbox implements BeforeApplicationShutdown {
  private readonly log = new Logger('LiveInbox');
  private readonly rooms = new Map<string, BusinessRoom>();

  constructor(
    private readonly events: InboxEventsRepository,
    private readonly bus: InboxBus,
  ) {}

  /**
   * Adds a connection that resumes after `after` (the Last-Event-ID it came back with) or starts now. A cursor that
   * cannot be resumed — older than what is kept, or never given — answers `reset`: reload the inbox, then follow.
   */
  async attach(
    listener: Omit<LiveListener, 'cursor'>,
    after?: bigint,
  ): Promise<{ listener: LiveListener; reset: boolean }> {
    await this.bus.listen(
      (m) => this.onBus(m),
      () => this.pullAll(),
    );
    const { head, oldest } = await this.events.bounds(listener.businessId);
    const resumable =
      after !== undefined && after <= head && (after === head || (oldest !== null && after >= oldest - 1n));
    const l: LiveListener = { ...listener, cursor: resumable ? after : head };
    let room = this.rooms.get(l.businessId);
    if (!room) {
      room = { listeners: new Set(), pulling: false, again: false };
      this.rooms.set(l.businessId, room);
    }
    room.listeners.add(l);
    if (resumable && after < head) void this.pull(l.businessId);
    return { listener: l, reset: after !== undefined && !resumable };
  }

  detach(l: LiveListener): void {
    const room = this.rooms.get(l.businessId);
    if (!room) return;
    room.listeners.delete(l);
    if (!room.listeners.size && !room.pulling) this.rooms.delete(l.businessId);
  }

  /** The catch-up loop (`inboxLiveCatchUp`): a doorbell lost on the way, or rung before its commit, costs this long. */
  async pullAll(): Promise<void> {
    await Promise.all([...this.rooms.keys()].map((b) => this.pull(b)));
  }

  /** The `inboxLivePing` loop. */
  ping(): void {
    for (const room of this.rooms.values()) for (const l of room.listeners) l.ping();
  }

  /** Connections on this node, for the metrics and the tests. */
  connections(businessId: string): number {
    return this.rooms.get(businessId)?.listeners.size ?? 0;
  }

  /** Before Redis and Postgres close: the streams end, so their presence is withdrawn and the server can close. */
  beforeApplicationShutdown(): void {
    for (const room of this.rooms.values()) for (const l of room.listeners) l.end();
  }

  private onBus(m: BusMessage): void {
    const room = this.rooms.get(m.b);
    if (!room) return;
    if (m.t === 'ring') void this.pull(m.b);
    else for (const l of room.listeners) l.send({ event: m.kind, data: m.data });
  }

  private async pull(businessId: string): Promise<void> {
    const room = this.rooms.get(businessId);
    if (!room) return;
    if (room.pulling) {
      room.again = true;
      return;
    }
    room.pulling = true;
    try {
      do {
        room.again = false;
        if (!room.listeners.size) break;
        let from = [...room.listeners].reduce((min, l) => (l.cursor < min ? l.cursor : min), 2n ** 62n);
        for (;;) {
          const rows = await this.events.since(businessId, from, PAGE);
          for (const row of rows) {
            const e: LiveEvent = { id: row.seq.toString(), event: row.kind, data: row.payload };
            for (const l of room.listeners) {
              if (row.seq <= l.cursor) continue;
              l.cursor = row.seq;
              l.send(e);
            }
          }
          if (rows.length < PAGE) break;
          from = rows[rows.length - 1]!.seq;
        }
      } while (room.again);
    } catch (err) {
      // The next doorbell or catch-up pass reads again from the same cursors.
      this.log.warn(`inbox events of ${businessId}: ${(err as Error).message}`);
    } finally {
      room.pulling = false;
      if (!room.listeners.size) this.rooms.delete(businessId);
    }
  }
}
