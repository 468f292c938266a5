// `npm run fuzz [-- --requests N] [--seed S] [--timeout MS] [--verbose]`: derives requests from openapi.yaml for every
// operation and sends them to a fresh API on loopback. Findings go to stderr; the last stdout line is one JSON object
// {"requests","status_5xx","non_graph_errors","hangs"}. Exit code 1 on any 5xx, hang or error outside the envelope.
import { fuzzSession } from './session';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const int = (name: string) => {
  const value = flag(name);
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new Error(`--${name} expects a whole number`);
  return Number(value);
};

const summary = await fuzzSession({
  maxRequests: int('requests'),
  seed: int('seed') ?? 1,
  timeoutMs: int('timeout') ?? 10_000,
  verbose: args.includes('--verbose'),
});
const byKind = new Map<string, number>();
for (const f of summary.findings) {
  const key = `${f.kind} ${f.operation} — ${f.label}`;
  if (!byKind.has(key)) process.stderr.write(`${key}: ${f.request} → ${f.status ?? 'no answer'} ${f.body ?? ''}\n`);
  byKind.set(key, (byKind.get(key) ?? 0) + 1);
}
const reached = summary.valid.filter((v) => typeof v.status === 'number' && v.status < 400);
// What refused the samples built from the schemas: where the fuzzer's valid requests could be made more valid.
if (args.includes('--verbose')) {
  for (const v of summary.valid.filter((v) => !reached.includes(v))) {
    process.stderr.write(`refused sample ${v.operation}: ${v.status} ${v.answer}\n`);
  }
}
process.stderr.write(
  `valid requests answered 2xx/3xx: ${reached.length} of ${summary.valid.length}; the others: ${summary.valid
    .filter((v) => !reached.includes(v))
    .map((v) => `${v.operation} ${v.status}`)
    .join(', ')}\n`,
);
process.stderr.write(
  `slowest answers: ${summary.slowest.map((t) => `${t.ms} ms ${t.operation} — ${t.label}`).join('; ')}\n`,
);
const { requests, operations, status_5xx, non_graph_errors, hangs } = summary;
process.stdout.write(`${JSON.stringify({ requests, operations, status_5xx, non_graph_errors, hangs })}\n`);
process.exitCode = status_5xx + non_graph_errors + hangs > 0 ? 1 : 0;
