import { Inject, Injectable } from '@nestjs/common';
import {
  type FlowDefinition,
  type FlowNode,
  flowDefinition,
  type NodeOf,
} from '@switchboard/business/flows/definition/flow-definition';
import { coerce, fill, jsonEscaped, type Vars } from '@switchboard/business/flows/definition/variables';
import { IdempotencyService } from '@switchboard/business/messages/idempotency/idempotency.service';
import { requestHash } from '@switchboard/business/messages/idempotency/request-hash';
import { isTransient } from '@switchboard/business/messages/transient-codes';
import type { Config } from '@switchboard/config';
import type { FlowRun, Prisma } from '@switchboard/db';
import { CONFIG, PrismaService, QueuesService } from '@switchboard/platform';
import { type Answer, acceptAnswer, choicePort, type StepFailure } from './answers';
import { conditionPort } from './conditions';
import { contactStep } from './contact-steps';
import { SENDING, sendBody } from './flow-messages';
import { FlowRuntimeRepository, type Tx } from './flow-runtime.repository';
import { FlowSender, type SendResult, WINDOW_CLOSED } from './flow-sender';
import { type HttpAnswer, httpCall, pick } from './http-call';
import { type RunEvent, RunEvents } from './run-events';

/** Steps taken for one message or timer before the run must wait: more means a loop without a question. */
const MAX_STEPS_PER_TURN = 50;
/** How long a send refused with a transient code (a limit) is retried by taking the turn again. */
const TRANSIENT_RETRY_MS = 5 * 60_000;

/**
 * A send refused with a transient code (messages/transient-codes.ts) while its turn is young: the whole turn is undone
 * and taken again by the flows sweep a few seconds later, instead of the step leaving on `error`.
 */
export class TransientRefusal extends Error {}

/** A run being advanced inside its contact's transaction. */
export interface RunState {
  run: FlowRun;
  def: FlowDefinition;
  nodes: Map<string, FlowNode>;
  vars: Vars;
  steps: number;
  /**
   * The turn began with a timer (a delay ended, a question timed out), not with the contact's message: a free-form
   * send that finds the 24-hour window closed waits for the contact to write instead of failing.
   */
  timerTurn?: boolean;
  /** When the work of this turn came in (the message, the timer's deadline, the API start). */
  since?: Date;
}

/**
 * What a waiting run waits for: the answer to a question (`question`, the default), the end of a delay (`delay`), or
 * the contact's next message before a free-form send can go out (`window`). `token` names its timer job.
 */
export interface Waiting {
  node: string;
  attempts: number;
  token: string;
  kind?: 'question' | 'delay' | 'window';
}

type Outcome = { port: string; reason?: string } | { stop: true };
type Sent = SendResult | { parked: true };

/**
 * Executes a run's nodes (docs/flows.md "Definition"): from a node until the run waits for an answer or ends, recording each
 * step with the variables after it. Everything happens in the caller's transaction, which holds the contact's lock.
 */
@Injectable()
export class FlowEngine {
  private readonly definitions = new Map<string, FlowDefinition>();

