// The producing side of the webhooks suite: a Nest context in the bench process with the same WebhookEventsService
// features use, so events go through the real outbox (Postgres) and wake-ups (Redis) into the worker processes.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Config } from '@switchboard/config';
import { InfraModule, PrismaService } from '@switchboard/platform';
import { WebhookEventsModule, WebhookEventsService, WebhookSecrets } from '@switchboard/webhooks';

@Module({})
class EmitterModule {}

export interface Emitter {
  /** Subscribes a callback URL for a new business id (one change per POST, or batched); returns that business id. */
  subscribe(callbackUrl: string, appSecret: string, batching: boolean): Promise<string>;
  /** Emits each message's statuses (sent → delivered → read) in order, `concurrency` messages at a time. */
  emitStatuses(businessId: string, messages: number, concurrency: number): Promise<void>;
  close(): Promise<void>;
}

export async function startEmitter(config: Config): Promise<Emitter> {
  const app = await NestFactory.createApplicationContext(
    { module: EmitterModule, imports: [InfraModule.forRoot(config, 'api'), WebhookEventsModule] },
    { logger: false },
  );
  await app.init();
  const events = app.get(WebhookEventsService);
  const prisma = app.get(PrismaService).client;
  const secrets = app.get(WebhookSecrets);
  return {
    async subscribe(callbackUrl, appSecret, batching) {
      // The subscription is written directly: the handshake is measured by the tests, not here.
      const businessId = `9${Date.now()}${randomBytes(2).readUInt16BE()}`;
      const id = `8${Date.now()}${randomBytes(2).readUInt16BE()}`;
      await prisma.webhookSubscription.create({
        data: {
          id,
          businessId,
          callbackUrl,
          verifyTokenEnc: secrets.seal(id, 'verify_token', 'bench'),
          appSecretEnc: secrets.seal(id, 'app_secret', appSecret),
          fields: ['messages'],
          batching,
          verifiedAt: new Date(),
        },
      });
      return businessId;
    },
    async emitStatuses(businessId, messages, concurrency) {
      const run = randomBytes(4).toString('hex');
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < messages) {
            const wamid = `wamid.${run}.${next++}`;
            for (const status of ['sent', 'delivered', 'read']) {
              const value = {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550001111', phone_number_id: '1000000000000001' },
                statuses: [
                  { id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '16505551234' },
                ],
                emitted_at: Date.now(),
              };
              await events.emit(businessId, 'messages', value, { orderingKey: wamid });
            }
          }
        }),
      );
    },
    close: () => app.close(),
  };
}
