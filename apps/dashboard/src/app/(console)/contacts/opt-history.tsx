'use client';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Alert } from '../../../components/ui/misc';
import { browserApi, explain } from '../../../lib/api/client';

type Event = { status: 'OPTED_IN' | 'OPTED_OUT'; source: string; time: string };

/** Every opt-in and opt-out of one contact, newest first, read when opened. */
export function OptHistory({ businessId, waId }: { businessId: string; waId: string }) {
  const [events, setEvents] = useState<Event[]>();
  const [problem, setProblem] = useState<string>();
  const load = async (open: boolean) => {
    if (!open) return;
    setEvents(undefined);
    const { data, error } = await browserApi.GET('/console/v1/businesses/{businessId}/contacts/{wa_id}/opt_history', {
      params: { path: { businessId, wa_id: waId } },
    });
    if (!data) return setProblem(explain(error));
    setEvents(data.data);
  };
  return (
    <Dialog onOpenChange={load}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Opt history of +${waId}`} data-testid={`history-${waId}`}>
          History
        </Button>
      </DialogTrigger>
      <DialogContent title={`Opt history of +${waId}`}>
        {problem && <Alert>{problem}</Alert>}
        {!events && !problem && (
          <p role="status" className="muted">
            Loading…
          </p>
        )}
        {events?.length === 0 && <p className="muted">No opt-in or opt-out recorded.</p>}
        {events && events.length > 0 && (
          <ol className="sessions" data-testid="opt-history">
            {events.map((e) => (
              <li key={`${e.time}-${e.status}`}>
                <strong>{e.status === 'OPTED_IN' ? 'Opted in' : 'Opted out'}</strong>{' '}
                <span className="muted">
                  {new Date(e.time).toLocaleString('en')} · {e.source}
                </span>
              </li>
            ))}
          </ol>
        )}
      </DialogContent>
    </Dialog>
  );
}
