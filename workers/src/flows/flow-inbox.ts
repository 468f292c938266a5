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
   * on a version that is not live, or a test run of a draft); true when it did. `sentAt` (when the server accepted
   * it) is kept as its `receivedAt`: a message sent before an API-started run began answers none of its questions.
   */
  async offer(
    tx: Tx,
    m: {
      wamid: string;
      businessId: string;
      phoneNumberId: string;
      waId: string;
      message: Record<string, unknown>;
      sentAt?: Date;
    },
  ): Promise<boolean> {
    if (!(await this.listens(m.phoneNumberId)) && !(await this.held(tx, m.phoneNumberId, m.waId))) return false;
    const { sentAt, ...row } = m;
    await this.repo.enqueue(tx, {
      ...row,
      message: m.message as Prisma.InputJsonValue,
      ...(sentAt && { receivedAt: sentAt }),
    });
    return true;
  }

  /**
   * A `failed` status for a business message, in the transaction that records it: when a run holds the contact — or a
   * live flow listens on the number, since the turn that started a run and sent the message may not have committed
   * yet — the failure is queued like a message (key `failed:<wamid>`, so once), in order with the contact's messages.
   * The runtime takes it under the contact's lock, so after that turn's commit, and finds the step that sent it. The
   * flows sweep picks it up after this commit.
   */
  async stepFailed(
    tx: Tx,
    m: { wamid: string; businessId: string; phoneNumberId: string; waId: string },
    error?: { code: number; title: string; message?: string },
  ) {
    const run = await this.held(tx, m.phoneNumberId, m.waId);
    if (!run && !(await this.listens(m.phoneNumberId))) return;
    await this.repo.enqueue(tx, {
      wamid: `failed:${m.wamid}`,
      businessId: m.businessId,
      phoneNumberId: m.phoneNumberId,
      waId: m.waId,
      message: { type: STEP_FAILED, [STEP_FAILED]: { wamid: m.wamid, run_id: run?.id ?? null, error: error ?? null } },
    });
  }

  kick(phoneNumberId: string, waId: string): void {
    this.runtime.kick(phoneNumberId, waId);
  }

  private held(tx: Tx, phoneNumberId: string, waId: string) {
    return this.repo.activeRun(tx, activeKeyOf(phoneNumberId, waId));
  }

  private async listens(phoneNumberId: string): Promise<boolean> {
    const hit = this.listening.get(phoneNumberId);
    if (hit && hit.until > Date.now()) return hit.yes;
    const yes = (await this.repo.listening(phoneNumberId)).length > 0;
    this.listening.set(phoneNumberId, { yes, until: Date.now() + LISTENING_TTL_MS });
    return yes;
  }
}
