import { type DynamicModule, Module } from '@nestjs/common';
import { BusinessModule } from '@switchboard/business/business.module';
import type { Config } from '@switchboard/config';
import { IdentityModule } from '@switchboard/core/identity.module';
import { InfraModule } from '@switchboard/platform';
import { ApiBackground } from './background';
import { DeliveryModule } from './delivery.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfraModule.forRoot(config, 'api'),
        HealthModule,
        MetricsModule,
        IdentityModule.forRoot(config),
        DeliveryModule,
        BusinessModule,
      ],
      providers: [ApiBackground],
    };
  }
}
