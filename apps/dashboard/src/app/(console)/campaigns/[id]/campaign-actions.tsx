'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../../components/ui/dialog';
import { Alert } from '../../../../components/ui/misc';
import { browserApi, explain, type Schemas } from '../../../../lib/api/client';

type Action = 'pause' | 'resume' | 'cancel' | 'retry';
type Status = Schemas['Campaign']['status'];

const ASK: Record<Action, { label: string; title: string; description: string; variant: 'secondary' | 'danger' }> = {
  pause: {
    label: 'Pause',
    title: 'Pause this campaign?',
    description: 'Sending stops within a second; nothing is lost, and Resume carries on where it stopped.',
    variant: 'secondary',
  },
  resume: {
    label: 'Resume',
    title: 'Resume this campaign?',
    description: 'Sending starts again with the recipients not sent yet.',
    variant: 'secondary',
  },
  cancel: {
    label: 'Cancel campaign',
    title: 'Cancel this campaign for good?',
    description: 'Recipients not sent yet are skipped. This cannot be undone.',
    variant: 'danger',
  },
  retry: {
    label: 'Retry failed',
    title: 'Retry the failed recipients?',
    description:
      'A new campaign sends this template again to the recipients whose failure can pass (limits, no account yet, temporary errors). Opted-out people and permanent errors are left out; each recipient is retried once.',
    variant: 'secondary',
  },
};

/** What the status allows (the API refuses the rest, naming the status). */
const allowed = (status: Status, failed: number): Action[] => [
  ...(status === 'RUNNING' || status === 'SCHEDULED' ? (['pause'] as const) : []),
  ...(status === 'PAUSED' ? (['resume'] as const) : []),
  ...(failed > 0 ? (['retry'] as const) : []),
  ...(status !== 'COMPLETED' && status !== 'CANCELLED' ? (['cancel'] as const) : []),
];

/** Pause / resume / cancel / retry, each after a confirmation; a retry opens the new campaign. */
export function CampaignActions({
  businessId,
  campaignId,
  status,
  failed,
}: {
  businessId: string;
  campaignId: string;
  status: Status;
  failed: number;
}) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (action: Action) => {
    setBusy(true);
    const path = { businessId, campaignId };
    const { data, error } =
      action === 'retry'
        ? await browserApi.POST('/console/v1/businesses/{businessId}/campaigns/{campaignId}/retry', {
            params: { path },
          })
        : await browserApi.POST(`/console/v1/businesses/{businessId}/campaigns/{campaignId}/${action}`, {
            params: { path },
          });
    setBusy(false);
    setProblem(error ? explain(error) : undefined);
    if (action === 'retry' && data) router.push(`/campaigns/${data.id}`);
    else router.refresh();
  };

  return (
    <div className="row campaign-actions">
      {problem && <Alert testId="campaign-error">{problem}</Alert>}
      {allowed(status, failed).map((action) => (
        <Dialog key={action}>
          <DialogTrigger asChild>
            <Button variant={ASK[action].variant} disabled={busy} data-testid={`campaign-${action}`}>
              {ASK[action].label}
            </Button>
          </DialogTrigger>
          <DialogContent title={ASK[action].title} description={ASK[action].description}>
            <div className="row">
              <DialogClose asChild>
                <Button variant="secondary">Back</Button>
              </DialogClose>
              <DialogClose asChild>
                <Button
                  variant={ASK[action].variant === 'danger' ? 'danger' : 'primary'}
                  data-testid={`confirm-${action}`}
                  onClick={() => void run(action)}
                >
                  {ASK[action].label}
                </Button>
              </DialogClose>
            </div>
          </DialogContent>
        </Dialog>
      ))}
    </div>
  );
}
