import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

/** The runs counted: one flow's, started in [since, until), of one version or all published ones (not test runs). */
export interface RunsScope {
  businessId: string;
  flowId: string;
  version?: number;
  since: Date;
  until: Date;
}

export interface NodeCountsRow {
  node: string;
  entered: number;
  left: number;
  answered: number;
  invalid: number;
  timed_out: number;
  errored: number;
}

export interface NodeEndsRow {
  node: string;
  status: string;
  runs: number;
}

const RUNS = `
  SELECT id, status, "currentNode" FROM "FlowRun"
  WHERE "businessId" = $1 AND "flowId" = $2 AND (($3::int IS NULL AND version > 0) OR version = $3)
    AND "startedAt" >= $4 AND "startedAt" < $5`;

/**
 * Per node, from the path each run took (FlowRunStep): runs that entered it, that went on to another node, and how
 * its questions were left (answered, invalid, timed out) or failed. `lead` finds each step's next node.
 */
const NODE_COUNTS_SQL = `
  WITH runs AS (${RUNS}),
  steps AS (
    SELECT s."runId", s.node, s.outcome,
           lead(s.node) OVER (PARTITION BY s."runId" ORDER BY s.seq) AS next_node
    FROM "FlowRunStep" s JOIN runs r ON r.id = s."runId"
  )
  SELECT node,
    count(DISTINCT "runId")::int AS entered,
    count(DISTINCT "runId") FILTER (WHERE next_node IS NOT NULL AND next_node <> node)::int AS left,
    count(DISTINCT "runId") FILTER (WHERE outcome LIKE 'answer%')::int AS answered,
    count(DISTINCT "runId") FILTER (WHERE outcome = 'invalid')::int AS invalid,
    count(DISTINCT "runId") FILTER (WHERE outcome = 'timeout')::int AS timed_out,
    count(DISTINCT "runId") FILTER (WHERE outcome LIKE 'error%')::int AS errored
  FROM steps GROUP BY node`;

/**
 * Where runs are now or stopped: a run that holds its contact counts at its current node, an ended one at the node of
 * its last step, each under its status.
 */
const NODE_ENDS_SQL = `
  WITH runs AS (${RUNS}),
  last AS (
    SELECT DISTINCT ON (s."runId") s."runId", s.node
    FROM "FlowRunStep" s JOIN runs r ON r.id = s."runId"
    ORDER BY s."runId", s.seq DESC
  )
  SELECT coalesce(CASE WHEN r.status IN ('running', 'waiting') THEN r."currentNode" END, l.node) AS node,
         r.status, count(*)::int AS runs
  FROM runs r LEFT JOIN last l ON l."runId" = r.id
  GROUP BY 1, 2`;

/** The SQL behind a flow's analytics (docs/flows.md "Analytics"). */
@Injectable()
export class FlowAnalyticsRepository {
  constructor(private readonly prisma: PrismaService) {}

  nodeCounts(s: RunsScope) {
    return this.prisma.client.$queryRawUnsafe<NodeCountsRow[]>(NODE_COUNTS_SQL, ...params(s));
  }

  nodeEnds(s: RunsScope) {
    return this.prisma.client.$queryRawUnsafe<NodeEndsRow[]>(NODE_ENDS_SQL, ...params(s));
  }
}

const params = (s: RunsScope) => [s.businessId, s.flowId, s.version ?? null, s.since, s.until];
