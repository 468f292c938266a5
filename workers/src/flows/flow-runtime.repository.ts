import { Injectable } from '@nestjs/common';
import { Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';

export type Tx = Prisma.TransactionClient;

/** The flow runtime's reads and writes: the inbound queue, runs and their steps, under a per-contact lock. */
@Injectable()
export class FlowRuntimeRepository {
  constructor(private readonly prisma: PrismaService) {}

  get db() {
    return this.prisma.client;
  }

  /** Live flows listening on a number, highest priority first (ties: the oldest flow). */
  listening(phoneNumberId: string, tx: Tx | PrismaService['client'] = this.db) {
    return tx.flow.findMany({
      where: { phoneNumberIds: { has: phoneNumberId }, liveVersion: { not: null } },
      orderBy: [{ priority: 'desc' }, { id: 'asc' }],
    });
  }

  /** Queues a consumer's message once: a second delivery of the same wamid is a no-op. */
  enqueue(tx: Tx, row: Prisma.FlowInboundUncheckedCreateInput) {
    return tx.flowInbound.createMany({ data: [row], skipDuplicates: true });
  }

  /**
   * Serializes everything done for one contact of one number (its messages, timeouts, API starts) until the
   * transaction ends, across processes.
   */
  async lock(tx: Tx, key: string) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`flow:${key}`}, 0))`;
  }

  nextInbound(tx: Tx, phoneNumberId: string, waId: string) {
    return tx.flowInbound.findFirst({ where: { phoneNumberId, waId, handledAt: null }, orderBy: { seq: 'asc' } });
  }

  handled(tx: Tx, wamid: string, runId: string | null) {
    return tx.flowInbound.update({ where: { wamid }, data: { handledAt: new Date(), runId } });
  }

  activeRun(tx: Tx, activeKey: string) {
    return tx.flowRun.findUnique({ where: { activeKey } });
  }

  run(tx: Tx, id: string) {
    return tx.flowRun.findUnique({ where: { id } });
  }

  version(tx: Tx, flowId: string, version: number) {
    return tx.flowVersion.findUnique({ where: { flowId_version: { flowId, version } } });
  }

  createRun(tx: Tx, data: Prisma.FlowRunUncheckedCreateInput) {
    return tx.flowRun.create({ data });
  }

  saveRun(tx: Tx, id: string, data: Prisma.FlowRunUncheckedUpdateInput) {
    return tx.flowRun.update({ where: { id }, data });
  }

  /** Ends a run that will take no more steps (no webhook event: as a stop by the API). */
  endRun(tx: Tx, id: string, status: 'stopped', reason: string) {
    return tx.flowRun.update({
      where: { id },
      data: {
        status,
        activeKey: null,
        endedAt: new Date(),
        waitingFor: Prisma.DbNull,
        deadline: null,
        endReason: reason,
      },
    });
  }

  step(tx: Tx, data: Prisma.FlowRunStepUncheckedCreateInput) {
    return tx.flowRunStep.create({ data });
  }

  /**
   * The console user who holds the contact's inbox conversation (docs/inbox.md: assigned by routing, by hand or by
   * an agent's reply), or undefined when nobody or a bot holds it.
   */
  async humanHolder(tx: Tx, phoneNumberId: string, waId: string): Promise<string | undefined> {
    const c = await tx.conversation.findUnique({
      where: { phoneNumberId_waId: { phoneNumberId, waId } },
      select: { assigneeType: true, assigneeId: true },
    });
    return c?.assigneeType === 'user' ? (c.assigneeId ?? undefined) : undefined;
  }

  /** The step that sent the business message `wamid`. */
  stepOf(tx: Tx, wamid: string) {
    return tx.flowRunStep.findFirst({ where: { wamid } });
  }

  /**
   * The id of the run a message starts, chosen once: written on the message's queue row in its own commit, outside
   * the turn, so a turn undone and taken again starts the same run — and its sends and HTTP calls, keyed by run and
   * step, are not made twice.
   */
  async reserveRunId(wamid: string, id: string): Promise<string> {
    const rows = await this.db.$queryRaw<{ runId: string }[]>`
      UPDATE "FlowInbound" SET "runId" = COALESCE("runId", ${id}) WHERE "wamid" = ${wamid} RETURNING "runId"`;
    return rows[0]?.runId ?? id;
  }

  /** The campaign that sent the business message `wamid`, if a campaign did. */
  async campaignOf(tx: Tx, wamid: string): Promise<string | undefined> {
    const m = await tx.businessMessage.findUnique({ where: { wamid }, select: { campaignId: true } });
    return m?.campaignId ?? undefined;
  }

  /** A business message's status and error (a replayed send may have failed since it was accepted). */
  messageStatus(tx: Tx, wamid: string) {
    return tx.businessMessage.findUnique({ where: { wamid }, select: { status: true, error: true } });
  }

  /** The node whose prompt was the business message `wamid`, if this run sent it. */
  async promptNode(tx: Tx, runId: string, wamid: string): Promise<string | undefined> {
    const s = await tx.flowRunStep.findFirst({ where: { runId, wamid }, select: { node: true } });
    return s?.node;
  }

  /** Nodes the run prompted, most recent first. */
  async promptedNodes(tx: Tx, runId: string): Promise<string[]> {
    const rows = await tx.flowRunStep.findMany({
      where: { runId, outcome: { startsWith: 'prompt:' } },
      orderBy: { seq: 'desc' },
      select: { node: true },
    });
    return [...new Set(rows.map((r) => r.node))];
  }

  contact(tx: Tx, businessId: string, waId: string) {
    return tx.contact.findUnique({ where: { businessId_waId: { businessId, waId } } });
  }

  setTags(tx: Tx, businessId: string, waId: string, tags: string[]) {
    return tx.contact.updateMany({ where: { businessId, waId }, data: { tags } });
  }

  /**
   * Merges `set` into the contact's attributes and drops `remove`, in one statement (an API edit of other keys at the
   * same time is kept), creating the contact when it is new.
   */
  async mergeAttributes(tx: Tx, businessId: string, waId: string, set: Record<string, unknown>, remove: string[]) {
    await tx.$executeRaw`
      INSERT INTO "Contact" ("businessId", "waId", "tags", "attributes", "updatedAt")
      VALUES (${businessId}, ${waId}, '{}', ${JSON.stringify(set)}::jsonb - ${remove}::text[], now())
      ON CONFLICT ("businessId", "waId") DO UPDATE
      SET "attributes" = ("Contact"."attributes" || ${JSON.stringify(set)}::jsonb) - ${remove}::text[],
          "updatedAt" = now()`;
  }

  /**
   * Marketing consent as a flow step records it (`source` names the flow), creating the contact when it is new; kept
   * in the contact's opt history as every opt change is.
   */
  async setOpt(tx: Tx, businessId: string, waId: string, status: 'OPTED_IN' | 'OPTED_OUT', source: string) {
    const at = new Date();
    const opt = {
      optStatus: status,
      optSource: source,
      ...(status === 'OPTED_IN' ? { optedInAt: at } : { optedOutAt: at }),
    };
    const contact = await tx.contact.upsert({
      where: { businessId_waId: { businessId, waId } },
      create: { businessId, waId, ...opt },
      update: opt,
    });
    await tx.contactOptEvent.create({ data: { businessId, waId, status, source, at } });
    return contact;
  }

  /** Whether the contact wrote to this number before the message `wamid`. */
  async wroteBefore(tx: Tx, businessId: string, phoneNumberId: string, waId: string, wamid: string) {
    const m = await tx.businessMessage.findFirst({
      where: { businessId, phoneNumberId, waId, direction: 'inbound', wamid: { not: wamid } },
      select: { id: true },
    });
    return !!m;
  }

  /** Contacts with queued messages not handled for `olderThanMs` (their kick was lost). */
  stalledContacts(olderThanMs: number) {
    return this.db.flowInbound.findMany({
      where: { handledAt: null, receivedAt: { lt: new Date(Date.now() - olderThanMs) } },
      distinct: ['phoneNumberId', 'waId'],
      select: { phoneNumberId: true, waId: true },
      take: 500,
    });
  }

  /** Runs started by the API whose first step was never taken. */
  unstarted(olderThanMs: number) {
    return this.db.flowRun.findMany({
      where: { status: 'running', stepCount: 0, startedAt: { lt: new Date(Date.now() - olderThanMs) } },
      select: { id: true },
      take: 500,
    });
  }

  /** Waiting runs with a deadline before `until`. */
  waitingUntil(until: Date) {
    return this.db.flowRun.findMany({
      where: { status: 'waiting', deadline: { lte: until } },
      select: { id: true, deadline: true, waitingFor: true },
      take: 1000,
    });
  }

  static readonly DbNull = Prisma.DbNull;
}
