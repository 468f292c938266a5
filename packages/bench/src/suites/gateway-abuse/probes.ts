// What the abuse suite watches on the API node: its resident memory (from /proc, the process the bench started) and
// how long `/health` takes to answer while the node is under attack.
import { readFile } from 'node:fs/promises';
import { percentile } from '../../harness/stats';

/** The process's resident memory in MB; NaN once it has exited (a killed node is what this suite looks for). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** Samples the process's RSS every `everyMs` until stopped; `peak()` is the largest sample (NaN if it exited). */
export function rssSampler(pid: number, everyMs = 250): { peak(): number; stop(): Promise<void> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const now = await rssMb(pid);
      peak = Number.isNaN(now) ? now : Math.max(peak, now);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    peak: () => peak,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** Requests `url` one after another (a pause of `gapMs` between) until stopped; the p99 of their latencies. */
export function healthProbe(url: string, gapMs = 20): { stop(): Promise<{ p99Ms: number; failures: number }> } {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - t0);
        else failures++;
      } catch {
        failures++;
      }
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = latencies.sort((a, b) => a - b);
      return { p99Ms: sorted.length ? percentile(sorted, 99) : Number.NaN, failures };
    },
  };
}
