import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Flow, Prisma } from '@switchboard/db';
import { QueuesService } from '@switchboard/platform';
import { GraphIds } from '../../common/ids';
import { toPage } from '../../common/paging';
import { flowDefinition } from '../definition/flow-definition';
import { initialVariables } from '../definition/variables';
import { FlowsRepository } from '../flows.repository';
import { FlowsService, invalidFlow } from '../flows.service';
import type { ListRunsQuery, StartRunBody } from '../inputs/flow.input';
import { renderRun, renderStep } from '../outputs/flow.output';

/** The version number of a test run of the draft (published versions count from 1). */
export const DRAFT_VERSION = 0;

/** The key that lets one run at a time hold a contact of a number. */
export const activeKeyOf = (phoneNumberId: string, waId: string) => `${phoneNumberId}:${waId}`;

/**
 * Runs seen from the API: listed, read with the path they took, started for a contact (the workers run them:
 * workers/src/flows) and stopped. A stop also hands a handed-off contact back to the bot.
 */
@Injectable()
export class FlowRunsService {
  constructor(
    private readonly repo: FlowsRepository,
    private readonly flows: FlowsService,
    private readonly ids: GraphIds,
    private readonly queues: QueuesService,
  ) {}

  async list(businessId: string, flowId: string, q: ListRunsQuery, url: URL) {
    await this.flows.find(businessId, flowId);
    const rows = await this.repo.runs(businessId, flowId, q, { status: q.status, waId: q.wa_id });
    return toPage(rows, q, renderRun, url);
  }

  async get(businessId: string, runId: string) {
    const run = await this.repo.run(businessId, runId);
    if (!run) throw ApiError.notFound(`flow run ${runId}`);
    return { ...renderRun(run), steps: run.steps.map(renderStep) };
  }

  /**
   * Starts the live version (or `version`, or a test run of the draft) for a contact; a 409-style 100 when a run
   * already holds that contact.
   */
  async start(businessId: string, flowId: string, body: StartRunBody) {
    const flow = await this.flows.find(businessId, flowId);
    if (!flow.phoneNumberIds.includes(body.phone_number_id))
      throw ApiError.invalidParameter(`phone_number_id: flow ${flowId} does not listen on ${body.phone_number_id}`);
    const { version, definition, copy } = await this.toRun(flow, body);
    const def = flowDefinition.parse(definition);
    const waId = body.to.replace(/^\+/, '');
    const run = await this.repo.createRun({
      id: await this.ids.newGraphId(),
      businessId,
      flowId,
      version,
      ...(copy !== undefined && { definition: copy as Prisma.InputJsonValue }),
      phoneNumberId: body.phone_number_id,
      waId,
      status: 'running',
      activeKey: activeKeyOf(body.phone_number_id, waId),
      currentNode: def.start,
      variables: initialVariables(def, body.variables) as Prisma.InputJsonValue,
    });
    if (!run) throw ApiError.invalidParameter(`to: a flow run already holds ${waId} on ${body.phone_number_id}`);
    // Lost with Redis, the job is found again by the flows sweep (a running run with no step taken).
    await this.queues.add('flowsAdvance', { runId: run.id }, { jobId: `flow-start-${run.id}` }).catch(() => undefined);
    return renderRun(run);
  }

  /** What a start runs: the draft (checked as a publish would), a given version, or the live one. */
  private async toRun(
    flow: Flow,
    body: StartRunBody,
  ): Promise<{ version: number; definition: unknown; copy?: unknown }> {
    if (body.draft) {
      const problems = await this.flows.problems(flow.businessId, flow.draft);
      if (problems.length) throw invalidFlow(problems);
      return { version: DRAFT_VERSION, definition: flow.draft, copy: flow.draft };
    }
    const number = body.version ?? flow.liveVersion;
    if (number === null) throw ApiError.invalidParameter(`flow ${flow.id} has no published version`);
    const version = await this.repo.version(flow.id, number);
    if (!version) throw ApiError.invalidParameter(`version: flow ${flow.id} has no version ${number}`);
    return { version: number, definition: version.definition };
  }

  async stop(businessId: string, runId: string) {
    const run = await this.repo.run(businessId, runId);
    if (!run) throw ApiError.notFound(`flow run ${runId}`);
    const stopped = await this.repo.stopRun(
      runId,
      run.status === 'handed_off' ? 'handed_off' : 'stopped',
      'stopped by the API',
    );
    return { success: stopped };
  }
}
