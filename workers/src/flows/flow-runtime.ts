import { Injectable, Logger } from '@nestjs/common';
import { GraphIds } from '@switchboard/business/common/ids';
import { flowDefinition } from '@switchboard/business/flows/definition/flow-definition';
import { initialVariables } from '@switchboard/business/flows/definition/variables';
import { activeKeyOf } from '@switchboard/business/flows/runs/flow-runs.service';
import type { Flow, FlowInbound, FlowRun, Prisma } from '@switchboard/db';
import { ConnectionSlots, PrismaService } from '@switchboard/platform';
import { type Answer, answerOf, STEP_FAILED, type StepFailure } from './answers';
import { FlowEngine, type Waiting } from './flow-engine';
import { FlowRuntimeRepository, type Tx } from './flow-runtime.repository';
import { type CampaignReply, matchCampaign, matchFlow } from './triggers';

/** A contact's turn may send several messages through the send path: well beyond Prisma's 5 s default. */
const TURN_TIMEOUT_MS = 60_000;
/** Turns at once per process: well under the pool's 10 connections (ConnectionSlots). */
const CONCURRENT_TURNS = 4;

/**
 * The flow runtime (docs/flows.md "Runtime"): consumers' messages queued in FlowInbound are handled one at a time per
 * contact, in arrival order, each in one transaction under the contact's advisory lock that also marks it handled —
 * so a message is handled once whoever picks it up, and one that arrives while the bot is still sending waits its turn.
 */
