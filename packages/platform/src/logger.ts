import type { LoggerService } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { type DestinationStream, type Logger, pino } from 'pino';

/** JSON lines on stdout: one object per event, with `service` and, inside a request, `reqId`. */
export function createLogger(config: Config, service: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    destination,
  );
}

/** Lets Nest's own messages (module init, route mapping) go through the same JSON logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
