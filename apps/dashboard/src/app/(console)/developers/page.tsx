import type { Metadata } from 'next';
import { ConsoleShell } from '../../../components/console/shell';
import { Card } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { type ConsoleContext, requireConsole } from '../../../lib/api/session';
import { ApiKeysTable } from './api-keys-table';
import { CreateKeyDialog } from './create-key-dialog';
import { NumbersTable } from './numbers-table';
import { Subscriptions } from './subscriptions';
import { WebhookEvents } from './webhook-events';

export const metadata: Metadata = { title: 'Developers' };

/** Only owners and admins see keys and webhooks (the API enforces the same). */
const managesDevelopers = (role: ConsoleContext['role']) => role === 'owner' || role === 'admin';

export default async function DevelopersPage() {
  const ctx = await requireConsole('/developers');
  const api = await serverApi();
  const path = { businessId: ctx.business.id };
  const manage = managesDevelopers(ctx.role);
  // Keys and webhooks are owners' and admins' (a key does everything the business can; payloads carry messages).
  const [overview, keys, subscriptions, events] = await Promise.all([
    api.GET('/console/v1/businesses/{businessId}/overview', { params: { path } }),
    manage
      ? api.GET('/console/v1/businesses/{businessId}/api_keys', { params: { path, query: { limit: 100 } } })
      : null,
    manage ? api.GET('/console/v1/businesses/{businessId}/webhook_subscriptions', { params: { path } }) : null,
    manage
      ? api.GET('/console/v1/businesses/{businessId}/webhook_events', { params: { path, query: { limit: 25 } } })
      : null,
  ]);
  if (!overview.data || (keys && !keys.data) || (subscriptions && !subscriptions.data) || (events && !events.data))
    throw new Error('the developer settings could not be read');
  return (
    <ConsoleShell ctx={ctx} page="developers" title="Developers">
      <Card aria-labelledby="keys-title">
        <div className="page-head">
          <h2 id="keys-title">API keys</h2>
          {manage && <CreateKeyDialog businessId={ctx.business.id} />}
        </div>
        {keys?.data ? (
          <ApiKeysTable businessId={ctx.business.id} keys={keys.data.data} />
        ) : (
          <p className="muted" data-testid="keys-read-only">
            Your role ({ctx.role}) cannot see API keys or webhooks: a key can do everything the business can and webhook
            payloads carry customers' messages, so owners and admins manage them.
          </p>
        )}
      </Card>
      {subscriptions?.data && events?.data && (
        <>
          <Card aria-labelledby="subscriptions-title">
            <h2 id="subscriptions-title">Webhook subscriptions</h2>
            <Subscriptions businessId={ctx.business.id} list={subscriptions.data.data} />
          </Card>
          <Card aria-labelledby="events-title">
            <h2 id="events-title">Webhook events</h2>
            <WebhookEvents businessId={ctx.business.id} events={events.data.data} />
          </Card>
        </>
      )}
      <Card aria-labelledby="numbers-title">
        <h2 id="numbers-title">Numbers</h2>
        <p className="muted">
          The Cloud API addresses a number by its id: <code>POST /v23.0/&#123;phone_number_id&#125;/messages</code>.
        </p>
        <NumbersTable numbers={overview.data.numbers} />
      </Card>
    </ConsoleShell>
  );
}
