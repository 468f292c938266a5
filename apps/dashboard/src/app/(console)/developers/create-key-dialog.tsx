'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert } from '../../../components/ui/misc';
import { browserApi, explain } from '../../../lib/api/client';

/** Mints a key: its token is in the API's answer only, so this is the one moment it can be copied. */
export function CreateKeyDialog({ businessId }: { businessId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState<string>();
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<string>();

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/api_keys', {
      params: { path: { businessId } },
      body: { name: String(new FormData(e.currentTarget).get('name')) },
    });
    if (!data) return setProblem(explain(error));
    setProblem(undefined);
    setToken(data.token);
    router.refresh();
  };
  const copy = async () => {
    if (!token) return;
    await navigator.clipboard?.writeText(token).catch(() => undefined);
    setCopied(true);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setToken(undefined);
          setCopied(false);
          setProblem(undefined);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="key-open">Create API key</Button>
      </DialogTrigger>
      <DialogContent title="Create an API key" description="Machines call the API with it as a Bearer token.">
        {token ? (
          <div className="form">
            <Label htmlFor="key-token">Your key — copy it now, it is not shown again</Label>
            <Input id="key-token" readOnly value={token} data-testid="key-token" onFocus={(e) => e.target.select()} />
            <div className="row">
              <Button type="button" variant="secondary" onClick={() => void copy()}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
              <DialogClose asChild>
                <Button type="button">Done</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <form onSubmit={create} className="form">
            <Label htmlFor="key-name">Name (what uses it)</Label>
            <Input id="key-name" name="name" required maxLength={100} placeholder="CRM sync" />
            {problem && <Alert testId="key-error">{problem}</Alert>}
            <div className="row">
              <DialogClose asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" data-testid="key-submit">
                Create
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
