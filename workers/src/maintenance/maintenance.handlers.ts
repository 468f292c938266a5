import { Injectable } from '@nestjs/common';
import { bindJob, type HandlerBinding, jobs } from '@switchboard/jobs';
import { NodeRegistryService } from '@switchboard/platform';
import { ContentRetentionService } from './content-retention.service';

/** Thin handlers: unpack the payload, call the service. */
@Injectable()
export class MaintenanceHandlers {
  constructor(
    private readonly nodes: NodeRegistryService,
    private readonly retention: ContentRetentionService,
  ) {}

  bindings(): HandlerBinding[] {
    return [
      bindJob(jobs.pruneServiceNodes, async (p) => ({ pruned: await this.nodes.prune(p.olderThanSeconds) })),
      bindJob(jobs.echo, async (p) => ({ echoed: p.text, by: this.nodes.id })),
      bindJob(jobs.purgeContent, () => this.retention.purge()),
    ];
  }
}
