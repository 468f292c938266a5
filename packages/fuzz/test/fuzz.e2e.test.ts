import { describe, expect, it } from 'vitest';
import { fuzzSession } from '../src/session';

// The bounded pass of `npm run fuzz`: a seeded sample of every operation's requests (each operation's valid request
// and a draw of its mutations), against an API process of its own. A finding fails the suite with what was sent.
describe('fuzzing the API from openapi.yaml', () => {
  it('answers every request, with no 5xx and every error in the envelope', async () => {
    const summary = await fuzzSession({ maxRequests: 600, seed: 20261202, timeoutMs: 10_000, log: () => {} });
    const findings = summary.findings.map((f) => `${f.kind} ${f.operation} — ${f.label}: ${f.request} → ${f.status}`);
    expect(findings).toEqual([]);
    expect(summary.requests).toBe(600);
    expect({
      status_5xx: summary.status_5xx,
      non_graph_errors: summary.non_graph_errors,
      hangs: summary.hangs,
    }).toEqual({ status_5xx: 0, non_graph_errors: 0, hangs: 0 });
  }, 120_000);
});
