import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { InfraModule } from '@switchboard/platform';
import { WebhookDeliveryModule } from '@switchboard/webhooks';
import { CampaignDispatchModule } from '../../apps/api/src/business/campaigns/dispatch/campaign-dispatch.module';
import { BusinessDeviceModule } from '../../apps/api/src/business/device/business-device.module';
import { TierReviewModule } from '../../apps/api/src/business/limits/tiers/tier-review.module';
import { TemplateReviewModule } from '../../apps/api/src/business/templates/review/template-review.module';
import { HANDLER_PROVIDERS } from './handlers';
import { PeriodicJobs } from './runner/periodic-jobs';
import { WorkerRunner } from './runner/worker-runner';

@Module({})
export class WorkersModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: WorkersModule,
      imports: [
        InfraModule.forRoot(config, 'worker'),
        WebhookDeliveryModule,
        TemplateReviewModule,
        BusinessDeviceModule,
        CampaignDispatchModule,
        TierReviewModule,
      ],
      providers: [...HANDLER_PROVIDERS, WorkerRunner, PeriodicJobs],
    };
  }
}
