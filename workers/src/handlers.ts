import { MaintenanceHandlers } from './maintenance/maintenance.handlers';

/** Every feature's handler provider. Each has `bindings()`; WorkerRunner checks them against the job catalogue. */
export const HANDLER_PROVIDERS = [MaintenanceHandlers];
