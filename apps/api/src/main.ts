import { loadConfig } from '@switchboard/config';
import { createLogger } from '@switchboard/platform';
import { createApp } from './bootstrap';

const config = loadConfig();
const logger = createLogger(config, 'api');
const app = await createApp(config, logger);
await app.listen(config.api.port, config.api.host);
logger.info({ url: `http://${config.api.host}:${config.api.port}` }, 'api listening');

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close Postgres/Redis/queues, exit.
// If draining takes longer than the grace period, exit anyway rather than hang a deploy.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api shutting down');
    const force = setTimeout(() => {
      logger.error('api shutdown exceeded grace period; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    app.close().then(
      () => {
        logger.info('api stopped');
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, 'api shutdown failed');
        process.exit(1);
      },
    );
  });
}
