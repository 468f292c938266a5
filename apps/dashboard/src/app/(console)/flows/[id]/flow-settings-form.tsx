'use client';
import { Button } from '../../../../components/ui/button';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import type { TriggerRow } from '../../../../lib/flows/flow-settings';
import type { DraftVariable } from '../../../../lib/flows/graph';
import styles from '../flows.module.css';

export interface Settings {
  name: string;
  numbers: string[];
  triggers: TriggerRow[];
  priority: number;
  variables: DraftVariable[];
}

const TRIGGERS = ['keyword', 'regex', 'new_contact', 'fallback'] as const;
const TYPES = ['string', 'number', 'boolean'] as const;

/** The flow as a whole: its name, the numbers and triggers that start it, its priority and its variables. */
export function FlowSettingsForm({
  settings,
  numbers,
  readOnly,
  onChange,
}: {
  settings: Settings;
  numbers: { id: string; display_phone_number: string }[];
  readOnly: boolean;
  onChange: (s: Settings) => void;
}) {
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => onChange({ ...settings, [k]: v });
  const setTrigger = (i: number, t: Partial<TriggerRow>) =>
    set(
      'triggers',
      settings.triggers.map((x, j) => (j === i ? { ...x, ...t } : x)),
    );
  const setVariable = (i: number, v: Partial<DraftVariable>) =>
    set(
      'variables',
      settings.variables.map((x, j) => (j === i ? { ...x, ...v } : x)),
    );
  return (
    <div className="form" data-testid="flow-settings">
      <h2>Flow</h2>
      <Label htmlFor="flow-name">Name</Label>
      <Input id="flow-name" value={settings.name} disabled={readOnly} onChange={(e) => set('name', e.target.value)} />
      <fieldset className={styles.items}>
        <legend className="label">Listens on</legend>
        {numbers.map((n) => (
          <label key={n.id} className={styles.check}>
            <input
              type="checkbox"
              checked={settings.numbers.includes(n.id)}
              disabled={readOnly}
              onChange={(e) =>
                set(
                  'numbers',
                  e.target.checked ? [...settings.numbers, n.id] : settings.numbers.filter((x) => x !== n.id),
                )
              }
            />
            {n.display_phone_number}
          </label>
        ))}
      </fieldset>
      <fieldset className={styles.items}>
        <legend className="label">Starts on (keywords comma-separated)</legend>
        {settings.triggers.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: triggers have no id of their own
          <div className={styles.itemRow} key={i}>
            <NativeSelect
              aria-label={`Trigger ${i + 1} type`}
              value={t.type}
              disabled={readOnly}
              onChange={(e) => setTrigger(i, { type: e.target.value as TriggerRow['type'] })}
            >
              {TRIGGERS.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </NativeSelect>
            {(t.type === 'keyword' || t.type === 'regex') && (
              <Input
                aria-label={`Trigger ${i + 1} ${t.type === 'keyword' ? 'keywords' : 'pattern'}`}
                value={t.value}
                disabled={readOnly}
                onChange={(e) => setTrigger(i, { value: e.target.value })}
              />
            )}
            {!readOnly && (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                aria-label={`Remove trigger ${i + 1}`}
                onClick={() =>
                  set(
                    'triggers',
                    settings.triggers.filter((_, j) => j !== i),
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
            onClick={() => set('triggers', [...settings.triggers, { type: 'keyword', value: '' }])}
          >
            Add trigger
          </Button>
        )}
      </fieldset>
      <Label htmlFor="flow-priority">Priority (higher wins when several flows match)</Label>
      <Input
        id="flow-priority"
        type="number"
        value={settings.priority}
        disabled={readOnly}
        onChange={(e) => set('priority', Number(e.target.value) || 0)}
      />
      <fieldset className={styles.items}>
        <legend className="label">Variables</legend>
        {settings.variables.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a variable's name is mid-edit
          <div className={styles.itemRow} key={i}>
            <Input
              aria-label={`Variable ${i + 1} name`}
              value={v.name}
              disabled={readOnly}
              onChange={(e) => setVariable(i, { name: e.target.value })}
            />
            <NativeSelect
              aria-label={`Variable ${i + 1} type`}
              value={v.type}
              disabled={readOnly}
              onChange={(e) => setVariable(i, { type: e.target.value as DraftVariable['type'] })}
            >
              {TYPES.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </NativeSelect>
            {!readOnly && (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                aria-label={`Remove variable ${i + 1}`}
                onClick={() =>
                  set(
                    'variables',
                    settings.variables.filter((_, j) => j !== i),
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
            onClick={() => set('variables', [...settings.variables, { name: '', type: 'string' }])}
          >
            Add variable
          </Button>
        )}
      </fieldset>
    </div>
  );
}
