import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return <section className={cn('panel', className)} {...props} />;
}

export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: 'ok' | 'warn' | 'fail' | 'neutral';
  children: ReactNode;
}) {
  return <span className={cn('badge', `badge-${tone}`)}>{children}</span>;
}

/** A labelled bar: `value` of `max` (an unknown max shows no bar, only the figures). */
export function Progress({ value, max, label }: { value: number; max: number | null; label: string }) {
  const pct = max ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max ?? undefined}
      aria-valuenow={value}
    >
      <div className="progress-bar" style={{ width: `${pct}%` }} />
    </div>
  );
}

/** What to do when there is nothing to show yet. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty">
      <h3>{title}</h3>
      <p className="muted">{children}</p>
    </div>
  );
}

export function Alert({
  children,
  tone = 'fail',
  testId,
}: {
  children: ReactNode;
  tone?: 'fail' | 'ok';
  testId?: string;
}) {
  return (
    <div role="alert" className={cn('alert', `alert-${tone}`)} data-testid={testId}>
      {children}
    </div>
  );
}

/** A table that may scroll sideways on a phone: a labelled region keyboard users can focus and scroll. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
