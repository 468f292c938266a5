import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DeviceEvents } from '@switchboard/core/devices/device-events';
import { type PreKeyCounts, PreKeysLowStore } from '@switchboard/core/keys/prekeys-low.store';
import type { DeviceRef } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { DeliveryRouter } from '@switchboard/core/messaging/routing/delivery-router';
import { encodeFrame } from '@switchboard/protocol';

const frame = (counts: PreKeyCounts) => encodeFrame({ t: 'prekeys_low', ...counts });

/**
 * Tells a device its one-time prekeys run low: live, on whichever node holds it, when a bundle fetch on this node
 * leaves it low; and on every connect while it has not uploaded more (a device offline at the time, or a fetch made
 * where no device connects — the worker's business devices — is told then).
 */
@Injectable()
export class PreKeysLowListener implements OnModuleInit {
  private readonly log = new Logger('PreKeysLow');

  constructor(
    private readonly events: DeviceEvents,
    private readonly store: PreKeysLowStore,
    private readonly router: DeliveryRouter,
  ) {}

  onModuleInit(): void {
    this.events.onPreKeysLow(({ accountId, deviceId, preKeys, kyberPreKeys }) =>
      this.router.notify({ accountId, deviceId }, frame({ preKeys, kyberPreKeys })),
    );
  }

  /** A device connected here: the notice again if it is still marked low. */
  async connected(device: DeviceRef, notify: (frame: Uint8Array) => void): Promise<void> {
    try {
      const counts = await this.store.marked(device);
      if (counts) notify(frame(counts));
    } catch (err) {
      // Redis unavailable: the notice comes at a later connect.
      this.log.warn(`prekeys-low check failed: ${(err as Error).message}`);
    }
  }
}
