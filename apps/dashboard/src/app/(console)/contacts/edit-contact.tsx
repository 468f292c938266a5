'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert } from '../../../components/ui/misc';
import { browserApi, explain, type Schemas } from '../../../lib/api/client';

/** `key: value` lines → attributes; a line without a colon is an error naming it. */
function parseAttributes(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const at = line.indexOf(':');
    if (at <= 0) return `Line ${i + 1} of the attributes needs "name: value".`;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** A contact's own fields, as the business keeps them: name, tags and attributes (opt status is the customer's). */
export function EditContact({ businessId, contact }: { businessId: string; contact: Schemas['Contact'] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const id = `edit-${contact.wa_id}`;

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const attributes = parseAttributes(String(form.get('attributes')));
    if (typeof attributes === 'string') return setProblem(attributes);
    const name = String(form.get('profile_name')).trim();
    const tags = String(form.get('tags'))
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    setSaving(true);
    const { data, error } = await browserApi
      .PATCH('/console/v1/businesses/{businessId}/contacts/{wa_id}', {
        params: { path: { businessId, wa_id: contact.wa_id } },
        body: { ...(name && { profile_name: name }), tags: [...new Set(tags)], attributes },
      })
      .finally(() => setSaving(false));
    if (!data) return setProblem(explain(error));
    setProblem(undefined);
    setOpen(false);
    router.refresh();
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit +${contact.wa_id}`} data-testid={`${id}-open`}>
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent title={`Edit +${contact.wa_id}`} description="Tags and attributes choose campaign audiences.">
        <form onSubmit={save} className="form">
          <Label htmlFor={`${id}-name`}>Name</Label>
          <Input id={`${id}-name`} name="profile_name" defaultValue={contact.profile_name ?? ''} maxLength={256} />
          <Label htmlFor={`${id}-tags`}>Tags (comma-separated)</Label>
          <Input id={`${id}-tags`} name="tags" defaultValue={contact.tags.join(', ')} />
          <Label htmlFor={`${id}-attributes`}>Attributes (one "name: value" a line)</Label>
          <textarea
            id={`${id}-attributes`}
            name="attributes"
            className="input"
            rows={4}
            defaultValue={Object.entries(contact.attributes)
              .map(([k, v]) => `${k}: ${v ?? ''}`)
              .join('\n')}
          />
          {problem && <Alert testId="edit-error">{problem}</Alert>}
          <div className="row">
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={saving} data-testid={`${id}-save`}>
              {saving ? 'Saving…' : 'Save'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