  constructor(
    private readonly repo: FlowRuntimeRepository,
    private readonly sender: FlowSender,
    private readonly queues: QueuesService,
    @Inject(CONFIG) private readonly config: Config,
    private readonly events: RunEvents,
    private readonly idempotency: IdempotencyService,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * A run's state; its version's definition is immutable, so it is parsed once per process. A test run of the draft
   * carries its own copy (`definition`).
   */
  async load(tx: Tx, run: FlowRun): Promise<RunState> {
    const key = `${run.flowId}:${run.version}`;
    let def = run.definition ? flowDefinition.parse(run.definition) : this.definitions.get(key);
    if (!def) {
      const v = await this.repo.version(tx, run.flowId, run.version);
      def = flowDefinition.parse(v!.definition);
      this.definitions.set(key, def);
    }
    return {
      run,
      def,
      nodes: new Map(def.nodes.map((n) => [n.id, n])),
      vars: { ...(run.variables as Vars) },
      steps: run.stepCount,
    };
  }

  /** Where an edge from `node` on `port` leads. */
  target(st: RunState, node: string, port: string): string | undefined {
    return st.def.edges.find((e) => e.from === node && e.port === port)?.to;
  }

  /** Runs from `nodeId` on; undefined ends the run as completed (the graph has no further edge). */
  async walk(tx: Tx, st: RunState, nodeId: string | undefined): Promise<void> {
    if (st.steps === 0) await this.events.emit(tx, st.run, 'started');
    let id = nodeId;
    for (let i = 0; i < MAX_STEPS_PER_TURN; i++) {
      if (!id) return this.finish(tx, st, 'completed', null);
      const node = st.nodes.get(id);
      if (!node) return this.finish(tx, st, 'failed', `node "${id}" does not exist`);
      const out = await this.execute(tx, st, node);
      if ('stop' in out) return;
      id = this.target(st, node.id, out.port);
      if (!id && out.port === 'error')
        return this.finish(tx, st, 'failed', `node "${node.id}": ${out.reason}`, node.id);
    }
    return this.finish(tx, st, 'failed', `${MAX_STEPS_PER_TURN} steps without waiting for the contact (a loop?)`, id);
  }

  /** An answer to the question at `nodeId` (the one waited on, or an earlier one the contact went back to). */
  async answer(tx: Tx, st: RunState, nodeId: string, a: Answer): Promise<void> {
    const node = st.nodes.get(nodeId);
    if (!node) return this.finish(tx, st, 'failed', `node "${nodeId}" does not exist`);
    const waiting = st.run.waitingFor as Waiting | null;
    if (waiting?.node === nodeId && waiting.kind === 'window') {
      // The contact wrote: the window is open again and the send that waited for it goes out now.
      await this.record(tx, st, node, 'resumed');
      return this.walk(tx, st, nodeId);
    }
    if (node.type === 'buttons' || node.type === 'list') {
      const hit = choicePort(node, a);
      if (!hit) return this.prompt(tx, st, node, node.text, 0);
      if (node.save_as) st.vars[node.save_as] = hit.title;
      await this.record(tx, st, node, `answer:${hit.port}`);
      return this.walk(tx, st, this.target(st, node.id, hit.port) ?? this.target(st, node.id, 'next'));
    }
    if (node.type === 'ask') {
      const value = acceptAnswer(node, a);
      if (value === undefined) return this.invalid(tx, st, node);
      if (node.save_as) st.vars[node.save_as] = coerce(value, typeOf(st, node.save_as)) ?? value;
      await this.record(tx, st, node, 'answer');
      return this.walk(tx, st, this.target(st, node.id, 'next'));
    }
    if (node.type === 'ask_location') {
      const pin = a.location;
      if (!pin) return this.invalid(tx, st, node);
      for (const [name, field] of Object.entries(node.save)) {
        const v = pin[field];
        if (v !== undefined) st.vars[name] = coerce(v, typeOf(st, name)) ?? v;
      }
      await this.record(tx, st, node, 'answer');
      return this.walk(tx, st, this.target(st, node.id, 'next'));
    }
    // Anything else (a message during a delay): the run goes on when what it waits for happens.
  }

  /** An answer the question cannot take: asked again, or after `retries` the run leaves on `invalid`. */
  private async invalid(tx: Tx, st: RunState, node: NodeOf<'ask'> | NodeOf<'ask_location'>): Promise<void> {
    const waiting = st.run.waitingFor as Waiting | null;
    const attempts = (waiting?.node === node.id ? waiting.attempts : 0) + 1;
    if (attempts > node.retries) {
      await this.record(tx, st, node, 'invalid');
      const next = this.target(st, node.id, 'invalid');
      return next
        ? this.walk(tx, st, next)
        : this.finish(tx, st, 'failed', `node "${node.id}": no valid answer`, node.id);
    }
    return this.prompt(tx, st, node, node.retry_text ?? node.text, attempts);
  }

  /**
   * A `failed` status for a message one of the run's steps sent, after the step moved on: the run leaves that step on
   * its `error` edge (a question's too), or ends as failed with the reason.
   */
  async stepFailed(tx: Tx, st: RunState, f: StepFailure): Promise<void> {
    const step = await this.repo.stepOf(tx, f.wamid);
    const node = step?.runId === st.run.id ? st.nodes.get(step.node) : undefined;
    if (!node) return;
    const reason = f.error ? `${f.error.code}: ${f.error.message ?? f.error.title}` : 'the message failed';
    await this.record(tx, st, node, `failed:${reason}`);
    const next = this.target(st, node.id, 'error');
    return next ? this.walk(tx, st, next) : this.finish(tx, st, 'failed', `node "${node.id}": ${reason}`, node.id);
  }

  /** A timer that came due: a delay's end (the run goes on), or a question's timeout (its `timeout` branch). */
  async timeout(tx: Tx, st: RunState, nodeId: string): Promise<void> {
    const node = st.nodes.get(nodeId)!;
    st.timerTurn = true;
    if (node.type === 'delay') {
      await this.record(tx, st, node, 'resumed');
      return this.walk(tx, st, this.target(st, nodeId, 'next'));
    }
    await this.record(tx, st, node, 'timeout');
    const next = this.target(st, nodeId, 'timeout');
    return next
      ? this.walk(tx, st, next)
      : this.finish(tx, st, 'completed', `node "${nodeId}": no answer in time`, nodeId);
  }

  private async execute(tx: Tx, st: RunState, node: FlowNode): Promise<Outcome> {
    if (SENDING.has(node.type)) {
      const sent = await this.send(tx, st, node, 'text' in node ? (node.text ?? '') : '');
      if ('parked' in sent) return stop();
      if ('error' in sent) {
        await this.record(tx, st, node, `error:${sent.error}`);
        return { port: 'error', reason: sent.error };
      }
      await this.record(tx, st, node, `sent:${sent.wamid}`, sent.wamid);
      return { port: 'next' };
    }
    switch (node.type) {
      case 'buttons':
      case 'list':
      case 'ask':
      case 'ask_location':
        await this.prompt(tx, st, node, node.text, 0);
        return { stop: true };
      case 'delay': {
        const seq = await this.record(tx, st, node, `delay:${node.seconds}`);
        await this.wait(tx, st, node, { kind: 'delay', attempts: 0, seq }, new Date(Date.now() + node.seconds * 1000));
        return { stop: true };
      }
      case 'condition': {
        const contact = await this.repo.contact(tx, st.run.businessId, st.run.waId);
        const facts = { tags: contact?.tags ?? [], attributes: (contact?.attributes ?? {}) as Record<string, unknown> };
        const port = conditionPort(node, st.vars, facts);
        await this.record(tx, st, node, port);
        return { port };
      }
      case 'set_variable': {
        const raw = fill(node.value, st.vars, this.builtIns(st));
        st.vars[node.variable] = coerce(raw, typeOf(st, node.variable)) ?? raw;
        await this.record(tx, st, node, 'next');
        return { port: 'next' };
      }
      case 'tag':
      case 'set_attribute':
      case 'opt': {
        const outcome = await contactStep(tx, this.repo, st.run, node, st.vars, this.builtIns(st));
        await this.record(tx, st, node, outcome);
        return { port: 'next' };
      }
      case 'http':
        return this.http(tx, st, node);
      case 'handoff':
      case 'end': {
        if (node.text) {
          const sent = await this.send(tx, st, node, node.text);
          if ('parked' in sent) return stop();
          if ('error' in sent)
            return this.finish(tx, st, 'failed', `node "${node.id}": ${sent.error}`, node.id).then(stop);
        }
        await this.record(tx, st, node, node.type === 'handoff' ? 'handed_off' : 'end');
        await this.finish(tx, st, node.type === 'handoff' ? 'handed_off' : 'completed', null, node.id);
        return { stop: true };
      }
      default:
        return this.finish(tx, st, 'failed', `node "${node.id}": a ${node.type} node cannot run here`).then(stop);
    }
  }

  /**
   * An HTTP step: the request filled from the variables, the answer's fields kept. The answer (or the error) is
   * recorded under the key `flow-http-<run>-<step>` outside the turn's transaction before the turn moves on, so a
   * turn undone and taken again (a crash, a transient refusal later in it) reuses it instead of calling again; the
   * request carries the key as `Idempotency-Key` for a crash between the call and that record.
   */
  private async http(tx: Tx, st: RunState, node: NodeOf<'http'>): Promise<Outcome> {
    const b = this.builtIns(st);
    const key = `flow-http-${st.run.id}-${st.steps + 1}`;
    const request = {
      method: node.method,
      url: fill(node.url, st.vars, b, encodeURIComponent),
      headers: {
        ...Object.fromEntries(Object.entries(node.headers).map(([k, v]) => [k, fill(v, st.vars, b)])),
        'idempotency-key': key,
      },
      body: node.body === undefined ? undefined : fill(node.body, st.vars, b, jsonEscaped),
      timeoutMs: node.timeout_ms,
    };
    let outcome: string;
    let port = 'next';
    try {
      const res = await this.callOnce(st.run.businessId, key, request);
      if (node.status_var) st.vars[node.status_var] = coerce(res.status, typeOf(st, node.status_var)) ?? res.status;
      if (res.status < 200 || res.status > 299) {
        outcome = `error:HTTP ${res.status}`;
        port = 'error';
      } else {
        for (const [name, path] of Object.entries(node.save)) {
          const v = pick(res.body, path);
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
            st.vars[name] = coerce(v, typeOf(st, name)) ?? v;
        }
        outcome = `http:${res.status}`;
      }
    } catch (err) {
      outcome = `error:${(err as Error).message}`;
      port = 'error';
    }
    await this.record(tx, st, node, outcome);
    return { port, reason: outcome.slice(6) };
  }

  /** The call's recorded answer when this step was taken before, else the call made and its answer recorded. */
  private async callOnce(
    businessId: string,
    key: string,
    request: Parameters<typeof httpCall>[0],
  ): Promise<HttpAnswer> {
    const claim = { key, hash: requestHash(key, request) };
    const earlier = await this.idempotency.stored(businessId, claim);
    const recorded = earlier
      ? (JSON.parse(earlier) as HttpAnswer | { error: string })
      : await httpCall(request, this.config.outbound.privateNetworks).catch((err: Error) => ({ error: err.message }));
    if (!earlier) await this.idempotency.claimIn(this.prisma.client, businessId, claim, JSON.stringify(recorded));
    if ('error' in recorded) throw new Error(recorded.error);
    return recorded;
  }

  /** Sends a question (again) and waits for its answer, with a timeout job when the node has one. */
  private async prompt(tx: Tx, st: RunState, node: FlowNode, text: string, attempts: number): Promise<void> {
    const sent = await this.send(tx, st, node, text);
    if ('parked' in sent) return;
    if ('error' in sent) {
      await this.record(tx, st, node, `error:${sent.error}`);
      const next = this.target(st, node.id, 'error');
      return next
        ? this.walk(tx, st, next)
        : this.finish(tx, st, 'failed', `node "${node.id}": ${sent.error}`, node.id);
    }
    const seq = await this.record(tx, st, node, `prompt:${sent.wamid}`, sent.wamid);
    const seconds = 'timeout_seconds' in node ? node.timeout_seconds : undefined;
    await this.wait(
      tx,
      st,
      node,
      { kind: 'question', attempts, seq },
      seconds ? new Date(Date.now() + seconds * 1000) : null,
    );
  }

  /** The run waits at `node` until `deadline` (its timer job named by the step `seq`), or for the contact. */
  private async wait(
    tx: Tx,
    st: RunState,
    node: FlowNode,
    w: { kind: NonNullable<Waiting['kind']>; attempts: number; seq: number },
    deadline: Date | null,
  ): Promise<void> {
    const token = `${st.run.id}-${w.seq}`;
    st.run = await this.repo.saveRun(tx, st.run.id, {
      status: 'waiting',
      currentNode: node.id,
      variables: st.vars as Prisma.InputJsonValue,
      stepCount: st.steps,
      waitingFor: { node: node.id, attempts: w.attempts, token, kind: w.kind } satisfies Waiting,
      deadline,
    });
    // Lost with Redis, the job is made again by the flows sweep from `deadline`; a job for an undone transaction finds
    // no waiting run with its token and does nothing.
    if (deadline) await this.scheduleTimeout(st.run.id, token, deadline);
  }

  async scheduleTimeout(runId: string, token: string, deadline: Date): Promise<void> {
    await this.queues
      .add(
        'flowsAdvance',
        { runId, timeoutToken: token },
        { jobId: `flow-timeout-${token}`, delay: Math.max(0, deadline.getTime() - Date.now()) },
      )
      .catch(() => undefined);
  }

  /**
   * Sends a node's message. In a timer's turn a free-form message to a closed window does not fail: the run waits at
   * the node for the contact's next message (`parked`), which sends it then.
   */
  private async send(tx: Tx, st: RunState, node: FlowNode, text: string): Promise<Sent> {
    const f = (s: string) => fill(s, st.vars, this.builtIns(st));
    const body = sendBody(node, st.run.waId, f(text), f);
    if (!body) return { error: 'nothing to send' };
    // The step this send belongs to is the next one recorded: its number names the send's idempotency key.
    const sent = await this.sender.send(tx, this.repo, st.run, st.steps + 1, body);
    if (
      'error' in sent &&
      !sent.later &&
      isTransient(sent.code) &&
      Date.now() - (st.since ?? new Date()).getTime() < TRANSIENT_RETRY_MS
    )
      throw new TransientRefusal(`node "${node.id}": ${sent.error}`);
    if (!('code' in sent) || sent.code !== WINDOW_CLOSED || !st.timerTurn) return sent;
    const seq = await this.record(tx, st, node, 'waiting:window');
    await this.wait(tx, st, node, { kind: 'window', attempts: 0, seq }, null);
    return { parked: true };
  }

  private async record(tx: Tx, st: RunState, node: FlowNode, outcome: string, wamid?: string): Promise<number> {
    st.steps += 1;
    await this.repo.step(tx, {
      runId: st.run.id,
      seq: st.steps,
      node: node.id,
      type: node.type,
      outcome: outcome.slice(0, 500),
      wamid,
      variables: st.vars as Prisma.InputJsonValue,
    });
    return st.steps;
  }

  async finish(
    tx: Tx,
    st: RunState,
    status: Exclude<RunEvent, 'started'>,
    reason: string | null,
    node?: string,
  ): Promise<void> {
    st.run = await this.repo.saveRun(tx, st.run.id, {
      status,
      // A handed-off run keeps holding the contact: the bot stays silent until the run is stopped (handed back).
      ...(status !== 'handed_off' && { activeKey: null, endedAt: new Date() }),
      currentNode: node ?? st.run.currentNode,
      variables: st.vars as Prisma.InputJsonValue,
      stepCount: st.steps,
      waitingFor: FlowRuntimeRepository.DbNull,
      deadline: null,
      endReason: reason,
    });
    await this.events.emit(tx, st.run, status, reason);
  }

  private builtIns(st: RunState): Record<string, string> {
    return { 'contact.wa_id': st.run.waId };
  }
}

const stop = (): Outcome => ({ stop: true });
const typeOf = (st: RunState, name: string) => st.def.variables.find((v) => v.name === name)?.type ?? 'string';
