'use client';
import { Alert, TableWrap } from '../../../../components/ui/misc';
import { TemplatePreview } from '../../templates/template-preview';
import styles from './wizard.module.css';
import { type CheckResult, duration, previewOf, type WizardState } from './wizard-model';

const REASONS: Record<string, string> = {
  invalid_number: 'Not a valid phone number',
  duplicate: 'Already earlier in the audience',
  opted_out: 'Opted out of marketing messages',
  missing_variable: 'A value for a variable is missing',
};

/** Step 4: what the API says the campaign would be — the report row by row, the duration, the limit's warnings. */
export function ReviewStep({ state, check }: { state: WizardState; check: CheckResult }) {
  const { report, estimate } = check;
  const limit = estimate.messaging_limit;
  const preview = check.sample && state.template && previewOf(state.template, state.sources, check.sample);
  const counts: [string, number, string][] = [
    ['Will be sent', report.pending, 'pending'],
    ['Invalid numbers', report.invalid, 'invalid'],
    ['Duplicates', report.duplicates, 'duplicates'],
    ['Opted out', report.opted_out, 'opted_out'],
    ['Missing variables', report.missing_variable, 'missing_variable'],
  ];
  return (
    <div>
      <section aria-labelledby="report-title">
        <h2 id="report-title">
          {report.recipients.toLocaleString('en')} recipients
          {check.scheduled_at && ` · starts ${new Date(check.scheduled_at).toLocaleString('en')}`}
        </h2>
        <dl className={styles.report} data-testid="report">
          {counts.map(([label, n, key]) => (
            <div key={key} data-testid={`report-${key}`}>
              <dt>{label}</dt>
              <dd>{n.toLocaleString('en')}</dd>
            </div>
          ))}
        </dl>
        {report.pending === 0 && (
          <Alert testId="nothing-to-send">
            No recipient can be sent to: fix the audience or the variables (go back), or choose another audience.
          </Alert>
        )}
        {report.samples.length > 0 && (
          <TableWrap label="Rows that will not be sent">
            <table className="table" data-testid="report-samples">
              <caption className="muted small">
                The first {report.samples.length} rows that will not be sent (they are skipped, nothing else stops)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Number as given</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {report.samples.map((s) => (
                  <tr key={s.row}>
                    <td>{s.row}</td>
                    <td>{s.input || '(empty)'}</td>
                    <td>{REASONS[s.reason] ?? s.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section aria-labelledby="estimate-title">
        <h2 id="estimate-title">Duration</h2>
        <p data-testid="estimate">
          {duration(estimate.seconds)} at {estimate.messages_per_second.toLocaleString('en')} messages a second
          {estimate.over_limit > 0 && ', waiting for the messaging limit'}.
        </p>
        {limit.limit !== null && (
          <p className="muted small">
            Messaging limit: {limit.used_24h.toLocaleString('en')} of {limit.limit.toLocaleString('en')} customers
            contacted in the last 24 hours; {limit.remaining?.toLocaleString('en')} left.
          </p>
        )}
        {estimate.over_limit > 0 && (
          <Alert testId="limit-warning">
            {estimate.over_limit.toLocaleString('en')} recipients are beyond today's messaging limit. They are sent as
            the limit frees up (customers whose 24-hour window is open do not count), which can take days; the campaign
            shows "waiting for the messaging limit" meanwhile.
          </Alert>
        )}
      </section>
      {preview && (
        <section aria-labelledby="sample-title">
          <h2 id="sample-title">The first recipient sees</h2>
          <TemplatePreview
            header={preview.header}
            headerExample=""
            body={preview.body}
            examples={[]}
            footer={preview.footer}
            buttons={preview.buttons}
          />
        </section>
      )}
    </div>
  );
}
