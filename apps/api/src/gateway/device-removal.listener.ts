import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DeviceEvents } from '@switchboard/core/devices/device-events';
import { MailboxService } from '@switchboard/core/messaging/mailbox/mailbox.service';
import { GatewayService } from './gateway.service';

/**
 * When the devices module removes a device (unlink, or re-registration of the number), close its socket and drop its queue.
 * Socket first: a connection still open could otherwise ack, or be pushed, what is being purged.
 */
@Injectable()
export class DeviceRemovalListener implements OnModuleInit {
  constructor(
    private readonly events: DeviceEvents,
    private readonly gateway: GatewayService,
    private readonly mailbox: MailboxService,
  ) {}

  onModuleInit(): void {
    this.events.onRemoved(async ({ accountId, deviceId }) => {
      await this.gateway.disconnect(accountId, deviceId);
      await this.mailbox.purgeDevice(accountId, deviceId);
    });
  }
}
