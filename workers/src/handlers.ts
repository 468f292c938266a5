import { CampaignsHandlers } from './campaigns/campaigns.handlers';
import { DevicesHandlers } from './devices/devices.handlers';
import { FlowsHandlers } from './flows/flows.handlers';
import { LimitsHandlers } from './limits/limits.handlers';
import { MaintenanceHandlers } from './maintenance/maintenance.handlers';
import { PushHandlers } from './push/push.handlers';
import { TemplatesHandlers } from './templates/templates.handlers';
import { WebhooksHandlers } from './webhooks/webhooks.handlers';

/** Every feature's handler provider. Each has `bindings()`; WorkerRunner checks them against the job catalogue. */
export const HANDLER_PROVIDERS = [
  MaintenanceHandlers,
  WebhooksHandlers,
  TemplatesHandlers,
  CampaignsHandlers,
  LimitsHandlers,
  DevicesHandlers,
  FlowsHandlers,
  PushHandlers,
];