@Injectable()
export class FlowRuntime {
  private readonly log = new Logger('FlowRuntime');
  /** Per contact, the drain in progress in this process: a kick during it only asks for one more pass. */
  private readonly draining = new Map<string, { again: boolean }>();
  private readonly slots = new ConnectionSlots(CONCURRENT_TURNS);

  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: FlowRuntimeRepository,
    private readonly engine: FlowEngine,
    private readonly ids: GraphIds,
  ) {}

  /** Handles the contact's queued messages soon, without holding up the caller (the mailbox drainer). */
  kick(phoneNumberId: string, waId: string): void {
    const key = activeKeyOf(phoneNumberId, waId);
    const running = this.draining.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    this.draining.set(key, state);
    void (async () => {
      try {
        while (state.again) {
          state.again = false;
          while (await this.handleNext(phoneNumberId, waId)) {}
        }
      } catch (err) {
        // The flows sweep takes the message again: its transaction was undone, nothing of it stayed.
        this.log.warn(`flow turn for ${key} failed: ${(err as Error).message}`);
      } finally {
        this.draining.delete(key);
      }
    })();
  }

  /** The contact's oldest unhandled message, handled; false when there was none. */
  handleNext(phoneNumberId: string, waId: string): Promise<boolean> {
    return this.turn(activeKeyOf(phoneNumberId, waId), async (tx) => {
      const inbound = await this.repo.nextInbound(tx, phoneNumberId, waId);
      if (!inbound) return false;
      const runId = await this.route(tx, inbound);
      await this.repo.handled(tx, inbound.wamid, runId);
      return true;
    });
  }

  /** A run's job: its first steps (started by the API) or a question's timeout, when still due. */
  async advance(runId: string, timeoutToken?: string): Promise<void> {
    const peek = await this.repo.db.flowRun.findUnique({ where: { id: runId } });
    if (!peek) return;
    await this.turn(activeKeyOf(peek.phoneNumberId, peek.waId), async (tx) => {
      const run = await this.repo.run(tx, runId);
      if (!run) return;
      if (await this.silenced(tx, run, run.phoneNumberId, run.waId)) return;
      const st = await this.engine.load(tx, run);
      st.since = run.deadline ?? run.startedAt;
      if (!timeoutToken) {
        if (run.status === 'running' && run.stepCount === 0)
          await this.engine.walk(tx, st, run.currentNode ?? st.def.start);
        return;
      }
      const waiting = run.waitingFor as Waiting | null;
      if (run.status !== 'waiting' || waiting?.token !== timeoutToken || !run.deadline) return;
      if (run.deadline.getTime() > Date.now() + 50) return; // early (a sweep-made job): its own job comes later
      await this.engine.timeout(tx, st, waiting.node);
    });
  }

  /**
   * Whether a person holds the contact's inbox conversation: then the bot is silent — no flow starts, and a run that
   * still talks to the contact is handed off (its timers die with its wait), as a hand-off step would, until the run
   * is stopped (handed back).
   */
  private async silenced(tx: Tx, run: FlowRun | null, phoneNumberId: string, waId: string): Promise<boolean> {
    const agent = await this.repo.humanHolder(tx, phoneNumberId, waId);
    if (!agent) return false;
    if (run && (run.status === 'waiting' || run.status === 'running')) {
      const st = await this.engine.load(tx, run);
      await this.engine.finish(tx, st, 'handed_off', `the inbox conversation is held by user ${agent}`);
    }
    return true;
  }

  private turn<T>(key: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.slots.run(() =>
      this.prisma.client.$transaction(
        async (tx) => {
          await this.repo.lock(tx, key);
          return work(tx);
        },
        { timeout: TURN_TIMEOUT_MS, maxWait: TURN_TIMEOUT_MS },
      ),
    );
  }

  /** What a message does: answers the contact's run, is ignored (handed off), or starts the flow it triggers. */
  private async route(tx: Tx, inbound: FlowInbound): Promise<string | null> {
    const message = inbound.message as Record<string, unknown>;
    const run = await this.repo.activeRun(tx, activeKeyOf(inbound.phoneNumberId, inbound.waId));
    if (await this.silenced(tx, run, inbound.phoneNumberId, inbound.waId)) return run?.id ?? null;
    if (message.type === STEP_FAILED) {
      // Queued with no run when the turn that sent the message had not committed: the engine finds the step by wamid.
      const failure = message[STEP_FAILED] as StepFailure;
      if (!run || run.status !== 'waiting' || (failure.run_id && failure.run_id !== run.id)) return run?.id ?? null;
      const st = await this.engine.load(tx, run);
      st.since = inbound.receivedAt;
      await this.engine.stepFailed(tx, st, failure);
      return run.id;
    }
    const answer = answerOf(message);
    const campaign = await this.campaignReply(tx, answer);
    if (run) {
      if (run.status !== 'waiting') return run.id; // handed off (the bot is silent), or an API start not begun
      // Sent before an API-started run began (the tester's "hi" before a test run): it answers none of its questions.
      if (!run.startWamid && inbound.receivedAt < run.startedAt) return run.id;
      const routed = campaign && (await this.campaignFlow(tx, inbound, run, campaign));
      if (routed) {
        await this.repo.endRun(
          tx,
          run.id,
          'stopped',
          `a reply to campaign ${campaign.campaignId} started flow ${routed.id}`,
        );
        return this.start(tx, routed, inbound);
      }
      const st = await this.engine.load(tx, run);
      st.since = inbound.receivedAt;
      const node = await this.questionOf(tx, run.id, st, answer);
      if (node) await this.engine.answer(tx, st, node, answer);
      return run.id;
    }
    const flows = await this.repo.listening(inbound.phoneNumberId, tx);
    const isNew = () =>
      this.repo.wroteBefore(tx, inbound.businessId, inbound.phoneNumberId, inbound.waId, inbound.wamid).then((w) => !w);
    const flow = await matchFlow(flows, answer.text, isNew, campaign);
    return flow ? this.start(tx, flow, inbound) : null;
  }

  /** The campaign a message replies to (its `context` names one of the campaign's messages), with the payload tapped. */
  private async campaignReply(tx: Tx, a: Answer): Promise<CampaignReply | undefined> {
    if (!a.contextWamid) return undefined;
    const campaignId = await this.repo.campaignOf(tx, a.contextWamid);
    return campaignId ? { campaignId, payload: a.choiceId } : undefined;
  }

  /**
   * The flow a campaign reply routes into while a run waits: one whose campaign trigger matches it, unless the reply
   * answers the run itself (a run of that very flow, which a campaign reply can only restart).
   */
  private async campaignFlow(tx: Tx, inbound: FlowInbound, run: FlowRun, reply: CampaignReply) {
    const flow = matchCampaign(await this.repo.listening(inbound.phoneNumberId, tx), reply);
    return flow && flow.id !== run.flowId ? flow : undefined;
  }

  /**
   * Which question a message answers: the prompt it replies to (`context.id`), else the button or row it tapped if an
   * earlier question of the run had it and the current one has not, else the question the run waits on.
   */
  private async questionOf(tx: Tx, runId: string, st: Awaited<ReturnType<FlowEngine['load']>>, a: Answer) {
    const current = (st.run.waitingFor as Waiting | null)?.node;
    if (a.contextWamid) {
      const node = await this.repo.promptNode(tx, runId, a.contextWamid);
      if (node) return node;
    }
    if (a.choiceId !== undefined) {
      const has = (id: string) => {
        const n = st.nodes.get(id);
        if (n?.type === 'buttons') return n.buttons.some((b) => b.id === a.choiceId);
        if (n?.type === 'list') return n.rows.some((r) => r.id === a.choiceId);
        return false;
      };
      if (current && has(current)) return current;
      const earlier = (await this.repo.promptedNodes(tx, runId)).find(has);
      if (earlier) return earlier;
    }
    return current;
  }

  private async start(tx: Tx, flow: Flow, inbound: FlowInbound): Promise<string> {
    const version = await this.repo.version(tx, flow.id, flow.liveVersion!);
    const def = flowDefinition.parse(version!.definition);
    const run = await this.repo.createRun(tx, {
      id: await this.repo.reserveRunId(inbound.wamid, await this.ids.newGraphId()),
      businessId: flow.businessId,
      flowId: flow.id,
      version: flow.liveVersion!,
      phoneNumberId: inbound.phoneNumberId,
      waId: inbound.waId,
      status: 'running',
      startWamid: inbound.wamid,
      activeKey: activeKeyOf(inbound.phoneNumberId, inbound.waId),
      currentNode: def.start,
      variables: initialVariables(def) as Prisma.InputJsonValue,
    });
    const st = await this.engine.load(tx, run);
    st.since = inbound.receivedAt;
    await this.engine.walk(tx, st, def.start);
    return run.id;
  }
}
