import { Module } from '@nestjs/common';
import { GraphIdsModule } from '../common/ids.module';
import { ApiKeysService } from './api-keys.service';
import { BusinessAuthGuard } from './business-auth.guard';

/** Business API keys: import this module to use BusinessAuthGuard / @CurrentBusiness() or ApiKeysService. */
@Module({
  imports: [GraphIdsModule],
  providers: [ApiKeysService, BusinessAuthGuard],
  exports: [ApiKeysService, BusinessAuthGuard],
})
export class BusinessAuthModule {}
