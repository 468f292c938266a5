import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { InfraModule } from '@switchboard/platform';
import { HANDLER_PROVIDERS } from './handlers';
import { WorkerRunner } from './runner/worker-runner';

@Module({})
export class WorkersModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: WorkersModule,
      imports: [InfraModule.forRoot(config, 'worker')],
      providers: [...HANDLER_PROVIDERS, WorkerRunner],
    };
  }
}
