import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { Batcher, CONFIG } from '@switchboard/platform';
import { ApiError } from '../errors/api-error';
import type { DeviceRef } from '../messaging/mailbox/mailbox.types';
import { ReceiptFacts } from '../messaging/receipts/receipt-facts';
import { GroupReceiptsRepository, type ReceiptRow } from './group-receipts.repository';

type Fact = { read: boolean; rows: ReceiptRow[] };
const PURGE_BATCH = 5_000;

export interface GroupMessageInfo {
  members: { accountId: string; deliveredAt: number | null; readAt: number | null }[];
  deliveredToAll: boolean;
  readByAll: boolean;
}

/**
 * Group message info on the server (docs/groups.md, "Message info"): a group message is recorded when its send is
 * accepted; each member's first delivery and read come from the relay (acks settled in memory, read receipts, in
 * batches here) and from the ack statement (acks of written envelopes, in the same statement). The sender's devices
 * read it over REST, so it outlives the app that sent it.
 */
@Injectable()
export class GroupReceipts implements OnModuleDestroy {
  private readonly log = new Logger('GroupReceipts');
  private readonly facts: Batcher<Fact, undefined>;

  constructor(
    private readonly repo: GroupReceiptsRepository,
    receiptFacts: ReceiptFacts,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    // One flush at a time: a member's delivery is written before (or with) its read.
    this.facts = new Batcher((batch) => this.flush(batch), { maxBatch: 512, maxInFlight: 1 });
    receiptFacts.onDelivered((facts) => this.submit({ read: false, rows: facts }));
    receiptFacts.onRead((f) =>
      this.submit({
        read: true,
        rows: f.clientMessageIds.map((id) => ({ sender: f.sender, clientMessageId: id, member: f.reader, at: f.at })),
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.facts.drained();
  }

  /** Before the message is stored: no device can acknowledge it before this. */
  sent(from: DeviceRef, clientMessageId: bigint, groupId: string, at: number): Promise<void> {
    return this.repo.recordSent(from.accountId, clientMessageId, groupId, at);
  }

  /** The info of a message the caller's account sent to the group; 404 for any other. */
  async info(caller: DeviceRef, groupId: string, clientMessageId: bigint): Promise<GroupMessageInfo> {
    const members = await this.repo.info(groupId, caller.accountId, clientMessageId);
    if (!members) throw ApiError.notFound('group message');
    return {
      members,
      deliveredToAll: members.every((m) => m.deliveredAt !== null),
      readByAll: members.every((m) => m.readAt !== null),
    };
  }

  /**
   * The `groupMessageInfoPurge` loop's pass at time `now`: a message's info is kept while it can still be delivered
   * (ENVELOPE_TTL_SECONDS, as the mailbox keeps an envelope), then deleted with its receipts, in batches.
   */
  async purge(now: number): Promise<number> {
    const before = now - this.config.messaging.envelopeTtlSeconds * 1000;
    let gone = 0;
    for (;;) {
      const n = await this.repo.purge(before, PURGE_BATCH);
      gone += n;
      if (n < PURGE_BATCH) return gone;
    }
  }

  private submit(fact: Fact): void {
    // Best effort, like the receipt it mirrors once pushed: a failed write loses this info, not the message.
    this.facts.submit(fact).catch((err) => this.log.warn(`group receipts not recorded: ${(err as Error).message}`));
  }

  private async flush(batch: Fact[]): Promise<undefined[]> {
    const key = (r: ReceiptRow) => `${r.sender}/${r.clientMessageId}/${r.member}`;
    const unique = (rows: ReceiptRow[]) => [...new Map(rows.map((r) => [key(r), r])).values()];
    await this.repo.recordDelivered(unique(batch.filter((f) => !f.read).flatMap((f) => f.rows)));
    await this.repo.recordRead(unique(batch.filter((f) => f.read).flatMap((f) => f.rows)));
    return batch.map(() => undefined);
  }
}
