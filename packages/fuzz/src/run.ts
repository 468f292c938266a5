// The fuzzing pass: every operation's requests (seeded sample when bounded), a few at a time, each answer judged —
// a 5xx, no answer within the deadline, or an error body outside the documented envelope is a finding.
import { ContractValidator, loadSpec, type OpenApiSpec } from '@switchboard/contract';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { type Credentials, casesFor, type FuzzRequest, routerCases } from './cases';
import { operations, resolveRef } from './operations';
import type { Known } from './samples';
import { type Reply, send } from './send';

export interface FuzzOptions {
  baseUrl: string;
  credentials: Credentials;
  /** Values the fixture knows for path parameters and fields (waba_id, phone_number_id, ...). */
  known: Known;
  /** At most this many requests, drawn by seed across every operation (all of them when unset). */
  maxRequests?: number;
  seed?: number;
  timeoutMs?: number;
  concurrency?: number;
  spec?: OpenApiSpec;
}

export interface Finding {
  /** `hang`: no answer, within the deadline or at all (the connection dropped). */
  kind: 'status_5xx' | 'non_graph_error' | 'hang';
  operation: string;
  label: string;
  request: string;
  status?: number;
  body?: string;
}

export interface FuzzSummary {
  requests: number;
  operations: number;
  status_5xx: number;
  non_graph_errors: number;
  hangs: number;
  /** Requests node:http could not put on the wire (not counted as findings). */
  unsendable: number;
  /** Each operation's unmutated request and what it got: how much of the API the pass reached past validation. */
  valid: { operation: string; status: number | 'no answer'; answer: string }[];
  findings: Finding[];
  /** The slowest answers, slowest first: a request that costs seconds is a denial of service waiting to happen. */
  slowest: { ms: number; operation: string; label: string }[];
}

export async function fuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const spec = options.spec ?? loadSpec();
  const resolve = (s: unknown) => resolveRef(spec, s);
  const ops = operations(spec);
  let requests = [
    ...ops.flatMap((op) => casesFor(op, resolve, options.known, options.credentials)),
    ...routerCases(options.credentials),
  ];
  if (options.maxRequests !== undefined && requests.length > options.maxRequests) {
    requests = pick(requests, options.maxRequests, options.seed ?? 1);
  }
  // Signing out and revoking sessions end the fuzzer's own console session: those go last.
  const endsSession = (r: FuzzRequest) => /SignOut|Revoke.*Session/.test(r.operation);
  requests = [...requests.filter((r) => !endsSession(r)), ...requests.filter(endsSession)];
  const judge = judgeWith(spec);
  const summary: FuzzSummary = {
    requests: 0,
    operations: ops.length,
    status_5xx: 0,
    non_graph_errors: 0,
    hangs: 0,
    unsendable: 0,
    valid: [],
    findings: [],
    slowest: [],
  };
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const req = requests[next++]!;
      const t0 = performance.now();
      const reply = await send(options.baseUrl, req, options.timeoutMs ?? 10_000);
      noteTime(summary.slowest, { ms: Math.round(performance.now() - t0), operation: req.operation, label: req.label });
      summary.requests++;
      if (req.label === 'valid') {
        summary.valid.push({
          operation: req.operation,
          status: 'status' in reply ? reply.status : 'no answer',
          answer: 'text' in reply ? reply.text.slice(0, 300) : '',
        });
      }
      if ('failed' in reply) {
        summary.unsendable++;
        continue;
      }
      const finding = judge(req, reply);
      if (!finding) continue;
      summary.findings.push(finding);
      if (finding.kind === 'status_5xx') summary.status_5xx++;
      else if (finding.kind === 'hang') summary.hangs++;
      else summary.non_graph_errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return summary;
}

function judgeWith(spec: OpenApiSpec) {
  const ajv = new Ajv2020({ strict: false });
  const components = (spec.components ?? {}) as { schemas?: Record<string, unknown> };
  const isGraphError = ajv.compile(components.schemas?.Error as object);
  const contract = new ContractValidator(spec);
  return (req: FuzzRequest, reply: Reply): Finding | undefined => {
    const where = {
      operation: req.operation,
      label: req.label,
      request: `${req.method} ${req.target.length > 120 ? `${req.target.slice(0, 120)}…` : req.target}`,
    };
    if ('hang' in reply) return { kind: 'hang', ...where };
    // No answer either: counted with the hangs.
    if ('dropped' in reply)
      return { kind: 'hang', ...where, body: `connection closed without an answer: ${reply.dropped}` };
    if ('failed' in reply) return undefined;
    const body = reply.text.slice(0, 300);
    if (reply.status >= 500) return { kind: 'status_5xx', ...where, status: reply.status, body };
    if (reply.status < 400) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(reply.text);
    } catch {
      return { kind: 'non_graph_error', ...where, status: reply.status, body };
    }
    if (reply.contentType.includes('json') && isGraphError(json)) return undefined;
    // An error the contract documents with a shape of its own (readiness's 503) is in its documented shape.
    const documented = contract.check({
      method: req.method,
      path: req.target.split('?')[0]!,
      status: reply.status,
      contentType: reply.contentType,
      body: json,
    });
    return documented.length ? { kind: 'non_graph_error', ...where, status: reply.status, body } : undefined;
  };
}

/** `count` requests drawn without replacement by a small seeded PRNG, valid requests first so each operation runs. */
function pick(all: FuzzRequest[], count: number, seed: number): FuzzRequest[] {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const valid = all.filter((r) => r.label === 'valid');
  const rest = all.filter((r) => r.label !== 'valid');
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...valid, ...rest].slice(0, count);
}

function noteTime(slowest: FuzzSummary['slowest'], entry: FuzzSummary['slowest'][number], keep = 5): void {
  if (slowest.length >= keep && entry.ms <= slowest[slowest.length - 1]!.ms) return;
  slowest.push(entry);
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, keep);
}
