import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import type { DeviceRef } from '@switchboard/core/devices/device-events';
import { type PushProviderKind, PushRepository } from '@switchboard/core/push/push.repository';
import { CONFIG } from '@switchboard/platform';
import { OutboundRefused } from '@switchboard/webhooks';
import type { PushProvider } from './providers/push-provider';
import { pushProviders } from './providers/push-providers';

/** Sends one device its wake-up through the provider it registered with, and forgets registrations that died. */
@Injectable()
export class PushSender implements OnModuleDestroy {
  private readonly log = new Logger('PushSender');
  private readonly providers: Map<PushProviderKind, PushProvider>;

  constructor(
    private readonly registrations: PushRepository,
    @Inject(CONFIG) config: Config,
  ) {
    this.providers = new Map(pushProviders(config).map((p) => [p.kind, p]));
  }

  onModuleDestroy(): void {
    for (const p of this.providers.values()) p.close?.();
  }

  async wake(device: DeviceRef): Promise<void> {
    const target = await this.registrations.find(device);
    if (!target) return; // no push registered: the device learns of its messages when it connects
    const provider = this.providers.get(target.provider);
    if (!provider) {
      this.log.warn(`${target.provider} push is not configured: ${device.accountId}.${device.deviceId} not woken`);
      return;
    }
    let outcome: Awaited<ReturnType<PushProvider['wake']>>;
    try {
      outcome = await provider.wake(target);
    } catch (err) {
      if (!(err instanceof OutboundRefused)) throw err; // retried (push.wake's attempts), then dropped
      this.log.warn(`push endpoint of ${device.accountId}.${device.deviceId} refused: ${err.message}`);
      outcome = 'gone';
    }
    if (outcome === 'gone') await this.registrations.removeIfStill(device, target.endpoint);
    if (outcome === 'refused')
      this.log.warn(`${target.provider} refused the wake-up of ${device.accountId}.${device.deviceId}`);
  }
}
