import { Injectable } from '@nestjs/common';
import { Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { type PageRequest, pageArgs } from '../common/paging';

/** Flows, their versions and their runs as stored (docs/flows.md). */
@Injectable()
export class FlowsRepository {
  constructor(private readonly prisma: PrismaService) {}

  private get db() {
    return this.prisma.client;
  }

  create(data: Prisma.FlowUncheckedCreateInput) {
    return this.db.flow.create({ data });
  }

  find(businessId: string, id: string) {
    return this.db.flow.findFirst({ where: { id, businessId } });
  }

  list(businessId: string, page: PageRequest) {
    const args = pageArgs(page);
    return this.db.flow.findMany({ ...args, where: { ...args.where, businessId } });
  }

  update(id: string, data: Prisma.FlowUncheckedUpdateInput) {
    return this.db.flow.update({ where: { id }, data });
  }

  /** Deletes a flow and its versions; its runs stay as history, and the ones still holding a contact are stopped. */
  remove(id: string) {
    return this.db.$transaction([
      this.db.flowRun.updateMany({
        where: { flowId: id, activeKey: { not: null } },
        data: {
          status: 'stopped',
          endReason: 'the flow was deleted',
          activeKey: null,
          waitingFor: Prisma.DbNull,
          deadline: null,
          endedAt: new Date(),
        },
      }),
      this.db.flow.delete({ where: { id } }),
    ]);
  }

  /** Per flow of `flowIds`: its runs, and how many of them hold a contact now. */
  async runCounts(businessId: string, flowIds: string[]): Promise<Map<string, { active: number; total: number }>> {
    const rows = await this.db.$queryRaw<{ flowId: string; active: number; total: number }[]>`
      SELECT "flowId", count(*) FILTER (WHERE "activeKey" IS NOT NULL)::int AS active, count(*)::int AS total
      FROM "FlowRun" WHERE "businessId" = ${businessId} AND "flowId" = ANY(${flowIds}) GROUP BY "flowId"`;
    return new Map(rows.map((r) => [r.flowId, { active: r.active, total: r.total }]));
  }

  /** Which of `ids` are numbers of the business. */
  async numbersOf(businessId: string, ids: string[]): Promise<Set<string>> {
    const rows = await this.db.businessNumber.findMany({
      where: { businessId, id: { in: ids } },
      select: { id: true },
    });
    return new Set(rows.map((r) => r.id));
  }

  /** The draft frozen as the next version, made live; versions are numbered 1, 2, ... per flow. */
  publish(flowId: string, definition: Prisma.InputJsonValue) {
    return this.db.$transaction(async (tx) => {
      // Row lock: two publishes of one flow take turns and get consecutive numbers.
      await tx.$queryRaw`SELECT id FROM "Flow" WHERE id = ${flowId} FOR UPDATE`;
      const last = await tx.flowVersion.aggregate({ where: { flowId }, _max: { version: true } });
      const version = (last._max.version ?? 0) + 1;
      const created = await tx.flowVersion.create({ data: { flowId, version, definition } });
      await tx.flow.update({ where: { id: flowId }, data: { liveVersion: version } });
      return created;
    });
  }

  versions(flowId: string) {
    return this.db.flowVersion.findMany({ where: { flowId }, orderBy: { version: 'desc' } });
  }

  version(flowId: string, version: number) {
    return this.db.flowVersion.findUnique({ where: { flowId_version: { flowId, version } } });
  }

  runs(businessId: string, flowId: string, page: PageRequest, filter: { status?: string; waId?: string }) {
    const args = pageArgs(page);
    return this.db.flowRun.findMany({
      ...args,
      where: {
        ...args.where,
        businessId,
        flowId,
        ...(filter.status && { status: filter.status }),
        ...(filter.waId && { waId: filter.waId }),
      },
    });
  }

  run(businessId: string, id: string) {
    return this.db.flowRun.findFirst({ where: { id, businessId }, include: { steps: { orderBy: { seq: 'asc' } } } });
  }

  /** A new run holding the contact; undefined when another run holds it (the unique activeKey). */
  async createRun(data: Prisma.FlowRunUncheckedCreateInput) {
    try {
      return await this.db.flowRun.create({ data });
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') return undefined;
      throw err;
    }
  }

  /** Ends a run that still holds its contact; false when it had already ended. */
  async stopRun(id: string, status: string, reason: string): Promise<boolean> {
    const n = await this.db.flowRun.updateMany({
      where: { id, activeKey: { not: null } },
      data: {
        status,
        endReason: reason,
        activeKey: null,
        waitingFor: Prisma.DbNull,
        deadline: null,
        endedAt: new Date(),
      },
    });
    return n.count === 1;
  }
}
