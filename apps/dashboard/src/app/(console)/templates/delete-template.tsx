'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Alert } from '../../../components/ui/misc';
import { browserApi, explain } from '../../../lib/api/client';

/** Deletes one language of a template (Graph's name + hsm_id), after asking. */
export function DeleteTemplate({
  businessId,
  id,
  name,
  language,
}: {
  businessId: string;
  id: string;
  name: string;
  language: string;
}) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();
  const remove = async () => {
    const { error } = await browserApi.DELETE('/console/v1/businesses/{businessId}/message_templates', {
      params: { path: { businessId }, query: { name, hsm_id: id } },
    });
    setProblem(error ? explain(error) : undefined);
    router.refresh();
  };
  return (
    <>
      {problem && <Alert>{problem}</Alert>}
      <Dialog>
        <DialogTrigger asChild>
          <Button variant="danger" size="sm" aria-label={`Delete ${name} (${language})`}>
            Delete
          </Button>
        </DialogTrigger>
        <DialogContent
          title={`Delete ${name} (${language})?`}
          description="Messages can no longer be sent with it; its name stays taken for 30 days."
        >
          <div className="row">
            <DialogClose asChild>
              <Button variant="secondary">Keep</Button>
            </DialogClose>
            <DialogClose asChild>
              <Button variant="danger" data-testid="delete-confirm" onClick={() => void remove()}>
                Delete
              </Button>
            </DialogClose>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
