export {
  type BackgroundKey,
  type BackgroundWork,
  background,
  backgroundFor,
  type Cadence,
  cadenceMs,
  type LoopKey,
  type LoopWork,
  type OnDemandWork,
  type Owner,
  type PeriodicWork,
} from './background';
export { type JobKey, type JobPayload, type Jobs, jobs, QUEUES, type QueueName } from './catalogue';
export { defineJob, type JobDefinition } from './define';
export { bindHandlers, bindJob, CatalogueError, type Handler, type HandlerBinding } from './handlers';
export { defaultJobOptions, JobQueues } from './queues';
