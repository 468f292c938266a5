import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { InfraModule } from '@switchboard/platform';
import { WebhookDeliveryModule } from '@switchboard/webhooks';
import { CampaignDispatchModule } from '../../apps/api/src/business/campaigns/dispatch/campaign-dispatch.module';
import { BusinessDeviceModule } from '../../apps/api/src/business/device/business-device.module';
import { TierReviewModule } from '../../apps/api/src/business/limits/tiers/tier-review.module';
import { TemplateReviewModule } from '../../apps/api/src/business/templates/review/template-review.module';
import { CampaignsSweepTicker } from './campaigns/campaigns-sweep.ticker';
import { HANDLER_PROVIDERS } from './handlers';
import { TierReviewTicker } from './limits/tier-review.ticker';
import { WorkerRunner } from './runner/worker-runner';
import { TemplateReviewSweepTicker } from './templates/review-sweep.ticker';

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
      providers: [
        ...HANDLER_PROVIDERS,
        WorkerRunner,
        TemplateReviewSweepTicker,
        CampaignsSweepTicker,
        TierReviewTicker,
      ],
    };
  }
}
