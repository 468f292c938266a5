import { connection } from 'next/server';
import { type ApiStatus, getApiStatus } from '../lib/api-status';

/** A status word as the API spells it ("ok", "ready", "not_ready"), shown green or red. */
function Badge({ ok, children, testId }: { ok: boolean; children: string; testId?: string }) {
  return (
    <span className={ok ? 'badge badge-ok' : 'badge badge-fail'} data-testid={testId}>
      {children.replaceAll('_', ' ')}
    </span>
  );
}

function Unreachable({ status }: { status: Extract<ApiStatus, { reachable: false }> }) {
  return (
    <section className="panel panel-fail" role="alert" data-testid="api-unreachable">
      <h2>API unreachable</h2>
      <p>
        No answer from <code>{status.baseUrl}</code>: {status.error}
      </p>
    </section>
  );
}

function Health({ status }: { status: Extract<ApiStatus, { reachable: true }> }) {
  return (
    <section className="panel">
      <h2>API</h2>
      <dl className="summary">
        <dt>Health</dt>
        <dd>
          <Badge ok={status.live.ok} testId="api-health">
            {status.live.status}
          </Badge>
        </dd>
        <dt>Readiness</dt>
        <dd>
          <Badge ok={status.ready.ok} testId="api-ready">
            {status.ready.status}
          </Badge>
        </dd>
      </dl>
      {status.ready.checks.length > 0 && (
        <table className="checks">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {status.ready.checks.map((check) => (
              <tr key={check.name}>
                <th scope="row">{check.name}</th>
                <td>
                  <Badge ok={check.ok} testId={`check-${check.name}`}>
                    {check.status}
                  </Badge>
                  {check.detail && <span className="detail">{check.detail}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default async function StatusPage() {
  await connection(); // rendered on every request, never prerendered or cached
  const status = await getApiStatus();
  return (
    <>
      <h1>System status</h1>
      {status.reachable ? <Health status={status} /> : <Unreachable status={status} />}
      <p className="muted">
        Checked {status.checkedAt.toISOString()} at <code>{status.baseUrl}</code>
      </p>
    </>
  );
}
