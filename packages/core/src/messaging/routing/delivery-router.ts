import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { PushWakeups } from '../../push/push-wakeups';
import { frameFor } from '../mailbox/envelope-frames';
import { type DeviceRef, MessageKind, type PendingEnvelope } from '../mailbox/mailbox.types';
import type { BusDelivery } from './bus-messages';
import { NodeBus } from './node-bus';
import { RouteTable } from './route-table';
import { ThisNode } from './this-node';

/** What the gateway offers the router: its live connections on this node. */
export interface LocalDelivery {
  /** Whether the device is connected to this node. */
  has(device: DeviceRef): boolean;
  /** Hands a stored envelope's frame to the device's connection here, if it has one. */
  push(device: DeviceRef, guid: number, frame: Uint8Array): void;
  /** Closes the device's connection here (only the one with this id, unless it is empty). */
  kick(device: DeviceRef, connectionId: string): void;
  /** Writes a frame that is not stored (a notice) to the device's connection here, if it has one. */
  notify(device: DeviceRef, frame: Uint8Array): void;
}

/**
 * Pushes envelopes to their devices wherever they are connected: straight to the local connection, or through the
 * owning node's bus channel. Best effort by design: a push that goes nowhere (device offline, route stale, Redis
 * down) loses nothing, because the envelope is in Postgres until its device acks it — or, pushed here before its
 * write (pushHere), is written unless its device acks it first (messaging/relay).
 */
@Injectable()
export class DeliveryRouter implements OnModuleInit {
  private readonly log = new Logger('DeliveryRouter');
  private local: LocalDelivery = { has: () => false, push: () => {}, kick: () => {}, notify: () => {} };

  constructor(
    private readonly routes: RouteTable,
    private readonly bus: NodeBus,
    private readonly node: ThisNode,
    private readonly wakeups: PushWakeups,
  ) {}

  onModuleInit(): void {
    this.bus.onMessage((m) => {
      if (m.t === 'deliver') for (const item of m.items) this.local.push(item.device, item.guid, item.frame);
      else if (m.t === 'kick') this.local.kick(m.device, m.connectionId);
      else this.local.notify(m.device, m.frame);
    });
  }

  attach(local: LocalDelivery): void {
    this.local = local;
  }

  /** Pushes to the devices connected to this node only (the relay, before a write); says, per envelope, which went. */
  pushHere(pending: PendingEnvelope[]): boolean[] {
    return pending.map((p) => {
      if (!this.local.has(p)) return false;
      this.local.push(p, p.guid, frameFor(p));
      return true;
    });
  }

  async push(pending: PendingEnvelope[]): Promise<void> {
    // Devices connected here need no Redis round trip. (If a newer connection elsewhere has just replaced the local
    // one, that one is being closed; the envelope stays in the mailbox for the new connection's backlog unless acked.)
    const away: PendingEnvelope[] = [];
    for (const p of pending) {
      if (this.local.has(p)) this.local.push(p, p.guid, frameFor(p));
      else away.push(p);
    }
    if (!away.length) return;
    try {
      const routes = await this.routes.lookup(away);
      const remote = new Map<string, BusDelivery[]>();
      const offline: DeviceRef[] = [];
      for (const [i, p] of away.entries()) {
        const route = routes[i];
        if (!route) {
          // Offline: it waits in the mailbox, and a message (not a receipt or group event) wakes the device.
          if (p.kind === MessageKind.Message) offline.push(p);
          continue;
        }
        if (route.nodeId === this.node.id) continue; // a connection here that has just closed: the mailbox keeps it
        const list = remote.get(route.nodeId) ?? [];
        list.push({ device: { accountId: p.accountId, deviceId: p.deviceId }, guid: p.guid, frame: frameFor(p) });
        remote.set(route.nodeId, list);
      }
      if (offline.length) this.wakeups.offline(offline);
      await Promise.all([...remote].map(([nodeId, items]) => this.bus.publish(nodeId, { t: 'deliver', items })));
    } catch (err) {
      this.log.warn(`push failed, envelopes wait in the mailbox: ${(err as Error).message}`);
    }
  }

  /**
   * Writes a frame that is not stored (a notice) to the device on whichever node holds it. Best effort: offline, a
   * stale route or Redis down, and it goes nowhere — the caller keeps whatever must be said again at the next connect.
   */
  async notify(device: DeviceRef, frame: Uint8Array): Promise<void> {
    if (this.local.has(device)) return this.local.notify(device, frame);
    try {
      const route = (await this.routes.lookup([device]))[0];
      if (route && route.nodeId !== this.node.id) await this.bus.publish(route.nodeId, { t: 'notify', device, frame });
    } catch (err) {
      this.log.warn(`notice to ${device.accountId}.${device.deviceId} not sent: ${(err as Error).message}`);
    }
  }

  /** Closes a device's connection on whichever node holds it (all its connections when connectionId is empty). */
  async kick(device: DeviceRef, connectionId = '', nodeId?: string): Promise<void> {
    const target = nodeId ?? (await this.routes.lookup([device]))[0]?.nodeId;
    this.local.kick(device, connectionId); // a stale local socket goes too, whatever the route says
    if (target && target !== this.node.id) await this.bus.publish(target, { t: 'kick', device, connectionId });
  }
}
