import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Flow, Prisma } from '@switchboard/db';
import { GraphIds } from '../common/ids';
import { type PageRequest, toPage } from '../common/paging';
import { TemplatesService } from '../templates/templates.service';
import { type FlowDefinition, flowDefinition } from './definition/flow-definition';
import { type FlowProblem, templatesOf, validateFlow } from './definition/validate';
import { FlowsRepository } from './flows.repository';
import type { CreateFlowBody, UpdateFlowBody } from './inputs/flow.input';
import { renderFlow, renderVersion } from './outputs/flow.output';

/**
 * Flows and their versions: the draft is edited freely (the builder saves work in progress), publishing freezes a
 * valid draft as the next version and makes it live, rolling back makes an earlier version live again. Runs already
 * started keep their own version (docs/flows.md "Versions").
 */
@Injectable()
export class FlowsService {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly ids: GraphIds,
    private readonly templates: TemplatesService,
  ) {}

  async create(businessId: string, body: CreateFlowBody) {
    await this.checkNumbers(businessId, body.phone_number_ids);
    const flow = await this.flows.create({
      id: await this.ids.newGraphId(),
      businessId,
      name: body.name,
      phoneNumberIds: body.phone_number_ids,
      triggers: body.triggers,
      priority: body.priority,
      draft: body.definition as Prisma.InputJsonValue,
    });
    return renderFlow(flow);
  }

  async list(businessId: string, page: PageRequest, url: URL) {
    return toPage(await this.flows.list(businessId, page), page, renderFlow, url);
  }

  /** The console's list: each flow with how many runs it has had and how many hold a contact now. */
  async listWithRuns(businessId: string, page: PageRequest, url: URL) {
    const rows = await this.flows.list(businessId, page);
    const counts = await this.flows.runCounts(
      businessId,
      rows.map((f) => f.id),
    );
    const render = (f: Flow) => ({ ...renderFlow(f), runs: counts.get(f.id) ?? { active: 0, total: 0 } });
    return toPage(rows, page, render, url);
  }

  async get(businessId: string, id: string) {
    return renderFlow(await this.find(businessId, id));
  }

  async update(businessId: string, id: string, body: UpdateFlowBody) {
    await this.find(businessId, id);
    if (body.phone_number_ids) await this.checkNumbers(businessId, body.phone_number_ids);
    const flow = await this.flows.update(id, {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.phone_number_ids && { phoneNumberIds: body.phone_number_ids }),
      ...(body.triggers && { triggers: body.triggers }),
      ...(body.priority !== undefined && { priority: body.priority }),
      ...(body.definition && { draft: body.definition as Prisma.InputJsonValue }),
    });
    return renderFlow(flow);
  }

  async remove(businessId: string, id: string) {
    await this.find(businessId, id);
    await this.flows.remove(id);
    return { success: true };
  }

  /** What is wrong with the draft, without publishing it (the builder shows it on the nodes). */
  async validate(businessId: string, id: string) {
    const flow = await this.find(businessId, id);
    return { problems: await this.problems(businessId, flow.draft) };
  }

  /** Freezes the draft as the next version; an invalid draft is a 100 listing each node and what is wrong with it. */
  async publish(businessId: string, id: string) {
    const flow = await this.find(businessId, id);
    const problems = await this.problems(businessId, flow.draft);
    if (problems.length) throw invalidFlow(problems);
    return renderVersion(await this.flows.publish(id, flow.draft as Prisma.InputJsonValue));
  }

  async versions(businessId: string, id: string) {
    await this.find(businessId, id);
    return { data: (await this.flows.versions(id)).map(renderVersion) };
  }

  /** Makes an earlier version live again; the draft is left as it is. */
  async rollback(businessId: string, id: string, version: number) {
    await this.find(businessId, id);
    if (!(await this.flows.version(id, version)))
      throw ApiError.invalidParameter(`version: flow ${id} has no version ${version}`);
    return renderFlow(await this.flows.update(id, { liveVersion: version }));
  }

  async find(businessId: string, id: string): Promise<Flow> {
    const flow = await this.flows.find(businessId, id);
    if (!flow) throw ApiError.notFound(`flow ${id}`);
    return flow;
  }

  /** Everything wrong with a definition, templates included (what publishing checks). */
  async problems(businessId: string, draft: unknown): Promise<FlowProblem[]> {
    const parsed = flowDefinition.safeParse(draft);
    if (!parsed.success) return [{ problem: `definition: ${parsed.error.issues[0]!.message}` }];
    const def: FlowDefinition = parsed.data;
    const problems = validateFlow(def);
    for (const t of templatesOf(def)) {
      if (!(await this.templates.findSendable(businessId, t.name, t.language)))
        problems.push({ node: t.node, problem: `missing template "${t.name}" (${t.language})` });
    }
    return problems;
  }

  private async checkNumbers(businessId: string, ids: string[]) {
    const mine = await this.flows.numbersOf(businessId, ids);
    const other = ids.find((n) => !mine.has(n));
    if (other) throw ApiError.invalidParameter(`phone_number_ids: ${other} is not a number of this business`);
  }
}

/** A 100 whose details name each node and what is wrong, one problem per line. */
export function invalidFlow(problems: FlowProblem[]): ApiError {
  const lines = problems.map((p) => (p.node ? `node "${p.node}": ${p.problem}` : p.problem));
  return ApiError.invalidParameter(`definition: ${lines.join('; ')}`);
}
