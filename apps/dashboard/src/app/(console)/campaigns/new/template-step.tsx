'use client';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import { EmptyState } from '../../../../components/ui/misc';
import styles from './wizard.module.css';
import {
  guessSource,
  type Source,
  type Template,
  templateVariables,
  variableId,
  type WizardState,
} from './wizard-model';

const FIXED = '\u0000fixed';

/** Step 2: an approved template, and where each of its variables comes from (a column, or one text for everyone). */
export function TemplateStep({
  templates,
  state,
  update,
}: {
  templates: Template[];
  state: WizardState;
  update: (s: Partial<WizardState>) => void;
}) {
  if (!templates.length)
    return (
      <EmptyState title="No approved template">
        A campaign sends an approved template. Create one on the Templates page; it can be used here once its review
        approves it.
      </EmptyState>
    );
  const columns = state.audience.columns;
  const choose = (id: string) => {
    const template = templates.find((t) => t.id === id);
    const vars = template ? templateVariables(template) : [];
    update({ template, sources: Object.fromEntries(vars.map((v, i) => [variableId(v), guessSource(v, i, columns)])) });
  };
  const setSource = (id: string, source: Source) => update({ sources: { ...state.sources, [id]: source } });
  const vars = state.template ? templateVariables(state.template) : [];
  return (
    <fieldset className={`form ${styles.step}`}>
      <legend className="sr-only">Template</legend>
      <Label htmlFor="w-template">Approved template</Label>
      <NativeSelect id="w-template" value={state.template?.id ?? ''} onChange={(e) => choose(e.target.value)}>
        <option value="">Choose a template…</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} · {t.language} · {t.category.toLowerCase()}
          </option>
        ))}
      </NativeSelect>
      {state.template && vars.length === 0 && <p className="muted">This template has no variables.</p>}
      {vars.map((v) => {
        const id = variableId(v);
        const source = state.sources[id] ?? { text: '' };
        const fieldId = `w-var-${v.component}-${v.key}`;
        return (
          <div key={id} className={styles.mapping}>
            <Label htmlFor={fieldId}>
              {v.component === 'header' ? 'Header' : 'Body'} {`{{${v.key}}}`}
            </Label>
            <NativeSelect
              id={fieldId}
              value={'column' in source ? source.column : FIXED}
              onChange={(e) => setSource(id, e.target.value === FIXED ? { text: '' } : { column: e.target.value })}
            >
              {columns.map((c) => (
                <option key={c} value={c}>
                  Column {c}
                </option>
              ))}
              <option value={FIXED}>The same text for everyone</option>
            </NativeSelect>
            {'text' in source && (
              <Input
                aria-label={`Text for {{${v.key}}}`}
                value={source.text}
                onChange={(e) => setSource(id, { text: e.target.value })}
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
