import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { MailboxService } from '@switchboard/core/messaging/mailbox/mailbox.service';
import { MessageKind, type PendingEnvelope } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { Batcher, CONFIG, ConnectionSlots, PrismaService } from '@switchboard/platform';
import type { BusinessDeviceRef } from '../business-crypto';
import { CoreLink } from '../core-link';
import { ProvisioningService } from '../provisioning.service';
import { InboundHandler } from './inbound-handler';
import { SenderLanes } from './sender-lanes';
import { devicesWithWaitingMail } from './waiting-mail.repository';

const PAGE = 100;
const MAX_PER_DRAIN = 1_000;
/** While some sender's envelope is still being handled, how often the drain looks for newly arrived ones. */
const LOOK_AGAIN_MS = 200;
const PROVISION_EVERY_MS = 5_000;
const MAX_FAILURES = 5;

const isReceipt = (e: PendingEnvelope) => e.kind === MessageKind.DeliveredReceipt || e.kind === MessageKind.ReadReceipt;

/**
 * The business devices' receiving end, without a socket: every worker process polls Postgres for business devices
 * with waiting envelopes (one indexed query), and drains each under a transaction-scoped advisory lock, so exactly
 * one process at a time reads a device's mailbox — in guid order, each sender's envelopes in their own lane
 * (SenderLanes): handled, then acked through the core (which deletes it and sends the consumer its ✓✓), one after
 * another per sender, up to BUSINESS_INBOUND_CONCURRENCY senders' messages at once. A slow message (a media fetch, a
 * session lock) holds up its sender only. A crash between handling and ack redelivers; handling is idempotent (wamids
 * are derived from the core message id). Nothing lives in a process: any worker can take over.
 */
@Injectable()
export class MailboxDrainer implements OnApplicationShutdown {
  private readonly log = new Logger('BusinessMailbox');
  private readonly failures = new Map<number, number>();
  private readonly slots: ConnectionSlots;
  private busy = false;
  private stopped = false;
  private lastProvision = 0;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaService,
    private readonly mailbox: MailboxService,
    private readonly core: CoreLink,
    private readonly provisioning: ProvisioningService,
    private readonly handler: InboundHandler,
    @Inject(CONFIG) config: Config,
  ) {
    this.slots = new ConnectionSlots(config.business.inboundConcurrency);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.current;
  }

  /** One poll (the `businessMailbox` loop), unless the last is still running. */
  tick(): void {
    if (this.busy || this.stopped) return;
    this.busy = true;
    this.current = this.poll()
      .catch((err) => this.log.error(`business mailbox poll failed: ${(err as Error).message}`))
      .finally(() => {
        this.busy = false;
      });
  }

  private async poll(): Promise<void> {
    if (Date.now() - this.lastProvision > PROVISION_EVERY_MS) {
      this.lastProvision = Date.now();
      await this.provisioning.provisionMissing();
    }
    const waiting = await devicesWithWaitingMail(this.prisma.client);
    for (const device of waiting) if (!this.stopped) await this.drain(device);
  }

  /**
   * One envelope of a sender's lane, then its ack. A failure halts the lane (retried on the next poll, in order); an
   * envelope that keeps failing is skipped (logged and acked) rather than blocking its sender forever.
   */
  private async handleOnce(device: BusinessDeviceRef, e: PendingEnvelope, receipts: ReceiptBatcher): Promise<void> {
    if (this.stopped) throw new Error('shutting down'); // left for the next process
    try {
      if (isReceipt(e)) {
        const failed = await receipts.submit(e);
        if (failed) throw failed;
      } else await this.slots.run(() => this.handler.handle(device, e));
      this.failures.delete(e.guid);
    } catch (err) {
      const n = (this.failures.get(e.guid) ?? 0) + 1;
      this.failures.set(e.guid, n);
      const why = (err as Error).message;
      if (n < MAX_FAILURES) {
        this.log.warn(`envelope ${e.guid} for ${device.phoneNumberId} failed (${n}), its sender waits: ${why}`);
        throw err;
      }
      this.failures.delete(e.guid);
      this.log.error(`skipping envelope ${e.guid} for ${device.phoneNumberId} after ${n} failures: ${why}`);
    }
    await this.core.acknowledge({ accountId: device.accountId, deviceId: device.deviceId }, [e.guid]);
  }

  /**
   * Receipts of all lanes go together (what a burst of sends brings back: one per message, from many consumers): one
   * lookup and `advanceMany` in one transaction per batch, batches one at a time. A batch that fails is taken again one
   * by one, so each envelope gets its own outcome (the error, or none).
   */
  private receiptBatcher(device: BusinessDeviceRef): ReceiptBatcher {
    return new Batcher(
      async (run: PendingEnvelope[]) => {
        try {
          await this.handler.receipts(device, run);
          return run.map(() => undefined);
        } catch (err) {
          if (run.length === 1) return [err as Error];
          this.log.warn(`${run.length} receipts together failed, one by one: ${(err as Error).message}`);
          const outcomes: (Error | undefined)[] = [];
          for (const e of run) {
            try {
              await this.handler.handle(device, e);
              outcomes.push(undefined);
            } catch (failed) {
              outcomes.push(failed as Error);
            }
          }
          return outcomes;
        }
      },
      { maxBatch: PAGE, maxInFlight: 1 },
    );
  }

  private drain(device: BusinessDeviceRef): Promise<void> {
    return this.prisma.client.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
          `business-mailbox:${device.accountId}`,
        );
        if (!row?.locked) return; // another worker is on it
        const ref = { accountId: device.accountId, deviceId: device.deviceId };
        const lanes = new SenderLanes();
        const receipts = this.receiptBatcher(device);
        for (let done = 0, after = 0; done < MAX_PER_DRAIN && !this.stopped; ) {
          const page = await this.mailbox.backlogPage(ref, after, PAGE);
          for (const e of page) lanes.add(e.sender.accountId, () => this.handleOnce(device, e, receipts));
          done += page.length;
          if (page.length) after = page.at(-1)!.guid;
          if (page.length === PAGE) {
            await lanes.settle(PAGE); // at most a page waiting behind the one just read
            continue;
          }
          // The mailbox is read to its end. While a sender's envelope is still in hand (a slow one), others' newly
          // arrived envelopes are taken in this drain rather than after it.
          const rest = lanes.settle().then(() => true);
          if (await Promise.race([rest, sleep(LOOK_AGAIN_MS, false)])) break;
        }
        await lanes.settle();
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
}

type ReceiptBatcher = Batcher<PendingEnvelope, Error | undefined>;
