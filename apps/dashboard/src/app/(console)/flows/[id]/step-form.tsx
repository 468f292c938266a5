'use client';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import type { DraftStep } from '../../../../lib/flows/graph';
import { type FieldSpec, stepType } from '../../../../lib/flows/node-types';
import styles from '../flows.module.css';

type Item = Record<string, string>;

const linesOf = (v: unknown) => (Array.isArray(v) ? v.join('\n') : '');
const pairsOf = (v: unknown) =>
  v && typeof v === 'object'
    ? Object.entries(v as Record<string, string>)
        .map(([k, x]) => `${k}: ${x}`)
        .join('\n')
    : '';
const parseLines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const parsePairs = (s: string) =>
  Object.fromEntries(
    parseLines(s).flatMap((l) => {
      const i = l.indexOf(':');
      return i > 0 ? [[l.slice(0, i).trim(), l.slice(i + 1).trim()]] : [];
    }),
  );

/** A rule's value as the engine compares it: numbers for gt/lt, text otherwise. */
const itemValue = (key: string, value: string, item: Item) =>
  key === 'value' && (item.op === 'gt' || item.op === 'lt') && value.trim() !== '' && !Number.isNaN(Number(value))
    ? Number(value)
    : value;

/** The side panel's form for one step, built from its entry in the palette's table. */
export function StepForm({
  step,
  readOnly,
  isStart,
  onChange,
  onDelete,
  onMakeStart,
}: {
  step: DraftStep;
  readOnly: boolean;
  isStart: boolean;
  onChange: (step: DraftStep) => void;
  onDelete: () => void;
  onMakeStart: () => void;
}) {
  const type = stepType(step.type);
  const set = (key: string, value: unknown) => {
    const next = { ...step, [key]: value };
    if (value === undefined) delete next[key];
    onChange(next);
  };
  const fid = (key: string) => `step-${step.id}-${key}`;

  const field = (f: FieldSpec) => {
    const value = step[f.key];
    switch (f.kind) {
      case 'text':
      case 'number':
        return (
          <Input
            id={fid(f.key)}
            type={f.kind === 'number' ? 'number' : 'text'}
            value={value === undefined ? '' : String(value)}
            disabled={readOnly}
            onChange={(e) => {
              const v = e.target.value;
              if (v === '' && f.optional) return set(f.key, undefined);
              set(f.key, f.kind === 'number' ? (v === '' ? undefined : Number(v)) : v);
            }}
          />
        );
      case 'textarea':
        return (
          <textarea
            id={fid(f.key)}
            className="input"
            rows={3}
            value={typeof value === 'string' ? value : ''}
            disabled={readOnly}
            onChange={(e) => set(f.key, e.target.value === '' && f.optional ? undefined : e.target.value)}
          />
        );
      case 'select':
        return (
          <NativeSelect
            id={fid(f.key)}
            value={String(value ?? f.options[0])}
            disabled={readOnly}
            onChange={(e) => set(f.key, e.target.value)}
          >
            {f.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </NativeSelect>
        );
      case 'lines':
        return (
          <TextList
            id={fid(f.key)}
            initial={linesOf(value)}
            readOnly={readOnly}
            onChange={(s) => set(f.key, parseLines(s))}
          />
        );
      case 'pairs':
        return (
          <TextList
            id={fid(f.key)}
            initial={pairsOf(value)}
            readOnly={readOnly}
            onChange={(s) => set(f.key, parsePairs(s))}
          />
        );
      case 'items': {
        const items = (Array.isArray(value) ? value : []) as Item[];
        const put = (i: number, key: string, v: string) =>
          set(
            f.key,
            items.map((it, j) => (j === i ? { ...it, [key]: itemValue(key, v, it) } : it)),
          );
        return (
          <fieldset className={styles.items} id={fid(f.key)}>
            <legend className="sr-only">{f.label}</legend>
            {items.map((it, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their ids may be mid-edit
              <div className={styles.itemRow} key={i}>
                {f.columns.map((c) =>
                  c.options ? (
                    <NativeSelect
                      key={c.key}
                      aria-label={`${f.label} ${i + 1} ${c.label}`}
                      value={String(it[c.key] ?? c.options[0])}
                      disabled={readOnly}
                      onChange={(e) => put(i, c.key, e.target.value)}
                    >
                      {c.options.map((o) => (
                        <option key={o}>{o}</option>
                      ))}
                    </NativeSelect>
                  ) : (
                    <Input
                      key={c.key}
                      aria-label={`${f.label} ${i + 1} ${c.label}`}
                      placeholder={c.label}
                      value={it[c.key] === undefined ? '' : String(it[c.key])}
                      disabled={readOnly}
                      onChange={(e) => put(i, c.key, e.target.value)}
                    />
                  ),
                )}
                {!readOnly && (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove ${f.label} ${i + 1}`}
                    onClick={() =>
                      set(
                        f.key,
                        items.filter((_, j) => j !== i),
                      )
                    }
                  >
                    ×
                  </Button>
                )}
              </div>
            ))}
            {!readOnly && (
              <Button
                type="button"
                variant="secondary"
                size="sm"
                onClick={() =>
                  set(f.key, [
                    ...items,
                    Object.fromEntries(
                      f.columns.map((c) => [
                        c.key,
                        c.options?.[0] ?? (c.key === 'id' ? `option_${items.length + 1}` : ''),
                      ]),
                    ),
                  ])
                }
              >
                Add to {f.label.toLowerCase()}
              </Button>
            )}
          </fieldset>
        );
      }
    }
  };

  return (
    <div className="form" data-testid="step-form">
      <h2>
        {type?.label ?? step.type} <code>{step.id}</code>
      </h2>
      {type && <p className="muted">This step {type.blurb}.</p>}
      {type ? (
        type.fields.map((f) => (
          <div key={f.key} className={styles.field}>
            <Label htmlFor={fid(f.key)}>{f.label}</Label>
            {field(f)}
            {f.help && <p className="muted">{f.help}</p>}
          </div>
        ))
      ) : (
        <RawStep step={step} readOnly={readOnly} onChange={onChange} />
      )}
      {!readOnly && (
        <div className="row">
          {!isStart && (
            <Button type="button" variant="secondary" size="sm" onClick={onMakeStart}>
              Make it the start
            </Button>
          )}
          <Button type="button" variant="danger" size="sm" onClick={onDelete} data-testid="step-delete">
            Delete step
          </Button>
        </div>
      )}
    </div>
  );
}

/** A free-text list (one item a line), parsed on every change but shown as typed. */
function TextList({
  id,
  initial,
  readOnly,
  onChange,
}: {
  id: string;
  initial: string;
  readOnly: boolean;
  onChange: (s: string) => void;
}) {
  const [text, setText] = useState(initial);
  return (
    <textarea
      id={id}
      className="input"
      rows={3}
      value={text}
      disabled={readOnly}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}

/** A step type this console does not know yet: its JSON, checked by the API on save. */
function RawStep({
  step,
  readOnly,
  onChange,
}: {
  step: DraftStep;
  readOnly: boolean;
  onChange: (s: DraftStep) => void;
}) {
  const [text, setText] = useState(JSON.stringify(step, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <>
      <Label htmlFor={`step-${step.id}-json`}>Step (JSON)</Label>
      <textarea
        id={`step-${step.id}-json`}
        className="input"
        rows={10}
        value={text}
        disabled={readOnly}
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed = JSON.parse(e.target.value) as DraftStep;
            setBad(false);
            onChange({ ...parsed, id: step.id });
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && <p className="muted">Not JSON yet: the step keeps its last valid form.</p>}
    </>
  );
}
