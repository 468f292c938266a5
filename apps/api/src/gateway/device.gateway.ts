import type { IncomingMessage } from 'node:http';
import { Inject, Logger } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Config } from '@switchboard/config';
import { parseBasicAuthorization } from '@switchboard/core/auth/credentials';
import { type AuthenticatedDevice, DeviceAuthService } from '@switchboard/core/auth/device-auth.service';
import { CONFIG } from '@switchboard/platform';
import type { WebSocket, WebSocketServer } from 'ws';
import { FloodCooldown } from './flood-cooldown';
import { SessionRegistry } from './session-registry';

type VerifyClient = (
  info: { req: IncomingMessage & { device?: AuthenticatedDevice } },
  done: (ok: boolean, code?: number, message?: string, headers?: Record<string, string>) => void,
) => void;

/** The credential from `Authorization`, or from `?auth=` for clients that cannot set headers on a WebSocket. */
function credentialOf(req: IncomingMessage): string | undefined {
  if (req.headers.authorization) return req.headers.authorization;
  return new URL(req.url ?? '/', 'ws://x').searchParams.get('auth') ?? undefined;
}

/**
 * The device endpoint, `GET /v1/ws` upgraded to a WebSocket on the API's own port (the `ws` platform). Credentials
 * are checked during the upgrade: a bad one is answered `401` and never becomes a socket.
 */
// No client tracking (SessionRegistry keeps this node's connections) and no compression (small binary frames of
// ciphertext do not compress, and each deflate context costs hundreds of KB per connection).
@WebSocketGateway({ path: '/v1/ws', clientTracking: false, perMessageDeflate: false })
export class DeviceGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly log = new Logger('Gateway');
  // One listener shared by every socket (not a closure per connection).
  private readonly onSocketError = (err: Error) => this.log.warn(`device socket: ${err.message}`);

  constructor(
    private readonly auth: DeviceAuthService,
    private readonly sessions: SessionRegistry,
    private readonly floodCooldown: FloodCooldown,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  afterInit(server: WebSocketServer): void {
    // ws reads these per upgrade, so setting them here (with the services at hand) applies to every connection.
    const options = server.options as { maxPayload?: number; verifyClient?: VerifyClient };
    options.maxPayload = this.config.messaging.maxFrameBytes;
    options.verifyClient = (info, done) => {
      const credential = credentialOf(info.req);
      // A device closed for flooding waits out its cooldown, answered before any lookup (FloodCooldown). Only the
      // claimed identity is read: the cooldown was set by a connection that authenticated as it.
      const claimed = parseBasicAuthorization(credential);
      const wait = claimed ? this.floodCooldown.remaining(claimed) : 0;
      if (wait > 0) {
        done(false, 429, 'Too Many Requests', { 'Retry-After': String(Math.ceil(wait / 1000)) });
        return;
      }
      this.auth.authenticate(credential, info.req.socket.remoteAddress).then(
        (device) => {
          info.req.device = device;
          done(true);
        },
        (err) =>
          (err as { status?: number }).status === 429
            ? done(false, 429, 'Too Many Requests')
            : done(false, 401, 'Unauthorized'),
      );
    };
  }

  handleConnection(socket: WebSocket, req: IncomingMessage & { device?: AuthenticatedDevice }): void {
    // WsAdapter logs every socket error at error level; a device sending an oversized or invalid WebSocket frame is a
    // client's fault (ws closes it with 1009/1002), so it is logged as a warning here instead of flooding the log.
    socket.removeAllListeners('error');
    socket.on('error', this.onSocketError);
    this.sessions.open(req.device!, socket).catch((err) => {
      this.log.error(`opening a session failed: ${(err as Error).message}`);
      socket.close(1011, 'internal error');
    });
  }
}
