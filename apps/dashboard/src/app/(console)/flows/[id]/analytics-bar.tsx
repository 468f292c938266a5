'use client';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import { Alert, Card } from '../../../../components/ui/misc';
import { browserApi, explain, type Schemas } from '../../../../lib/api/client';
import styles from '../flows.module.css';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Per-step figures over a date range, drawn on the canvas: runs that entered, went on, errored or are still there. */
export function AnalyticsBar({
  businessId,
  flowId,
  versions,
  stats,
  onStats,
}: {
  businessId: string;
  flowId: string;
  versions: Schemas['FlowVersion'][];
  stats?: Schemas['FlowAnalytics'];
  onStats: (s?: Schemas['FlowAnalytics']) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const load = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const until = new Date(`${form.get('until')}T00:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 1);
    const version = String(form.get('version') ?? '');
    setBusy(true);
    const { data, error } = await browserApi.GET('/console/v1/businesses/{businessId}/flows/{flowId}/analytics', {
      params: {
        path: { businessId, flowId },
        query: {
          since: `${form.get('since')}T00:00:00Z`,
          until: until.toISOString(),
          ...(version && { version: Number(version) }),
        },
      },
    });
    setBusy(false);
    setProblem(data ? undefined : explain(error));
    onStats(data);
  };
  const now = new Date();
  return (
    <Card aria-labelledby="analytics-title">
      <h2 id="analytics-title">Analytics</h2>
      <form className="row" onSubmit={load} aria-label="Analytics range">
        <div>
          <Label htmlFor="an-since">From</Label>
          <Input id="an-since" name="since" type="date" defaultValue={day(new Date(now.getTime() - 29 * 86_400_000))} />
        </div>
        <div>
          <Label htmlFor="an-until">To</Label>
          <Input id="an-until" name="until" type="date" defaultValue={day(now)} />
        </div>
        <div>
          <Label htmlFor="an-version">Version</Label>
          <NativeSelect id="an-version" name="version" defaultValue="">
            <option value="">All</option>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary" disabled={busy} data-testid="analytics-show">
          {busy ? 'Counting…' : 'Show on the canvas'}
        </Button>
        {stats && (
          <Button type="button" variant="ghost" onClick={() => onStats(undefined)}>
            Hide
          </Button>
        )}
      </form>
      {problem && <Alert>{problem}</Alert>}
      {stats && (
        <p className={styles.totals} data-testid="analytics-totals">
          {stats.runs.total} runs started: {stats.runs.completed} completed, {stats.runs.running + stats.runs.waiting}{' '}
          in progress, {stats.runs.handed_off} handed off, {stats.runs.failed} failed, {stats.runs.stopped} stopped.
        </p>
      )}
    </Card>
  );
}
