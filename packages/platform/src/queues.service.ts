import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { JobQueues } from '@switchboard/jobs';
import { CONFIG } from './tokens';

/** Producer access to the job catalogue's queues for the API process. */
@Injectable()
export class QueuesService extends JobQueues implements OnModuleDestroy {
  constructor(@Inject(CONFIG) config: Config) {
    super(config);
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }
}
