'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input, NativeSelect } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert } from '../../../components/ui/misc';
import { browserApi, explain } from '../../../lib/api/client';
import { forApi, starterDefinition } from '../../../lib/flows/graph';

/** A new flow: a name and the number it listens on; it opens in the builder with one step to start from. */
export function NewFlowDialog({
  businessId,
  numbers,
}: {
  businessId: string;
  numbers: { id: string; display_phone_number: string }[];
}) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/flows', {
      params: { path: { businessId } },
      body: {
        name: String(form.get('name')),
        phone_number_ids: [String(form.get('number'))],
        definition: forApi(starterDefinition()),
      },
    });
    setBusy(false);
    if (!data) return setProblem(explain(error));
    router.push(`/flows/${data.id}`);
  };

  return (
    <Dialog onOpenChange={() => setProblem(undefined)}>
      <DialogTrigger asChild>
        <Button data-testid="flow-new">New flow</Button>
      </DialogTrigger>
      <DialogContent
        title="New flow"
        description="It starts as a draft: nothing answers customers until you publish it."
      >
        <form onSubmit={create} className="form">
          <Label htmlFor="flow-name">Name</Label>
          <Input id="flow-name" name="name" required maxLength={256} placeholder="Order status" />
          <Label htmlFor="flow-number">Number it listens on</Label>
          <NativeSelect id="flow-number" name="number">
            {numbers.map((n) => (
              <option key={n.id} value={n.id}>
                {n.display_phone_number}
              </option>
            ))}
          </NativeSelect>
          {problem && <Alert testId="flow-new-error">{problem}</Alert>}
          <div className="row">
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" data-testid="flow-create" disabled={busy}>
              {busy ? 'Creating…' : 'Create'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
