import { Injectable } from '@nestjs/common';
import { Batcher } from '@switchboard/platform';
import { windowClosesAt, windowOpen } from '../../contacts/service-window';
import { WindowRepository } from './window.repository';

const MAX_CACHED = 100_000;

/**
 * The 24-hour customer-service window for free-form sends (contacts/service-window: the consumer's last inbound
 * message less than 24 hours ago), answered without a query per send: a window only ever moves forward (recordInbound
 * keeps the latest time), so "open until T" stays true until T and is cached; a closed or unknown window is always
 * re-read. Lookups that arrive while one is in flight are read together in one statement.
 */
@Injectable()
export class WindowGate {
  private readonly openUntil = new Map<string, number>();
  private readonly reads: Batcher<{ businessId: string; waId: string }, number | undefined>;

  constructor(private readonly windows: WindowRepository) {
    this.reads = new Batcher((keys) => this.windows.lastInbound(keys), { maxBatch: 500, maxInFlight: 2 });
  }

  async isOpen(businessId: string, waId: string, now = Date.now()): Promise<boolean> {
    const key = `${businessId}/${waId}`;
    if ((this.openUntil.get(key) ?? 0) > now) return true;
    const last = await this.reads.submit({ businessId, waId });
    if (!windowOpen(last, now)) return false;
    if (this.openUntil.size >= MAX_CACHED) this.openUntil.clear();
    this.openUntil.set(key, windowClosesAt(last)!);
    return true;
  }
}
