import { Module } from '@nestjs/common';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { GraphIdsModule } from '../common/ids.module';
import { TemplatesModule } from '../templates/templates.module';
import { FlowAnalyticsRepository } from './analytics/flow-analytics.repository';
import { FlowAnalytics } from './analytics/flow-analytics.service';
import { FlowsController } from './flows.controller';
import { FlowsRepository } from './flows.repository';
import { FlowsService } from './flows.service';
import { FlowRunsController } from './runs/flow-runs.controller';
import { FlowRunsService } from './runs/flow-runs.service';

/** The flows API: definitions, versions, publish and rollback, runs. Running them is the workers' (workers/src/flows). */
@Module({
  imports: [BusinessAuthModule, GraphIdsModule, TemplatesModule],
  controllers: [FlowsController, FlowRunsController],
  providers: [FlowsRepository, FlowsService, FlowRunsService, FlowAnalyticsRepository, FlowAnalytics],
  exports: [FlowsRepository, FlowsService, FlowRunsService, FlowAnalytics],
})
export class FlowsModule {}
