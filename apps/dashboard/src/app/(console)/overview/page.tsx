import type { Metadata } from 'next';
import Link from 'next/link';
import { ConsoleShell } from '../../../components/console/shell';
import { TrafficChart } from '../../../components/console/traffic-chart';
import { Badge, Card, EmptyState, Progress, TableWrap } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { requireConsole } from '../../../lib/api/session';

export const metadata: Metadata = { title: 'Overview' };

const QUALITY_TONE = { GREEN: 'ok', YELLOW: 'warn', RED: 'fail', UNKNOWN: 'neutral' } as const;
const TIER_LABEL: Record<string, string> = {
  TIER_250: '250',
  TIER_2K: '2,000',
  TIER_10K: '10,000',
  TIER_100K: '100,000',
  TIER_UNLIMITED: 'Unlimited',
};

export default async function OverviewPage() {
  const ctx = await requireConsole('/overview');
  const { data } = await (await serverApi()).GET('/console/v1/businesses/{businessId}/overview', {
    params: { path: { businessId: ctx.business.id }, query: { traffic: 'true' } },
  });
  if (!data) throw new Error('the overview could not be read');
  const { messaging_limit: limit } = data;
  return (
    <ConsoleShell ctx={ctx} page="overview" title={data.business.name}>
      {data.failing_webhooks.length > 0 && (
        <Card className="panel-fail" aria-labelledby="failing-title" data-testid="failing-webhooks">
          <h2 id="failing-title">
            {data.failing_webhooks.length === 1
              ? 'A webhook subscription is failing'
              : `${data.failing_webhooks.length} webhook subscriptions are failing`}
          </h2>
          <p>
            Their latest delivery failed; events wait and are retried. Fix the receiver, then replay failed events from{' '}
            <Link href="/developers">Developers</Link>.
          </p>
          <ul>
            {data.failing_webhooks.map((w) => (
              <li key={w.id}>
                <code>{w.callback_url}</code>: {w.last_error} ({w.failed_attempts_24h.toLocaleString('en')} failed in 24
                h, last {new Date(w.last_attempt_at).toLocaleString('en', { timeZone: data.business.time_zone })})
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card aria-labelledby="limit-title">
        <h2 id="limit-title">Messaging limit</h2>
        <p>
          Tier <strong>{TIER_LABEL[limit.tier]}</strong> unique customers per rolling 24 hours, outside a customer
          service window, shared by all the business's numbers.
        </p>
        <Progress value={limit.used_24h} max={limit.limit} label="Messaging limit used in the last 24 hours" />
        <p className="muted" data-testid="limit-use">
          {limit.used_24h.toLocaleString('en')} used
          {limit.limit !== null && ` of ${limit.limit.toLocaleString('en')}`} in the last 24 hours
        </p>
      </Card>
      <Card aria-labelledby="numbers-title">
        <h2 id="numbers-title">Phone numbers</h2>
        {data.numbers.length === 0 ? (
          <EmptyState title="No phone number yet">
            Add one with <code>npm run admin -- add-number --business {data.business.id} --number +E164</code>.
          </EmptyState>
        ) : (
          <TableWrap label="Phone numbers">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Name</th>
                  <th scope="col">Quality</th>
                  <th scope="col">Throughput</th>
                  <th scope="col">Sent, 24 h</th>
                </tr>
              </thead>
              <tbody>
                {data.numbers.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">{n.display_phone_number}</th>
                    <td>{n.verified_name}</td>
                    <td>
                      <Badge tone={QUALITY_TONE[n.quality_rating]}>{n.quality_rating.toLowerCase()}</Badge>
                    </td>
                    <td>{n.messages_per_second} messages/s</td>
                    <td>{n.messages_24h.toLocaleString('en')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
      <Card aria-labelledby="traffic-title">
        <h2 id="traffic-title">Messages sent</h2>
        {data.traffic && <TrafficChart traffic={data.traffic} />}
      </Card>
    </ConsoleShell>
  );
}
