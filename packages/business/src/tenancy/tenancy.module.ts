import { Module } from '@nestjs/common';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { GraphIdsModule } from '../common/ids.module';
import { BusinessesService } from './businesses.service';
import { TenancyController } from './tenancy.controller';
import { TenancyGraphObjects } from './tenancy.graph-objects';

/** Businesses, their numbers and API keys. Exports BusinessesService (the send pipeline looks numbers up). */
@Module({
  imports: [BusinessAuthModule, GraphIdsModule],
  controllers: [TenancyController],
  providers: [BusinessesService, TenancyGraphObjects],
  exports: [BusinessesService],
})
export class TenancyModule {}
