'use client';
import { Input } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import styles from './wizard.module.css';
import type { WizardState } from './wizard-model';

/** Step 3: now, or at a wall time in the business's time zone (the API reads it there, DST included). */
export function ScheduleStep({
  timeZone,
  state,
  update,
}: {
  timeZone: string;
  state: WizardState;
  update: (s: Partial<WizardState>) => void;
}) {
  const s = state.schedule;
  return (
    <fieldset className={`form ${styles.step}`}>
      <legend className="sr-only">Schedule</legend>
      <div role="radiogroup" aria-label="When" className="row">
        <label className={styles.radio}>
          <input
            type="radio"
            name="w-when"
            checked={s.mode === 'now'}
            onChange={() => update({ schedule: { ...s, mode: 'now' } })}
          />
          Send now
        </label>
        <label className={styles.radio}>
          <input
            type="radio"
            name="w-when"
            checked={s.mode === 'later'}
            onChange={() => update({ schedule: { ...s, mode: 'later' } })}
          />
          Schedule
        </label>
      </div>
      {s.mode === 'later' && (
        <>
          <Label htmlFor="w-at">Start at ({timeZone})</Label>
          <Input
            id="w-at"
            type="datetime-local"
            value={s.at}
            onChange={(e) => update({ schedule: { ...s, at: e.target.value } })}
          />
          <p className="muted small">Read in the business's time zone, {timeZone}. A time already past starts now.</p>
        </>
      )}
    </fieldset>
  );
}
