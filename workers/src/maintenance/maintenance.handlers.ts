import { Injectable } from '@nestjs/common';
import { type HandlerBinding, type JobPayload, jobs } from '@switchboard/jobs';
import { NodeRegistryService } from '@switchboard/platform';

/** Thin handlers: unpack the payload, call the service. */
@Injectable()
export class MaintenanceHandlers {
  constructor(private readonly nodes: NodeRegistryService) {}

  bindings(): HandlerBinding[] {
    return [
      {
        job: jobs.pruneServiceNodes,
        handle: async (p) => ({
          pruned: await this.nodes.prune((p as JobPayload<'pruneServiceNodes'>).olderThanSeconds),
        }),
      },
      { job: jobs.echo, handle: async (p) => ({ echoed: (p as JobPayload<'echo'>).text, by: this.nodes.id }) },
    ];
  }
}
