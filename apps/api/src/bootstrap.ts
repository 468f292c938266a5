import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { stripGraphVersion } from '@switchboard/business/common/graph-version';
import type { Config } from '@switchboard/config';
import { createLogger, NestPinoLogger } from '@switchboard/platform';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { ErrorFilter } from './errors/error.filter';
import { DeviceWsAdapter } from './gateway/device-ws-adapter';
import { takeAccessTokenFromQuery } from './http/access-token-query';
import { serverOptions } from './http/server-options';
import { refuseUnstorableText } from './http/storable-input';
import { MetricsService } from './metrics/metrics.service';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the API application (not yet listening). Used by main.ts and by e2e tests, so both run the same app. */
export async function createApp(config: Config, logger: Logger = createLogger(config, 'api')) {
  const adapter = new FastifyAdapter({
    ...serverOptions(config),
    loggerInstance: logger,
    // Honour a caller's X-Request-Id so a request can be followed across services; otherwise mint one.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Cloud API clients call /v23.0/...; routes are registered once, without the version (docs/business.md). A token
    // given as ?access_token= leaves the URL here, before anything logs it (access-token-query.ts).
    rewriteUrl: (req: IncomingMessage) => stripGraphVersion(takeAccessTokenFromQuery(req)),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new NestPinoLogger(logger),
  });
  app.useGlobalFilters(new ErrorFilter());
  // multipart/form-data for media uploads (business/media). Each route passes its own limits to req.parts(); these
  // defaults (one small file) hold for any other route that might read a multipart body.
  await app.register(fastifyMultipart, { limits: { files: 1, fileSize: 1024 * 1024, fields: 10, parts: 20 } });
  // application/octet-stream bodies (encrypted attachments, core/attachments) reach the route as the unread request
  // stream: it streams them to storage with its own limit (ATTACHMENT_MAX_BYTES), so bodyLimit does not apply.
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
  // A route may raise its own body limit with `@RouteConfig({ bodyLimit })` (a campaign's CSV audience); routes are
  // registered at init, after this hook.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
      if (typeof limit === 'number') route.bodyLimit = limit;
    });
  // Device WebSockets (the gateway) share the HTTP port through the plain `ws` platform; frames are binary and parsed
  // by the gateway itself, so Nest's message handling is switched off.
  app.useWebSocketAdapter(new DeviceWsAdapter(app));

  const fastify = app.getHttpAdapter().getInstance();
  refuseUnstorableText(fastify);
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
