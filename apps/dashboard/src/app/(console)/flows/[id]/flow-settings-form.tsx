'use client';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import type { TriggerRow } from '../../../../lib/flows/flow-settings';
import type { DraftVariable } from '../../../../lib/flows/graph';
import styles from '../flows.module.css';
import { ItemList } from './item-list';

export interface Settings {
  name: string;
  numbers: string[];
  triggers: TriggerRow[];
  priority: number;
  variables: DraftVariable[];
}

const TRIGGERS = ['keyword', 'regex', 'new_contact', 'campaign', 'fallback'] as const;
/** What a trigger type's text field holds. */
const VALUE_LABEL: Partial<Record<TriggerRow['type'], string>> = {
  keyword: 'keywords',
  regex: 'pattern',
  campaign: 'campaign id',
};
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
      <ItemList
        legend="Starts on (keywords and payloads comma-separated)"
        noun="trigger"
        items={settings.triggers}
        readOnly={readOnly}
        blank={(): TriggerRow => ({ type: 'keyword', value: '' })}
        onChange={(ts) => set('triggers', ts)}
      >
        {(t, i, update) => (
          <>
            <NativeSelect
              aria-label={`Trigger ${i + 1} type`}
              value={t.type}
              disabled={readOnly}
              onChange={(e) => update({ type: e.target.value as TriggerRow['type'] })}
            >
              {TRIGGERS.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </NativeSelect>
            {t.type in VALUE_LABEL && (
              <Input
                aria-label={`Trigger ${i + 1} ${VALUE_LABEL[t.type]}`}
                value={t.value}
                disabled={readOnly}
                onChange={(e) => update({ value: e.target.value })}
              />
            )}
            {t.type === 'campaign' && (
              <Input
                aria-label={`Trigger ${i + 1} button payloads`}
                placeholder="any reply"
                value={t.payloads ?? ''}
                disabled={readOnly}
                onChange={(e) => update({ payloads: e.target.value })}
              />
            )}
          </>
        )}
      </ItemList>
      <Label htmlFor="flow-priority">Priority (higher wins when several flows match)</Label>
      <Input
        id="flow-priority"
        type="number"
        value={settings.priority}
        disabled={readOnly}
        onChange={(e) => set('priority', Number(e.target.value) || 0)}
      />
      <ItemList
        legend="Variables"
        noun="variable"
        items={settings.variables}
        readOnly={readOnly}
        blank={(): DraftVariable => ({ name: '', type: 'string' })}
        onChange={(vs) => set('variables', vs)}
      >
        {(v, i, update) => (
          <>
            <Input
              aria-label={`Variable ${i + 1} name`}
              value={v.name}
              disabled={readOnly}
              onChange={(e) => update({ name: e.target.value })}
            />
            <NativeSelect
              aria-label={`Variable ${i + 1} type`}
              value={v.type}
              disabled={readOnly}
              onChange={(e) => update({ type: e.target.value as DraftVariable['type'] })}
            >
              {TYPES.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </NativeSelect>
          </>
        )}
      </ItemList>
    </div>
  );
}
