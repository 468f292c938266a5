'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert, Badge, EmptyState, TableWrap } from '../../../components/ui/misc';
import { browserApi, explain, type Schemas } from '../../../lib/api/client';

/**
 * Webhook subscriptions, and subscribing a URL: the API runs Meta's handshake (GET with hub.challenge) before it
 * saves anything, so the dialog shows either the verified subscription or what the endpoint answered.
 */
export function Subscriptions({ businessId, list }: { businessId: string; list: Schemas['WebhookSubscription'][] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [verified, setVerified] = useState<Schemas['WebhookSubscription']>();
  const [problem, setProblem] = useState<string>();

  const subscribe = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/webhook_subscriptions', {
      params: { path: { businessId } },
      body: {
        callback_url: String(form.get('callback_url')),
        verify_token: String(form.get('verify_token')),
        app_secret: String(form.get('app_secret')),
        fields: String(form.get('fields')),
      },
    });
    if (!data) return setProblem(explain(error));
    setProblem(undefined);
    setVerified(data);
    router.refresh();
  };

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) {
            setVerified(undefined);
            setProblem(undefined);
          }
        }}
      >
        <DialogTrigger asChild>
          <Button data-testid="subscribe-open" variant="secondary">
            Subscribe a URL
          </Button>
        </DialogTrigger>
        <DialogContent
          title="Subscribe a URL"
          description="Switchboard first sends Meta's verification request; your endpoint must echo hub.challenge."
        >
          {verified ? (
            <div className="form">
              <Alert tone="ok" testId="subscribe-verified">
                Verified at {verified.verified_time}: {verified.callback_url} now receives {verified.fields.join(', ')}.
              </Alert>
              <DialogClose asChild>
                <Button type="button">Done</Button>
              </DialogClose>
            </div>
          ) : (
            <form onSubmit={subscribe} className="form">
              <Label htmlFor="sub-url">Callback URL</Label>
              <Input id="sub-url" name="callback_url" type="url" required placeholder="https://example.com/webhooks" />
              <Label htmlFor="sub-token">Verify token (your endpoint checks it in the handshake)</Label>
              <Input id="sub-token" name="verify_token" required maxLength={256} />
              <Label htmlFor="sub-secret">App secret (signs every POST; at least 16 characters)</Label>
              <Input id="sub-secret" name="app_secret" required minLength={16} maxLength={256} />
              <Label htmlFor="sub-fields">Fields (comma-separated)</Label>
              <Input id="sub-fields" name="fields" required defaultValue="messages,message_template_status_update" />
              {problem && <Alert testId="subscribe-error">{problem}</Alert>}
              <div className="row">
                <DialogClose asChild>
                  <Button type="button" variant="secondary">
                    Cancel
                  </Button>
                </DialogClose>
                <Button type="submit" data-testid="subscribe-submit">
                  Verify and subscribe
                </Button>
              </div>
            </form>
          )}
        </DialogContent>
      </Dialog>
      {list.length === 0 ? (
        <EmptyState title="No webhook subscriptions yet">
          Subscribe a URL to receive messages and statuses as Meta's Cloud API sends them.
        </EmptyState>
      ) : (
        <TableWrap label="Webhook subscriptions">
          <table className="table" data-testid="subscriptions">
            <thead>
              <tr>
                <th scope="col">Callback URL</th>
                <th scope="col">Fields</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <code>{s.callback_url}</code>
                    <div className="muted small">id {s.id}</div>
                  </th>
                  <td>{s.fields.join(', ')}</td>
                  <td>
                    <Badge tone={s.active ? 'ok' : 'warn'}>{s.active ? 'active' : 'inactive'}</Badge>
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
