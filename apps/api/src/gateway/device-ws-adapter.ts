import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';

/**
 * Nest's `ws` platform, minus its per-message pipeline: the device gateway reads its own binary frames (DeviceSession)
 * and has no @SubscribeMessage handlers, yet WsAdapter would still run every frame through an RxJS chain and a JSON
 * parse — under a flood of small frames, that garbage was most of the node's CPU.
 */
export class DeviceWsAdapter extends WsAdapter {
  override bindMessageHandlers(
    client: unknown,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    if (handlers.length) super.bindMessageHandlers(client, handlers, transform);
  }
}
