import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Config } from '@switchboard/config';
import { createLogger, NestPinoLogger } from '@switchboard/platform';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { ErrorFilter } from './errors/error.filter';
import { MetricsService } from './metrics/metrics.service';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the API application (not yet listening). Used by main.ts and by e2e tests, so both run the same app. */
export async function createApp(config: Config, logger: Logger = createLogger(config, 'api')) {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Honour a caller's X-Request-Id so a request can be followed across services; otherwise mint one.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new NestPinoLogger(logger),
  });
  app.useGlobalFilters(new ErrorFilter());

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  fastify.addHook('onResponse', async (req, reply) => {
    metrics.observeHttp(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  return app;
}

export type ApiApp = Awaited<ReturnType<typeof createApp>>;
