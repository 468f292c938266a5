import { Module } from '@nestjs/common';
import { AuthModule } from '@switchboard/core/auth/auth.module';
import { GraphIdsModule } from '../common/ids.module';
import { ApiKeysService } from './api-keys.service';
import { BusinessAuthGuard } from './business-auth.guard';
import { KeyRevocations } from './key-revocations';
import { OperatorAuthGuard } from './operator-auth.guard';

/**
 * Business API keys: import this module to use BusinessAuthGuard / @CurrentBusiness() or ApiKeysService, and
 * OperatorAuthGuard for the platform operator's routes.
 */
@Module({
  imports: [GraphIdsModule, AuthModule],
  providers: [ApiKeysService, BusinessAuthGuard, OperatorAuthGuard, KeyRevocations],
  exports: [ApiKeysService, BusinessAuthGuard, OperatorAuthGuard],
})
export class BusinessAuthModule {}
