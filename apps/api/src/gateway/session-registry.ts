import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { GroupSendService } from '@switchboard/core/groups/group-send.service';
import { MailboxService } from '@switchboard/core/messaging/mailbox/mailbox.service';
import type { DeviceRef } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { ReceiptService } from '@switchboard/core/messaging/receipts/receipt.service';
import { DeliveryRouter, type LocalDelivery } from '@switchboard/core/messaging/routing/delivery-router';
import { NodeBus } from '@switchboard/core/messaging/routing/node-bus';
import { NodeLiveness } from '@switchboard/core/messaging/routing/node-liveness';
import { RouteTable } from '@switchboard/core/messaging/routing/route-table';
import { ThisNode } from '@switchboard/core/messaging/routing/this-node';
import { SendService } from '@switchboard/core/messaging/send/send.service';
import { CONFIG } from '@switchboard/platform';
import type { WebSocket } from 'ws';
import { CloseCode } from './close-codes';
import { DeviceSession, type SessionDeps } from './device-session';
import { FloodCooldown } from './flood-cooldown';
import { PreKeysLowListener } from './prekeys-low.listener';
import { PresenceHub } from './presence-hub';

const key = (d: DeviceRef) => `${d.accountId}/${d.deviceId}`;

/**
 * This node's device connections, one per device. It keeps their routes in Redis alive, pings them, and is the local
 * end of the delivery router (pushes and kicks from this node or others arrive here).
 */
@Injectable()
export class SessionRegistry implements LocalDelivery, OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Gateway');
  private readonly sessions = new Map<string, DeviceSession>();
  private readonly deps: SessionDeps;
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;

  constructor(
    private readonly routes: RouteTable,
    private readonly router: DeliveryRouter,
    private readonly bus: NodeBus,
    private readonly liveness: NodeLiveness,
    private readonly node: ThisNode,
    @Inject(CONFIG) private readonly config: Config,
    send: SendService,
    receipts: ReceiptService,
    mailbox: MailboxService,
    private readonly presence: PresenceHub,
    groupSend: GroupSendService,
    private readonly prekeysLow: PreKeysLowListener,
    floodCooldown: FloodCooldown,
  ) {
    const frameRates = config.messaging.frameRates;
    this.deps = { send, receipts, mailbox, groupSend, log: this.log, frameRates, presence, floodCooldown };
  }

  onModuleInit(): void {
    this.router.attach(this);
    // Pushes can be lost when Redis drops its state or a node dies mid-push: re-read backlogs then.
    this.bus.onResubscribed(() => void this.resyncAll());
    this.liveness.onNodeDied(() => void this.resyncAll());
  }

  onApplicationBootstrap(): void {
    const { routeTtlSeconds, keepaliveSeconds } = this.config.messaging;
    const refresh = setInterval(() => void this.refreshRoutes(), (routeTtlSeconds * 1000) / 3);
    const keepalive = setInterval(() => this.keepalive(), keepaliveSeconds * 1000);
    this.timers = [refresh, keepalive];
    for (const t of this.timers) t.unref();
  }

  /** Takes a new authenticated connection: it replaces any older one of the device, here or on another node. */
  async open(device: DeviceRef, socket: WebSocket): Promise<void> {
    const session = new DeviceSession(device, socket, this.deps);
    const k = key(device);
    const older = this.sessions.get(k);
    this.sessions.set(k, session);
    older?.close(CloseCode.Replaced, 'replaced by a newer connection');
    this.presence.opened(session); // before any wait, so the close below always follows it
    socket.on('close', () => this.closed(session));
    // Alongside the route claim, so it costs the connect no extra round trip.
    const lowKeys = this.prekeysLow.connected(device, (frame) => session.notify(frame));
    try {
      // The route must point here before the backlog is read: an envelope stored after that read is then pushed here.
      const previous = await this.routes.claim(device, session.id);
      if (previous && previous.nodeId !== this.node.id) {
        await this.router.kick(device, previous.connectionId, previous.nodeId);
      }
    } catch (err) {
      // Redis unavailable: the backlog still comes from Postgres; the refresh timer registers the route later.
      this.log.warn(`route claim failed: ${(err as Error).message}`);
    }
    await lowKeys;
    session.start();
  }

  has(device: DeviceRef): boolean {
    return this.sessions.has(key(device));
  }

  push(device: DeviceRef, guid: number, frame: Uint8Array): void {
    this.sessions.get(key(device))?.push(guid, frame);
  }

  notify(device: DeviceRef, frame: Uint8Array): void {
    this.sessions.get(key(device))?.notify(frame);
  }

  kick(device: DeviceRef, connectionId: string): void {
    const session = this.sessions.get(key(device));
    if (!session || (connectionId && session.id !== connectionId)) return;
    session.close(connectionId ? CloseCode.Replaced : CloseCode.Removed, connectionId ? 'replaced' : 'device removed');
  }

  get size(): number {
    return this.sessions.size;
  }

  private closed(session: DeviceSession): void {
    session.ended();
    void this.presence.closed(session);
    const k = key(session.device);
    if (this.sessions.get(k) !== session) return;
    this.sessions.delete(k);
    if (this.stopping) return; // shutdown released every route already, and Redis may be closing
    this.routes.release(session.device, session.id).catch(() => undefined); // expires by TTL otherwise
  }

  private async refreshRoutes(): Promise<void> {
    try {
      await this.routes.refresh([...this.sessions.values()].map((s) => ({ device: s.device, connectionId: s.id })));
    } catch (err) {
      this.log.warn(`route refresh failed: ${(err as Error).message}`);
    }
  }

  /** Pushes may have been lost while Redis was away: restore routes, then re-read every backlog, a few at a time. */
  private async resyncAll(): Promise<void> {
    await this.refreshRoutes();
    const all = [...this.sessions.values()];
    const worker = async () => {
      for (let s = all.pop(); s; s = all.pop()) await s.resync();
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }

  private keepalive(): void {
    for (const s of this.sessions.values()) {
      if (!s.alive) s.close(1001, 'keep-alive timeout');
      else s.ping();
    }
  }

  /**
   * On shutdown, while Redis and Postgres are still open (Nest destroys this module before the messaging and infra
   * ones): drop routes first, so nothing more is pushed here, then ask devices to reconnect elsewhere.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    const all = [...this.sessions.values()];
    await Promise.all(all.map((s) => this.routes.release(s.device, s.id).catch(() => undefined)));
    await Promise.all(all.map((s) => this.presence.closed(s))); // watchers see them go while Redis is still open
    for (const s of all) s.close(CloseCode.Restarting, 'server restarting');
  }
}
