'use client';
import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import { Alert, Badge, Card, TableWrap } from '../../../../components/ui/misc';
import { browserApi, explain, type Schemas } from '../../../../lib/api/client';
import { openPhone, type PhoneSession, SimulatorPhone, sendFromPhone } from './simulator-phone';

type RunDetail = Schemas['FlowRun'] & { steps: Schemas['FlowRunStep'][] };
/** Where a test run is on the canvas: the step it is at, and the steps it went through. */
export interface Trace {
  current?: string;
  visited: Set<string>;
}

const HOLDING = new Set(['running', 'waiting', 'handed_off']);
const POLL_MS = 1_000;
/** How long a simulator phone's first message may take to reach the API, in quarter polls. */
const WINDOW_POLLS = 60;

/**
 * Runs the draft (or a published version) for a test contact on the real engine: the contact's phone gets the
 * messages and answers them; the run's path shows here and on the canvas as it goes.
 */
export function TestRun({
  businessId,
  flowId,
  numbers,
  versions,
  beforeDraft,
  onTrace,
}: {
  businessId: string;
  flowId: string;
  numbers: { id: string; display_phone_number: string }[];
  versions: Schemas['FlowVersion'][];
  /** Saves the draft before a test run of it; false when the save was refused. */
  beforeDraft: () => Promise<boolean>;
  onTrace: (t?: Trace) => void;
}) {
  const [run, setRun] = useState<RunDetail>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [numberId, setNumberId] = useState(numbers[0]?.id ?? '');
  const [phone, setPhone] = useState<PhoneSession>();

  const openSimulator = async () => {
    setProblem(undefined);
    const opened = await openPhone(businessId, numberId);
    if (typeof opened === 'string') return setProblem(opened);
    setPhone(opened);
  };
  const closeSimulator = () => {
    if (phone) void fetch(`/flows/simulator/${phone.id}`, { method: 'DELETE' });
    setPhone(undefined);
  };
  /**
   * The simulator phone writes first when the contact's 24-hour window is closed (a flow can open a conversation only
   * with a template), and the run starts once the API has the message.
   */
  const openWindow = async (p: PhoneSession): Promise<string | undefined> => {
    const contact = () =>
      browserApi.GET('/console/v1/businesses/{businessId}/contacts/{wa_id}', {
        params: { path: { businessId, wa_id: p.wa_id } },
      });
    if ((await contact()).data?.window_expires_time) return undefined;
    const failed = await sendFromPhone(p.id, 'Hi');
    if (failed) return failed;
    for (let i = 0; i < WINDOW_POLLS; i++) {
      if ((await contact()).data?.window_expires_time) return undefined;
      await new Promise((r) => setTimeout(r, POLL_MS / 4));
    }
    return 'the phone’s first message did not reach the business number';
  };

  useEffect(() => {
    if (!run || !HOLDING.has(run.status)) return;
    const timer = setTimeout(async () => {
      const { data } = await browserApi.GET('/console/v1/businesses/{businessId}/flow_runs/{runId}', {
        params: { path: { businessId, runId: run.id } },
      });
      if (data) setRun(data);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run, businessId]);
  useEffect(() => {
    onTrace(
      run && {
        current: HOLDING.has(run.status) ? (run.current_node ?? undefined) : undefined,
        visited: new Set(run.steps.map((s) => s.node)),
      },
    );
  }, [run, onTrace]);

  const start = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const which = String(form.get('which'));
    setBusy(true);
    setProblem(undefined);
    try {
      if (which === 'draft' && !(await beforeDraft())) return setProblem('The draft could not be saved: see above.');
      const unopened = phone && (await openWindow(phone));
      if (unopened) return setProblem(unopened);
      const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/flows/{flowId}/runs', {
        params: { path: { businessId, flowId } },
        body: {
          phone_number_id: numberId,
          to: phone?.number ?? String(form.get('to')),
          ...(which === 'draft' ? { draft: true } : { version: Number(which) }),
        },
      });
      if (!data) return setProblem(explain(error));
      setRun({ ...data, steps: [] });
    } finally {
      setBusy(false);
    }
  };
  const stop = async () => {
    if (!run) return;
    await browserApi.POST('/console/v1/businesses/{businessId}/flow_runs/{runId}/stop', {
      params: { path: { businessId, runId: run.id } },
    });
    const { data } = await browserApi.GET('/console/v1/businesses/{businessId}/flow_runs/{runId}', {
      params: { path: { businessId, runId: run.id } },
    });
    if (data) setRun(data);
  };

  return (
    <Card aria-labelledby="test-run-title">
      <h2 id="test-run-title">Test run</h2>
      <p className="muted">
        Runs on the real engine and sends real messages to the test phone. Write to the business number from that phone
        first: a flow can only start a conversation with a template once the 24-hour window is closed. A simulator phone
        is a real consumer device held by the console: it writes first by itself, and you answer in its chat.
      </p>
      <form className="row" onSubmit={start} aria-label="Start a test run">
        <div>
          <Label htmlFor="tr-to">Test phone (international)</Label>
          <Input
            id="tr-to"
            name="to"
            required
            placeholder="+447700900123"
            {...(phone && { value: phone.number, readOnly: true })}
          />
        </div>
        {!phone && (
          <Button type="button" variant="secondary" onClick={() => void openSimulator()} data-testid="simulator-open">
            Use a simulator phone
          </Button>
        )}
        <div>
          <Label htmlFor="tr-number">From</Label>
          <NativeSelect
            id="tr-number"
            name="number"
            value={numberId}
            disabled={!!phone}
            onChange={(e) => setNumberId(e.target.value)}
          >
            {numbers.map((n) => (
              <option key={n.id} value={n.id}>
                {n.display_phone_number}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div>
          <Label htmlFor="tr-which">Run</Label>
          <NativeSelect id="tr-which" name="which" defaultValue="draft">
            <option value="draft">the draft</option>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" disabled={busy || (!!run && HOLDING.has(run.status))} data-testid="test-run-start">
          {busy ? 'Starting…' : 'Start'}
        </Button>
        {run && HOLDING.has(run.status) && (
          <Button type="button" variant="secondary" onClick={() => void stop()} data-testid="test-run-stop">
            Stop
          </Button>
        )}
      </form>
      {problem && <Alert testId="test-run-error">{problem}</Alert>}
      {phone && <SimulatorPhone session={phone} onClose={closeSimulator} />}
      {run && (
        <div data-testid="test-run">
          <p role="status" aria-live="polite">
            <Badge tone={run.status === 'failed' ? 'fail' : HOLDING.has(run.status) ? 'neutral' : 'ok'}>
              {run.status.replace('_', ' ')}
            </Badge>{' '}
            {run.version === 0 ? 'the draft' : `v${run.version}`} with {run.wa_id}
            {run.current_node && HOLDING.has(run.status) && ` — at ${run.current_node}`}
            {run.end_reason && ` — ${run.end_reason}`}
          </p>
          {run.steps.length > 0 && (
            <TableWrap label="Steps taken">
              <table className="table" data-testid="test-run-steps">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Step</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Variables after</th>
                  </tr>
                </thead>
                <tbody>
                  {run.steps.map((s) => (
                    <tr key={s.seq}>
                      <td>{s.seq}</td>
                      <th scope="row">{s.node}</th>
                      <td>{s.outcome ?? '—'}</td>
                      <td>
                        <code>{JSON.stringify(s.variables)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </div>
      )}
    </Card>
  );
}
