// Wraps async methods to report call counts and mean/max durations at exit.
export function instrument(proto: any, name: string, label: string) {
  const orig = proto[name];
  const stats = { n: 0, total: 0, max: 0, batch: 0 };
  proto[name] = async function (...args: any[]) {
    const t = performance.now();
    try { return await orig.apply(this, args); } finally {
      const d = performance.now() - t; stats.n++; stats.total += d; stats.max = Math.max(stats.max, d);
      if (Array.isArray(args[0])) stats.batch += args[0].length;
    }
  };
  process.on('exit', () => console.log(label, 'n', stats.n, 'mean', (stats.total / stats.n).toFixed(2), 'max', stats.max.toFixed(1), 'items', stats.batch));
}
