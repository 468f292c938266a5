import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { MailboxService } from '@switchboard/core/messaging/mailbox/mailbox.service';
import { MessageKind, type PendingEnvelope } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { PrismaService } from '@switchboard/platform';
import type { BusinessDeviceRef } from '../business-crypto';
import { CoreLink } from '../core-link';
import { ProvisioningService } from '../provisioning.service';
import { InboundHandler } from './inbound-handler';
import { devicesWithWaitingMail } from './waiting-mail.repository';

const PAGE = 100;
const MAX_PER_DRAIN = 1_000;
const PROVISION_EVERY_MS = 5_000;
const MAX_FAILURES = 5;

const isReceipt = (e: PendingEnvelope) => e.kind === MessageKind.DeliveredReceipt || e.kind === MessageKind.ReadReceipt;

/** The receipts that follow one another from `start` on (none when `start` is not one). */
function receiptsFrom(page: PendingEnvelope[], start: number): PendingEnvelope[] {
  let end = start;
  while (end < page.length && isReceipt(page[end]!)) end++;
  return page.slice(start, end);
}

/**
 * The business devices' receiving end, without a socket: every worker process polls Postgres for business devices
 * with waiting envelopes (one indexed query), and drains each under a transaction-scoped advisory lock, so exactly
 * one process at a time reads a device's mailbox — in guid order, handling each envelope then acking it through the
 * core (which deletes it and sends the consumer its ✓✓). A crash between handling and ack redelivers; handling is
 * idempotent (wamids are derived from the core message id). Nothing lives in a process: any worker can take over.
 */
@Injectable()
export class MailboxDrainer implements OnApplicationShutdown {
  private readonly log = new Logger('BusinessMailbox');
  private readonly failures = new Map<number, number>();
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
  ) {}

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

  // A failure stops the drain (the envelope is retried on the next poll, in order); one that keeps failing is
  // skipped (logged and acked) rather than blocking the number's mailbox forever.
  private async handleOnce(device: BusinessDeviceRef, e: PendingEnvelope): Promise<void> {
    try {
      await this.handler.handle(device, e);
      this.failures.delete(e.guid);
    } catch (err) {
      const n = (this.failures.get(e.guid) ?? 0) + 1;
      this.failures.set(e.guid, n);
      if (n < MAX_FAILURES) throw err;
      this.failures.delete(e.guid);
      this.log.error(
        `skipping envelope ${e.guid} for ${device.phoneNumberId} after ${n} failures: ${(err as Error).message}`,
      );
    }
  }

  // Consecutive receipts (what a burst of sends brings back) in one transaction and one ack; on a failure, false: the
  // caller takes them one by one, with the per-envelope retry count.
  private async receiptsTogether(device: BusinessDeviceRef, run: PendingEnvelope[]): Promise<boolean> {
    try {
      await this.handler.receipts(device, run);
    } catch (err) {
      this.log.warn(`${run.length} receipts together failed, one by one: ${(err as Error).message}`);
      return false;
    }
    await this.core.acknowledge(
      { accountId: device.accountId, deviceId: device.deviceId },
      run.map((e) => e.guid),
    );
    return true;
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
        for (let done = 0, after = 0; done < MAX_PER_DRAIN && !this.stopped; ) {
          const page = await this.mailbox.backlogPage(ref, after, PAGE);
          for (let i = 0; i < page.length; ) {
            const run = receiptsFrom(page, i);
            if (run.length > 1 && (await this.receiptsTogether(device, run))) {
              i += run.length;
              continue;
            }
            const e = page[i++]!;
            await this.handleOnce(device, e);
            await this.core.acknowledge(ref, [e.guid]);
          }
          done += page.length;
          if (page.length < PAGE) break;
          after = page.at(-1)!.guid;
        }
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
}
