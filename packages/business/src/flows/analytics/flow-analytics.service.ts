import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { FlowsService } from '../flows.service';
import type { FlowAnalyticsQuery } from '../inputs/flow.input';
import { FlowAnalyticsRepository, type NodeCountsRow } from './flow-analytics.repository';

/** The statuses a run can be in, each counted per node where the run is (or stopped). */
const STATUSES = ['running', 'waiting', 'handed_off', 'completed', 'failed', 'stopped'] as const;
type Status = (typeof STATUSES)[number];
const DAY_MS = 86_400_000;

export type NodeAnalytics = Omit<NodeCountsRow, 'node'> & Record<Status, number>;

/**
 * What happened at each node of a flow over a date range (runs started in it): how many runs entered, went on, were
 * answered, timed out or failed there, and where the runs are now or ended. Read from the runs' recorded paths.
 */
@Injectable()
export class FlowAnalytics {
  constructor(
    private readonly flows: FlowsService,
    private readonly repo: FlowAnalyticsRepository,
  ) {}

  async of(businessId: string, flowId: string, q: FlowAnalyticsQuery) {
    await this.flows.find(businessId, flowId);
    const until = q.until ?? new Date();
    const since = q.since ?? new Date(until.getTime() - 30 * DAY_MS);
    if (since >= until) throw ApiError.invalidParameter('since: must be before until');
    const scope = { businessId, flowId, version: q.version, since, until };
    const [counts, ends] = await Promise.all([this.repo.nodeCounts(scope), this.repo.nodeEnds(scope)]);
    const nodes: Record<string, NodeAnalytics> = {};
    const at = (node: string) => {
      nodes[node] ??= {
        entered: 0,
        left: 0,
        answered: 0,
        invalid: 0,
        timed_out: 0,
        errored: 0,
        ...(Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>),
      };
      return nodes[node];
    };
    for (const { node, ...c } of counts) Object.assign(at(node), c);
    const runs = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const e of ends) {
      if (!(STATUSES as readonly string[]).includes(e.status)) continue;
      runs[e.status as Status] += e.runs;
      if (e.node) at(e.node)[e.status as Status] += e.runs;
    }
    return {
      since: since.toISOString(),
      until: until.toISOString(),
      version: q.version ?? null,
      runs: { total: Object.values(runs).reduce((a, b) => a + b, 0), ...runs },
      nodes,
    };
  }
}
