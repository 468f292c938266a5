import { Injectable } from '@nestjs/common';
import { FlowEngine, type Waiting } from './flow-engine';
import { FlowRuntime } from './flow-runtime';
import { FlowRuntimeRepository } from './flow-runtime.repository';

/** A message or API start is the sweep's once it has waited this long: its in-process kick or job was lost. */
const STALLED_MS = 3_000;
/** Timeout jobs are (re)made for deadlines up to this far ahead; later ones on a later sweep. */
const LOOKAHEAD_MS = 60_000;

/**
 * Postgres is the truth of flow work; Redis only makes it prompt. Every few seconds: contacts with queued messages
 * nobody handled, API-started runs that never began, and waiting runs' timeouts — due ones taken now, near ones
 * given their delayed job again (same job id, so an existing one is kept).
 */
@Injectable()
export class FlowSweep {
  constructor(
    private readonly repo: FlowRuntimeRepository,
    private readonly runtime: FlowRuntime,
    private readonly engine: FlowEngine,
  ) {}

  async run(): Promise<void> {
    for (const c of await this.repo.stalledContacts(STALLED_MS)) this.runtime.kick(c.phoneNumberId, c.waId);
    // A turn that fails (undone: a transient refusal, a lost connection) is the next sweep's again; it must not keep
    // this sweep from the runs after it.
    const advance = (id: string, token?: string) => this.runtime.advance(id, token).catch(() => undefined);
    for (const r of await this.repo.unstarted(STALLED_MS)) await advance(r.id);
    for (const r of await this.repo.waitingUntil(new Date(Date.now() + LOOKAHEAD_MS))) {
      const token = (r.waitingFor as Waiting | null)?.token;
      if (!token || !r.deadline) continue;
      if (r.deadline.getTime() <= Date.now()) await advance(r.id, token);
      else await this.engine.scheduleTimeout(r.id, token, r.deadline);
    }
  }
}
