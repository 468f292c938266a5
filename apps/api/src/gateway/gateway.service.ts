import { Injectable } from '@nestjs/common';
import { DeliveryRouter } from '@switchboard/core/messaging/routing/delivery-router';

/** What other features may ask of the gateway. */
@Injectable()
export class GatewayService {
  constructor(private readonly router: DeliveryRouter) {}

  /** Closes the device's live connection, on whichever node holds it (close code 4001). */
  disconnect(accountId: string, deviceId: number): Promise<void> {
    return this.router.kick({ accountId, deviceId });
  }
}
