import { Module } from '@nestjs/common';
import { LimitsModule } from '@switchboard/business/limits/limits.module';
import { TemplatesModule } from '@switchboard/business/templates/templates.module';
import { BusinessDeviceModule } from '../../business-device/business-device.module';
import { CampaignRepository } from './campaign.repository';
import { CampaignDispatcher } from './campaign-dispatcher';
import { CampaignLedgerRepository } from './campaign-ledger.repository';
import { CampaignSweeper } from './campaign-sweeper';
import { CampaignsDb } from './campaigns-db';
import { DispatchBatch } from './dispatch-batch';
import { DispatchFailures } from './dispatch-failures';
import { DispatcherLock } from './dispatcher-lock';

/**
 * The campaign dispatcher and its sweeper, run by the worker process (workers/src/campaigns). BusinessDeviceModule
 * for StatusReporter: a recipient that fails at dispatch gets the same `failed` webhook as any failed send.
 */
@Module({
  imports: [TemplatesModule, LimitsModule, BusinessDeviceModule],
  providers: [
    CampaignsDb,
    CampaignLedgerRepository,
    DispatcherLock,
    DispatchFailures,
    DispatchBatch,
    CampaignRepository,
    CampaignDispatcher,
    CampaignSweeper,
  ],
  exports: [CampaignDispatcher, CampaignSweeper],
})
export class CampaignDispatchModule {}
