// Process-level plumbing shared by the API and the workers: config injection, Postgres, Redis, queues, logging.

export { BackgroundService, type ProviderLookup } from './background/background.service';
export {
  BackgroundError,
  BackgroundScheduler,
  type LoopBinding,
  type LoopBindings,
  type StartedWork,
} from './background/scheduler';
export { Batcher, type BatcherOptions } from './batching/batcher';
export { flushIsolated } from './batching/flush-isolated';
export { ConnectionSlots } from './connection-slots';
export { InfraModule } from './infra.module';
export { createLogger, NestPinoLogger } from './logger';
export { NodeRegistryService } from './node-registry.service';
export { PgPool } from './pg-pool';
export { PrismaService } from './prisma.service';
export { QueuesService } from './queues.service';
export { RedisService } from './redis.service';
export { CONFIG } from './tokens';
