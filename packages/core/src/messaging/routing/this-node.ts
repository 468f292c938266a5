import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, NodeRegistryService } from '@switchboard/platform';

/** This process's name in the routing table: NODE_ID if set, else the id it registered under in ServiceNode. */
@Injectable()
export class ThisNode {
  readonly id: string;

  constructor(@Inject(CONFIG) config: Config, registry: NodeRegistryService) {
    this.id = config.messaging.nodeId ?? registry.id;
  }
}
