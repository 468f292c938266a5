'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Alert, Badge, EmptyState, TableWrap } from '../../../components/ui/misc';
import { browserApi, explain, type Schemas } from '../../../lib/api/client';

const when = (iso: string | null) => (iso ? `${new Date(iso).toLocaleString('en', { timeZone: 'UTC' })} UTC` : '—');

/** The business's keys, revoked ones included; revoking asks first, since machines using the key stop at once. */
export function ApiKeysTable({ businessId, keys }: { businessId: string; keys: Schemas['ApiKey'][] }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();

  const revoke = async (apiKeyId: string) => {
    const { error } = await browserApi.DELETE('/console/v1/businesses/{businessId}/api_keys/{apiKeyId}', {
      params: { path: { businessId, apiKeyId } },
    });
    setProblem(error ? explain(error) : undefined);
    router.refresh();
  };

  if (keys.length === 0)
    return (
      <EmptyState title="No API keys yet">
        Create one with “Create API key” and give it to the system that sends messages or reads webhooks.
      </EmptyState>
    );
  return (
    <>
      {problem && <Alert testId="keys-error">{problem}</Alert>}
      <TableWrap label="API keys">
        <table className="table" data-testid="api-keys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-testid={`key-${k.name}`}>
                <th scope="row">{k.name}</th>
                <td>
                  <code>{k.token_hint}</code>
                </td>
                <td>{when(k.created_time)}</td>
                <td data-testid="key-last-used">{when(k.last_used_time)}</td>
                <td>
                  {k.revoked_time ? (
                    <Badge tone="fail">revoked</Badge>
                  ) : (
                    <Dialog>
                      <DialogTrigger asChild>
                        <Button variant="danger" size="sm" aria-label={`Revoke ${k.name}`}>
                          Revoke
                        </Button>
                      </DialogTrigger>
                      <DialogContent
                        title={`Revoke ${k.name}?`}
                        description="Requests with this key are refused from now on; this cannot be undone."
                      >
                        <div className="row">
                          <DialogClose asChild>
                            <Button variant="secondary">Keep</Button>
                          </DialogClose>
                          <DialogClose asChild>
                            <Button variant="danger" data-testid="revoke-confirm" onClick={() => void revoke(k.id)}>
                              Revoke
                            </Button>
                          </DialogClose>
                        </div>
                      </DialogContent>
                    </Dialog>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
