import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { InfraModule } from '@switchboard/platform';
import { BusinessModule } from './business/business.module';
import { DeliveryModule } from './core/delivery.module';
import { IdentityModule } from './core/identity.module';
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
    };
  }
}
