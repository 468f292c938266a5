import { Injectable } from '@nestjs/common';
import { activeKeyOf } from '@switchboard/business/flows/runs/flow-runs.service';
import type { Prisma } from '@switchboard/db';
import { STEP_FAILED } from './answers';
import { FlowRuntime } from './flow-runtime';
import { FlowRuntimeRepository, type Tx } from './flow-runtime.repository';

/** How long "does any live flow listen on this number" is remembered: a publish is heard within it. */
const LISTENING_TTL_MS = 1_000;

/**
 * Where the business device hands consumers' messages to flows: queued in the transaction that logs the message (so
 * a message is queued exactly when it is logged), then handled after the commit (`kick`).
 */
@Injectable()
export class FlowInbox {
  private readonly listening = new Map<string, { yes: boolean; until: number }>();

  constructor(
    private readonly repo: FlowRuntimeRepository,
    private readonly runtime: FlowRuntime,
  ) {}

  /**
   * Queues the message when a live flow listens on its number, or a run holds the contact (a run started by the API
   * on a version that is not live, or a test run of a draft); true when it did.
   */
  async offer(
    tx: Tx,
    m: { wamid: string; businessId: string; phoneNumberId: string; waId: string; message: Record<string, unknown> },
  ): Promise<boolean> {
    const held = async () => !!(await this.repo.activeRun(tx, activeKeyOf(m.phoneNumberId, m.waId)));
    if (!(await this.listens(m.phoneNumberId)) && !(await held())) return false;
    await this.repo.enqueue(tx, { ...m, message: m.message as Prisma.InputJsonValue });
    return true;
  }

  /**
   * A `failed` status for a business message, in the transaction that records it: when a run holds the contact, the
   * failure is queued like a message (key `failed:<wamid>`, so once), in order with the contact's messages; the run
   * then looks for the step that sent it, once the turn that sent it has committed. The flows sweep picks it up after
   * this commit.
   */
  async stepFailed(
    tx: Tx,
    m: { wamid: string; phoneNumberId: string; waId: string },
    error?: { code: number; title: string; message?: string },
  ) {
    const wamid = m.wamid;
    const run = await this.repo.activeRun(tx, activeKeyOf(m.phoneNumberId, m.waId));
    if (!run) return;
    await this.repo.enqueue(tx, {
      wamid: `failed:${wamid}`,
      businessId: run.businessId,
      phoneNumberId: run.phoneNumberId,
      waId: run.waId,
      message: { type: STEP_FAILED, [STEP_FAILED]: { wamid, run_id: run.id, error: error ?? null } },
    });
  }

  kick(phoneNumberId: string, waId: string): void {
    this.runtime.kick(phoneNumberId, waId);
  }

  private async listens(phoneNumberId: string): Promise<boolean> {
    const hit = this.listening.get(phoneNumberId);
    if (hit && hit.until > Date.now()) return hit.yes;
    const yes = (await this.repo.listening(phoneNumberId)).length > 0;
    this.listening.set(phoneNumberId, { yes, until: Date.now() + LISTENING_TTL_MS });
    return yes;
  }
}
