import { Module } from '@nestjs/common';
import { GraphIdsModule } from '../common/ids.module';
import { ApiKeysService } from './api-keys.service';
import { BusinessAuthGuard } from './business-auth.guard';
import { KeyRevocations } from './key-revocations';

/** Business API keys: import this module to use BusinessAuthGuard / @CurrentBusiness() or ApiKeysService. */
@Module({
  imports: [GraphIdsModule],
  providers: [ApiKeysService, BusinessAuthGuard, KeyRevocations],
  exports: [ApiKeysService, BusinessAuthGuard],
})
export class BusinessAuthModule {}
