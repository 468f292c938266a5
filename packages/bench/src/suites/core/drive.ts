// Two ways to load a set of pairs: saturate (each pair keeps a window of messages in flight; the rate is what comes
// back) and paced (a fixed total rate, open loop; every message's send-to-receipt latency is recorded).
import { percentile } from '../../harness/stats';
import type { Pair } from './pairs';

export interface Saturation {
  msgsPerS: number;
  completed: number;
}

export interface Paced {
  sent: number;
  completed: number;
  p50Ms: number;
  p99Ms: number;
}

/** Message numbers per pair, unique for the whole run (ids must not repeat: the gateway would de-duplicate them). */
export class Sequencer {
  private readonly next = new Map<Pair, number>();
  take(pair: Pair): number {
    const n = (this.next.get(pair) ?? 0) + 1;
    this.next.set(pair, n);
    return n;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keeps `window` messages in flight per pair for `durationMs`; then waits (bounded) for the stragglers. */
export async function saturate(pairs: Pair[], seq: Sequencer, window: number, durationMs: number): Promise<Saturation> {
  let running = true;
  let completed = 0;
  let outstanding = 0;
  for (const pair of pairs) {
    pair.onDone = () => {
      outstanding--;
      if (!running) return;
      completed++;
      outstanding++;
      pair.send(seq.take(pair));
    };
  }
  const t0 = performance.now();
  for (const pair of pairs) {
    for (let i = 0; i < window; i++) {
      outstanding++;
      pair.send(seq.take(pair));
    }
  }
  await sleep(durationMs);
  running = false;
  const elapsedS = (performance.now() - t0) / 1000;
  for (let waited = 0; outstanding > 0 && waited < 15_000; waited += 50) await sleep(50);
  return { msgsPerS: completed / elapsedS, completed };
}

/** Sends `ratePerS` messages a second spread over the pairs for `durationMs`, open loop. */
export async function paced(pairs: Pair[], seq: Sequencer, ratePerS: number, durationMs: number): Promise<Paced> {
  const sentAt = new Map<Pair, Map<number, number>>(pairs.map((p) => [p, new Map()]));
  const latencies: number[] = [];
  for (const pair of pairs) {
    const mine = sentAt.get(pair)!;
    pair.onDone = (n) => {
      const t = mine.get(n);
      if (t === undefined) return;
      mine.delete(n);
      latencies.push(performance.now() - t);
    };
  }
  const t0 = performance.now();
  let sent = 0;
  let turn = 0;
  while (performance.now() - t0 < durationMs) {
    const due = Math.floor(((performance.now() - t0) / 1000) * ratePerS);
    for (; sent < due; sent++) {
      const pair = pairs[turn++ % pairs.length]!;
      const n = seq.take(pair);
      sentAt.get(pair)!.set(n, performance.now());
      pair.send(n);
    }
    await sleep(1);
  }
  const left = () => [...sentAt.values()].reduce((n, m) => n + m.size, 0);
  for (let waited = 0; left() > 0 && waited < 15_000; waited += 50) await sleep(50);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sent,
    completed: sorted.length,
    p50Ms: sorted.length ? percentile(sorted, 50) : Number.NaN,
    p99Ms: sorted.length ? percentile(sorted, 99) : Number.NaN,
  };
}
