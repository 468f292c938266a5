'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert, Badge, EmptyState, TableWrap } from '../../../components/ui/misc';
import { browserApi, explain, type Schemas } from '../../../lib/api/client';

const STATE_TONE = { pending: 'neutral', delivered: 'ok', failed: 'fail', cancelled: 'warn' } as const;
type Delivery = Schemas['WebhookDelivery'];

/** One event's deliveries with every attempt, read when the dialog opens (the log can be long). */
function DeliveriesDialog({ businessId, eventId }: { businessId: string; eventId: string }) {
  const [log, setLog] = useState<Delivery[]>();
  const [problem, setProblem] = useState<string>();
  const load = async () => {
    const { data, error } = await browserApi.GET(
      '/console/v1/businesses/{businessId}/webhook_events/{event_id}/deliveries',
      { params: { path: { businessId, event_id: eventId } } },
    );
    if (!data) return setProblem(explain(error));
    setLog(data.data);
  };
  return (
    <Dialog onOpenChange={(open) => open && void load()}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Deliveries of event ${eventId}`}>
          Deliveries
        </Button>
      </DialogTrigger>
      <DialogContent title={`Event ${eventId}: deliveries`}>
        {problem && <Alert>{problem}</Alert>}
        {!log && !problem && <p className="muted">Loading…</p>}
        {log?.map((d) => (
          <section key={d.subscription_id} data-testid="delivery">
            <p>
              <Badge tone={STATE_TONE[d.state]}>{d.state}</Badge> to <code>{d.callback_url ?? d.subscription_id}</code>,{' '}
              {d.attempts} attempt(s)
            </p>
            <ol>
              {d.log.map((a) => (
                <li key={a.time} data-testid="attempt">
                  {a.time}: {a.status_code ?? 'no response'} in {a.latency_ms} ms{a.error ? ` (${a.error})` : ''}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </DialogContent>
    </Dialog>
  );
}

/** The event log: what was sent (the exact signed body), where each delivery stands, replay. */
export function WebhookEvents({ businessId, events }: { businessId: string; events: Schemas['WebhookEvent'][] }) {
  const router = useRouter();
  const [note, setNote] = useState<{ ok: boolean; text: string }>();

  const replayed = (data: { replayed: number } | undefined, error: unknown) => {
    setNote(
      data
        ? { ok: true, text: `Replayed ${data.replayed} deliver${data.replayed === 1 ? 'y' : 'ies'}.` }
        : { ok: false, text: explain(error) },
    );
    router.refresh();
  };
  const replayOne = async (eventId: string) => {
    const { data, error } = await browserApi.POST(
      '/console/v1/businesses/{businessId}/webhook_events/{event_id}/replay',
      {
        params: { path: { businessId, event_id: eventId } },
        body: {},
      },
    );
    replayed(data, error);
  };
  const replayFailed = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const at = (name: string) => (form.get(name) ? new Date(String(form.get(name))).toISOString() : undefined);
    const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/webhook_events/replay', {
      params: { path: { businessId } },
      body: { since: at('since')!, until: at('until') },
    });
    replayed(data, error);
  };

  return (
    <>
      <form onSubmit={replayFailed} className="row" aria-label="Replay failed deliveries">
        <div>
          <Label htmlFor="replay-since">Failed since</Label>
          <Input id="replay-since" name="since" type="datetime-local" required />
        </div>
        <div>
          <Label htmlFor="replay-until">until (optional)</Label>
          <Input id="replay-until" name="until" type="datetime-local" />
        </div>
        <Button type="submit" variant="secondary" data-testid="replay-failed">
          Replay failed
        </Button>
      </form>
      {note && (
        <Alert tone={note.ok ? 'ok' : 'fail'} testId="replay-note">
          {note.text}
        </Alert>
      )}
      {events.length === 0 ? (
        <EmptyState title="No webhook events yet">
          Events appear here once a subscription exists and something happens: a message arrives, a status changes, a
          template is reviewed.
        </EmptyState>
      ) : (
        <TableWrap label="Webhook events">
          <table className="table" data-testid="webhook-events">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Deliveries</th>
                <th scope="col">Sent payload</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {events.map((ev) => (
                <tr key={ev.id} data-testid={`event-${ev.id}`}>
                  <th scope="row">
                    {ev.field}
                    <div className="muted small">
                      {ev.id} · {ev.created_time}
                    </div>
                  </th>
                  <td>
                    {ev.deliveries.map((d) => (
                      <div key={d.subscription_id}>
                        <Badge tone={STATE_TONE[d.state]}>{d.state}</Badge>{' '}
                        <span className="muted small">{d.attempts} attempt(s)</span>
                      </div>
                    ))}
                  </td>
                  <td>
                    {ev.deliveries[0]?.payload ? (
                      <details>
                        <summary>Payload</summary>
                        <pre className="small" data-testid="payload">
                          {ev.deliveries[0].payload}
                        </pre>
                      </details>
                    ) : (
                      <span className="muted small">not sent yet</span>
                    )}
                  </td>
                  <td>
                    <div className="row">
                      <DeliveriesDialog businessId={businessId} eventId={ev.id} />
                      <Button
                        size="sm"
                        variant="secondary"
                        onClick={() => void replayOne(ev.id)}
                        aria-label={`Replay event ${ev.id}`}
                      >
                        Replay
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
