import { type DynamicModule, Module } from '@nestjs/common';
import { TemplateReviewModule } from '@switchboard/business/templates/review/template-review.module';
import type { Config } from '@switchboard/config';
import { InfraModule } from '@switchboard/platform';
import { WebhookDeliveryModule } from '@switchboard/webhooks';
import { BusinessDeviceModule } from './business-device/business-device.module';
import { CampaignDispatchModule } from './campaigns/dispatch/campaign-dispatch.module';
import { FlowsRuntimeModule } from './flows/flows-runtime.module';
import { HANDLER_PROVIDERS } from './handlers';
import { TierReviewModule } from './limits/tier-review/tier-review.module';
import { ContentRetentionRepository } from './maintenance/content-retention.repository';
import { ContentRetentionService } from './maintenance/content-retention.service';
import { PushSendingModule } from './push/push-sending.module';
import { WorkerBackground } from './runner/background';
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
        FlowsRuntimeModule,
        PushSendingModule,
      ],
      providers: [
        ...HANDLER_PROVIDERS,
        WorkerRunner,
        WorkerBackground,
        ContentRetentionRepository,
        ContentRetentionService,
      ],
    };
  }
}
