'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Alert, Card } from '../../../../components/ui/misc';
import { browserApi, explain } from '../../../../lib/api/client';
import { TemplatePreview } from '../../templates/template-preview';
import { AudienceStep, type SendingNumber } from './audience-step';
import { ReviewStep } from './review-step';
import { ScheduleStep } from './schedule-step';
import { TemplateStep } from './template-step';
import { TestSend } from './test-send';
import styles from './wizard.module.css';
import { type CheckResult, campaignRequest, previewOf, type Template, type WizardState } from './wizard-model';

const STEPS = ['Audience', 'Template', 'Schedule', 'Review'] as const;

/** What stops a step from going on, in words; undefined when it is complete. */
function incomplete(step: number, s: WizardState): string | undefined {
  if (step === 0) {
    if (!s.name.trim()) return 'Give the campaign a name.';
    if (!s.audience.columns.length)
      return s.audience.kind === 'csv' ? 'Choose a CSV file.' : 'Choose the contacts ("Use these contacts").';
  }
  if (step === 1) {
    if (!s.template) return 'Choose a template.';
    const empty = Object.entries(s.sources).find(([, src]) => 'text' in src && !src.text.trim());
    if (empty) return `Give a text for ${empty[0].split(':')[1]}, or choose a column.`;
  }
  if (step === 2 && s.schedule.mode === 'later' && !s.schedule.at) return 'Choose when to start.';
  return undefined;
}

/**
 * The create wizard: audience → template and its variables (with a live preview from the first row) → schedule →
 * review (the API's check: every row validated, nothing kept) → launch, which opens the campaign's page.
 */
export function CampaignWizard(props: {
  businessId: string;
  timeZone: string;
  numbers: SendingNumber[];
  templates: Template[];
}) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [state, setState] = useState<WizardState>({
    name: '',
    phoneNumberId: props.numbers[0]?.id ?? '',
    audience: { kind: 'csv', csv: '', fileName: '', columns: [], first: {}, rows: 0, tags: [] },
    sources: {},
    schedule: { mode: 'now', at: '' },
  });
  const [check, setCheck] = useState<CheckResult>();
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const request = useMemo(() => (state.template ? campaignRequest(state) : undefined), [state]);
  // One key per request: a double click or a retried launch makes one campaign; a changed request is a new one.
  const idempotencyKey = useMemo(() => request && crypto.randomUUID(), [request]);
  const update = (s: Partial<WizardState>) => {
    setState((old) => ({ ...old, ...s }));
    setProblem(undefined);
  };
  const path = { businessId: props.businessId };

  const next = async () => {
    const missing = incomplete(step, state);
    if (missing) return setProblem(missing);
    setProblem(undefined);
    if (step < 2) return setStep(step + 1);
    setCheck(undefined);
    const rows = state.audience.kind === 'csv' ? `${state.audience.rows.toLocaleString('en')} rows` : 'the contacts';
    setBusy(`Checking ${rows}…`);
    const { data, error } = await browserApi
      // biome-ignore lint/suspicious/noExplicitAny: components are checked by the API, which names the one that is wrong
      .POST('/console/v1/businesses/{businessId}/campaigns/check', { params: { path }, body: request as any })
      .finally(() => setBusy(undefined));
    if (!data) return setProblem(explain(error));
    setCheck(data);
    setStep(3);
  };

  const launch = async () => {
    setBusy('Launching: building the audience…');
    const { data, error } = await browserApi
      .POST('/console/v1/businesses/{businessId}/campaigns', {
        params: { path, header: { 'Idempotency-Key': idempotencyKey! } },
        // biome-ignore lint/suspicious/noExplicitAny: as above
        body: request as any,
      })
      .finally(() => setBusy(undefined));
    if (!data) return setProblem(explain(error));
    router.push(`/campaigns/${data.id}`);
  };

  const preview = state.template && previewOf(state.template, state.sources, state.audience.first);
  return (
    <div>
      <ol className={styles.steps} aria-label="Steps">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === step ? 'step' : undefined} className={i < step ? styles.done : undefined}>
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      <div className={styles.body}>
        <Card aria-labelledby="step-title">
          <h2 id="step-title">{STEPS[step]}</h2>
          {step === 0 && (
            <AudienceStep businessId={props.businessId} numbers={props.numbers} state={state} update={update} />
          )}
          {step === 1 && <TemplateStep templates={props.templates} state={state} update={update} />}
          {step === 2 && <ScheduleStep timeZone={props.timeZone} state={state} update={update} />}
          {step === 3 && check && <ReviewStep state={state} check={check} />}
          {step === 3 && check && (
            <TestSend businessId={props.businessId} state={state} row={check.sample ?? state.audience.first} />
          )}
          {busy && (
            <div role="status" className={styles.busy} data-testid="wizard-busy">
              <div className={styles.busyBar} role="progressbar" aria-label={busy} />
              <span className="muted">{busy}</span>
            </div>
          )}
          {problem && <Alert testId="wizard-error">{problem}</Alert>}
          <div className="row">
            {step > 0 && (
              <Button type="button" variant="secondary" onClick={() => setStep(step - 1)} disabled={Boolean(busy)}>
                Back
              </Button>
            )}
            {step < 3 ? (
              <Button type="button" onClick={next} disabled={Boolean(busy)} data-testid="wizard-next">
                {step === 2 ? 'Review' : 'Next'}
              </Button>
            ) : (
              <Button
                type="button"
                onClick={launch}
                disabled={Boolean(busy) || !check?.report.pending}
                data-testid="wizard-launch"
              >
                {state.schedule.mode === 'later' ? 'Schedule campaign' : 'Launch campaign'}
              </Button>
            )}
          </div>
        </Card>
        {preview && step < 3 && (
          <Card aria-labelledby="preview-title">
            <h2 id="preview-title">Preview: the first row</h2>
            <TemplatePreview
              header={preview.header}
              headerExample=""
              body={preview.body}
              examples={[]}
              footer={preview.footer}
              buttons={preview.buttons}
            />
          </Card>
        )}
      </div>
    </div>
  );
}
