import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@switchboard/config';
import { CatalogueError } from '@switchboard/jobs';
import { createLogger, NestPinoLogger } from '@switchboard/platform';
import { WorkerRunner } from './runner/worker-runner';
import { WorkersModule } from './workers.module';

const config = loadConfig();
const logger = createLogger(config, 'workers');
const app = await NestFactory.createApplicationContext(WorkersModule.forRoot(config), {
  logger: new NestPinoLogger(logger),
});
try {
  app.get(WorkerRunner).start(logger);
} catch (err) {
  if (!(err instanceof CatalogueError)) throw err;
  logger.fatal(err.message);
  await app.close();
  process.exit(70);
}
await app.init();

// SIGTERM/SIGINT: stop taking jobs, let active ones finish (up to the grace period), close connections, exit.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'workers shutting down');
    setTimeout(() => {
      logger.error('workers shutdown exceeded grace period; exiting');
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'workers shutdown failed');
        process.exit(1);
      },
    );
  });
}
