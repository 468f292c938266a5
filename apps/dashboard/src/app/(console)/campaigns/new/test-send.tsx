'use client';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Input } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import { Alert } from '../../../../components/ui/misc';
import { browserApi, explain } from '../../../../lib/api/client';
import { filledTemplate, type WizardState } from './wizard-model';

/**
 * "Send a test to one number": the campaign's template, filled from the first audience row, sent now to a number the
 * person types, through the business API's normal send path (so it arrives as the campaign's messages will).
 */
export function TestSend({
  businessId,
  state,
  row,
}: {
  businessId: string;
  state: WizardState;
  row: Record<string, unknown>;
}) {
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(undefined);
    const { data, error } = await browserApi
      .POST('/console/v1/businesses/{businessId}/campaigns/test-send', {
        params: { path: { businessId } },
        body: { phone_number_id: state.phoneNumberId, to, template: filledTemplate(state, row) },
      })
      .finally(() => setBusy(false));
    setResult(
      data
        ? { ok: true, text: `Sent to +${data.contacts[0]?.wa_id}. It arrives as the campaign's messages will.` }
        : { ok: false, text: explain(error) },
    );
  };
  return (
    <section aria-labelledby="test-send-title">
      <h2 id="test-send-title">Send a test</h2>
      <p className="muted small">
        The template filled from the first row, to one number of yours. No campaign is made.
      </p>
      <form className="row filters" onSubmit={send} aria-label="Send a test">
        <div className="field">
          <Label htmlFor="test-to">Test number</Label>
          <Input
            id="test-to"
            type="tel"
            autoComplete="tel"
            placeholder="+16505551234"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            required
          />
        </div>
        <Button type="submit" variant="secondary" disabled={busy || !to.trim()} data-testid="test-send">
          {busy ? 'Sending…' : 'Send a test'}
        </Button>
      </form>
      {result && (
        <Alert tone={result.ok ? 'ok' : 'fail'} testId="test-send-result">
          {result.text}
        </Alert>
      )}
    </section>
  );
}
