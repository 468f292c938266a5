// Progress lines go to stderr: stdout is reserved for the one JSON line at the end.
const started = Date.now();

export function progress(message: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`[bench ${t}s] ${message}\n`);
}

/** Formats a number for progress lines: 12345.6 → "12,346", 3.456 → "3.46". */
export function fmt(value: number, digits = 2): string {
  return Math.abs(value) >= 100
    ? Math.round(value).toLocaleString('en-US')
    : value.toFixed(digits).replace(/\.?0+$/, '') || '0';
}
