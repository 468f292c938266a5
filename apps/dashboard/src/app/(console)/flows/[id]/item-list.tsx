'use client';
import type { ReactNode } from 'react';
import { Button } from '../../../../components/ui/button';
import styles from '../flows.module.css';

/**
 * A list of rows edited in place (the flow's triggers, its variables): each row's fields, a remove button per row and
 * an add button, both left out when read-only. `noun` names the rows in the buttons' labels.
 */
export function ItemList<T>({
  legend,
  noun,
  items,
  readOnly,
  blank,
  onChange,
  children,
}: {
  legend: string;
  noun: string;
  items: T[];
  readOnly: boolean;
  blank: () => NoInfer<T>;
  onChange: (items: NoInfer<T>[]) => void;
  /** Row `i`'s fields; `update` merges a change into it. */
  children: (item: T, i: number, update: (change: Partial<T>) => void) => ReactNode;
}) {
  const update = (i: number) => (change: Partial<T>) =>
    onChange(items.map((x, j) => (j === i ? { ...x, ...change } : x)));
  return (
    <fieldset className={styles.items}>
      <legend className="label">{legend}</legend>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own (a name may be mid-edit)
        <div className={styles.itemRow} key={i}>
          {children(item, i, update(i))}
          {!readOnly && (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              aria-label={`Remove ${noun} ${i + 1}`}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              ×
            </Button>
          )}
        </div>
      ))}
      {!readOnly && (
        <Button type="button" variant="secondary" size="sm" onClick={() => onChange([...items, blank()])}>
          Add {noun}
        </Button>
      )}
    </fieldset>
  );
}
