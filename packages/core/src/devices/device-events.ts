import { Injectable, Logger } from '@nestjs/common';

export interface DeviceRef {
  accountId: string;
  deviceId: number;
}
export interface PreKeysLow extends DeviceRef {
  preKeys: number;
  kyberPreKeys: number;
}
type Listener<T> = (event: T) => Promise<void> | void;

/**
 * What the delivery side (messaging, gateway) needs to hear about devices, without this module importing it (messaging
 * imports devices for the device sets, so the reverse would be circular). Subscribe once at init; see docs/core.md.
 */
@Injectable()
export class DeviceEvents {
  private readonly log = new Logger('DeviceEvents');
  private readonly removed: Listener<DeviceRef>[] = [];
  private readonly preKeysLow: Listener<PreKeysLow>[] = [];

  /** A device is gone (unlinked, or replaced by a re-registration): drop its queue and close its socket. */
  onRemoved(listener: Listener<DeviceRef>): void {
    this.removed.push(listener);
  }

  /** A device's one-time prekeys ran low: tell it to upload more. */
  onPreKeysLow(listener: Listener<PreKeysLow>): void {
    this.preKeysLow.push(listener);
  }

  async emitRemoved(devices: DeviceRef[]): Promise<void> {
    await Promise.all(devices.flatMap((d) => this.removed.map((l) => this.call('removed', l, d))));
  }

  async emitPreKeysLow(event: PreKeysLow): Promise<void> {
    await Promise.all(this.preKeysLow.map((l) => this.call('preKeysLow', l, event)));
  }

  // A listener failing must not undo what already happened (the device row is gone); log it for the operator.
  private async call<T>(name: string, listener: Listener<T>, event: T): Promise<void> {
    try {
      await listener(event);
    } catch (err) {
      this.log.error(`${name} listener failed for ${JSON.stringify(event)}: ${(err as Error).message}`);
    }
  }
}
