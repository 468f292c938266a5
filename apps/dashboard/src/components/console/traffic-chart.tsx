'use client';
import { Fragment } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { components } from '../../lib/api/schema';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../ui/tabs';

type Series = components['schemas']['ConsoleTrafficSeries'];
type Windows = { last_24h: Series; last_7d: Series; last_30d: Series };

const WINDOWS = [
  { key: 'last_24h', label: '24 hours' },
  { key: 'last_7d', label: '7 days' },
  { key: 'last_30d', label: '30 days' },
] as const;

// Each status its own colour, readable on the light and the dark panel (globals.css --chart-*).
const STATUSES = [
  { key: 'sent', label: 'Sent', color: 'var(--chart-sent)' },
  { key: 'delivered', label: 'Delivered', color: 'var(--chart-delivered)' },
  { key: 'read', label: 'Read', color: 'var(--chart-read)' },
  { key: 'failed', label: 'Failed', color: 'var(--chart-failed)' },
] as const;

/** An hour start shown as the viewer's local time; a day (already in the business's zone) as "2 Dec". */
function tick(bucket: Series['bucket'], start: string) {
  if (bucket === 'hour') return new Date(start).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' });
  return new Date(`${start}T00:00:00Z`).toLocaleDateString('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

function totals(series: Series) {
  const sum = { sent: 0, delivered: 0, read: 0, failed: 0 };
  for (const p of series.points) for (const s of STATUSES) sum[s.key] += p[s.key];
  return sum;
}

/** Sent / delivered / read / failed over 24 h, 7 d and 30 d: the window's totals, then a bar per bucket. */
export function TrafficChart({ traffic }: { traffic: Windows }) {
  return (
    <Tabs defaultValue="last_24h">
      <TabsList aria-label="Time window">
        {WINDOWS.map((w) => (
          <TabsTrigger key={w.key} value={w.key} data-testid={`traffic-tab-${w.key}`}>
            {w.label}
          </TabsTrigger>
        ))}
      </TabsList>
      {WINDOWS.map((w) => {
        const series = traffic[w.key];
        const sum = totals(series);
        return (
          <TabsContent key={w.key} value={w.key}>
            <dl className="summary stats" data-testid={`traffic-totals-${w.key}`}>
              {STATUSES.map((s) => (
                <Fragment key={s.key}>
                  <dt>{s.label}</dt>
                  <dd data-testid={`traffic-${w.key}-${s.key}`}>{sum[s.key].toLocaleString('en')}</dd>
                </Fragment>
              ))}
            </dl>
            {sum.sent + sum.failed === 0 ? (
              <p className="muted">
                Nothing sent in this window. Launch a campaign from Campaigns, or send through the API, and the bars
                appear here.
              </p>
            ) : (
              <figure className="chart" aria-label={`Outbound messages by ${series.bucket}, last ${w.label}`}>
                <ResponsiveContainer width="100%" height={260}>
                  <BarChart data={series.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
                    <XAxis
                      dataKey="start"
                      tickFormatter={(v: string) => tick(series.bucket, v)}
                      stroke="var(--muted)"
                      minTickGap={16}
                    />
                    <YAxis allowDecimals={false} stroke="var(--muted)" width={48} />
                    <Tooltip
                      labelFormatter={(v) => tick(series.bucket, String(v))}
                      contentStyle={{ background: 'var(--panel)', borderColor: 'var(--border)', color: 'var(--fg)' }}
                    />
                    <Legend />
                    {STATUSES.map((s) => (
                      <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              </figure>
            )}
          </TabsContent>
        );
      })}
    </Tabs>
  );
}
