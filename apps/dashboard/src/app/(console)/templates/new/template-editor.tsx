'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useMemo, useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import { Alert, Card } from '../../../../components/ui/misc';
import { browserApi, explain, type Schemas } from '../../../../lib/api/client';
import { TemplatePreview } from '../template-preview';
import styles from '../templates.module.css';

type Field = 'name' | 'language' | 'category' | 'header' | 'body' | 'footer' | 'buttons' | 'form';

/** The body's variables in order of first appearance: `{{1}}`, `{{2}}`… each needs an example for review. */
const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!))];

/** Which field an API refusal's details name (`components[1].text: …` points at the component built from a field). */
function fieldOf(details: string, order: Field[]): Field {
  const component = /components\[(\d+)\]/.exec(details);
  if (component) return order[Number(component[1])] ?? 'form';
  for (const f of ['name', 'language', 'category'] as const) if (details.startsWith(f)) return f;
  return 'form';
}

type Template = Schemas['MessageTemplate'];
type HeaderKind = 'NONE' | 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT';
const MEDIA_KINDS = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];
const isMedia = (k: HeaderKind): k is MediaKind => (MEDIA_KINDS as readonly string[]).includes(k);
/** What each media header accepts as its sample (the media endpoint's own limits apply on upload). */
const ACCEPT: Record<MediaKind, string> = {
  IMAGE: 'image/jpeg,image/png',
  VIDEO: 'video/mp4,video/3gpp',
  DOCUMENT: 'application/pdf',
};
/** A stored component as the editor reads it (the generated type leaves examples and buttons open). */
type Part = Omit<Template['components'][number], 'example' | 'buttons'> & {
  example?: { header_text?: string[]; body_text?: string[][]; header_handle?: string[] };
  buttons?: { type: string; text?: string }[];
};

/**
 * The editor's fields from a stored template; undefined when it has parts this editor cannot write (a location
 * header, buttons other than quick replies), which are then edited through the API.
 */
export function fieldsOf(t: Template) {
  const part = (type: string) => t.components.find((c) => c.type.toUpperCase() === type) as Part | undefined;
  const header = part('HEADER');
  const buttons = part('BUTTONS')?.buttons ?? [];
  const format = (header?.format?.toUpperCase() ?? 'NONE') as HeaderKind;
  if (!['NONE', 'TEXT', ...MEDIA_KINDS].includes(format) || buttons.some((b) => b.type !== 'QUICK_REPLY'))
    return undefined;
  const body = part('BODY');
  return {
    fields: {
      name: t.name,
      language: t.language,
      category: t.category,
      headerKind: format,
      headerHandle: header?.example?.header_handle?.[0] ?? '',
      header: header?.text ?? '',
      headerExample: header?.example?.header_text?.[0] ?? '',
      body: body?.text ?? '',
      footer: part('FOOTER')?.text ?? '',
      buttons: buttons.map((b) => b.text ?? '').join('\n'),
    },
    examples: body?.example?.body_text?.[0] ?? [],
  };
}

/**
 * A new template, or an edit of one (`editing`: name and language stay, an approved one keeps its category), with a
 * live preview; submitting sends it to review through the Cloud API's own rules.
 */
export function TemplateEditor({
  businessId,
  phoneNumberId,
  editing,
}: {
  businessId: string;
  /** The number a media header's sample is uploaded on (the media endpoint keeps media per number). */
  phoneNumberId?: string;
  editing?: Template;
}) {
  const router = useRouter();
  const initial = editing && fieldsOf(editing);
  const [v, setV] = useState(
    initial?.fields ?? {
      name: '',
      language: 'en_US',
      category: 'UTILITY',
      headerKind: 'NONE' as HeaderKind,
      headerHandle: '',
      header: '',
      headerExample: '',
      body: '',
      footer: '',
      buttons: '',
    },
  );
  const [examples, setExamples] = useState<string[]>(initial?.examples ?? []);
  const [problem, setProblem] = useState<{ field: Field; text: string }>();
  // The chosen sample as the preview shows it (an object URL of the local file), and whether it is still uploading.
  const [sample, setSample] = useState<{ url: string; name: string }>();
  const [uploading, setUploading] = useState(false);

  /** Uploads the chosen file through the media endpoint; its id becomes the header's example handle. */
  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (sample) URL.revokeObjectURL(sample.url);
    setSample({ url: URL.createObjectURL(file), name: file.name });
    setV((old) => ({ ...old, headerHandle: '' }));
    if (!phoneNumberId)
      return setProblem({ field: 'header', text: 'Add a phone number first: samples are uploaded on a number.' });
    setProblem(undefined);
    setUploading(true);
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', file.type);
    form.set('file', file);
    const { data, error } = await browserApi
      .POST('/console/v1/businesses/{businessId}/media', {
        params: { path: { businessId }, query: { phone_number_id: phoneNumberId } },
        // biome-ignore lint/suspicious/noExplicitAny: a multipart body, sent as the browser encodes it
        body: form as any,
        bodySerializer: (b) => b as unknown as FormData,
      })
      .finally(() => setUploading(false));
    if (!data) return setProblem({ field: 'header', text: explain(error) });
    setV((old) => ({ ...old, headerHandle: data.id }));
  };
  const vars = useMemo(() => variables(v.body), [v.body]);
  const buttons = v.buttons
    .split('\n')
    .map((b) => b.trim())
    .filter(Boolean);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const components: Record<string, unknown>[] = [];
    const order: Field[] = [];
    if (isMedia(v.headerKind)) {
      if (!v.headerHandle)
        return setProblem({ field: 'header', text: `Choose a sample ${v.headerKind.toLowerCase()} for the header.` });
      components.push({ type: 'HEADER', format: v.headerKind, example: { header_handle: [v.headerHandle] } });
      order.push('header');
    } else if (v.headerKind === 'TEXT' && v.header) {
      components.push({
        type: 'HEADER',
        format: 'TEXT',
        text: v.header,
        ...(variables(v.header).length && { example: { header_text: [v.headerExample] } }),
      });
      order.push('header');
    }
    components.push({
      type: 'BODY',
      text: v.body,
      ...(vars.length && { example: { body_text: [vars.map((_, i) => examples[i] ?? '')] } }),
    });
    order.push('body');
    if (v.footer) {
      components.push({ type: 'FOOTER', text: v.footer });
      order.push('footer');
    }
    if (buttons.length) {
      components.push({ type: 'BUTTONS', buttons: buttons.map((text) => ({ type: 'QUICK_REPLY', text })) });
      order.push('buttons');
    }
    // The API checks the components and names the one that is wrong; the generated type is looser than what it takes.
    const parts = components as unknown as Schemas['TemplateComponent'][];
    const { data, error } = editing
      ? await browserApi.POST('/console/v1/businesses/{businessId}/message_templates/{templateId}', {
          params: { path: { businessId, templateId: editing.id } },
          body: { category: v.category, components: parts },
        })
      : await browserApi.POST('/console/v1/businesses/{businessId}/message_templates', {
          params: { path: { businessId } },
          body: {
            name: v.name,
            language: v.language,
            category: v.category as 'UTILITY',
            components: parts,
          },
        });
    if (!data) {
      const details = (error as { error?: { error_data?: { details?: string } } })?.error?.error_data?.details ?? '';
      return setProblem({ field: fieldOf(details, order), text: explain(error) });
    }
    router.push(`/templates?${editing ? 'edited' : 'created'}=${encodeURIComponent(v.name)}`);
    router.refresh();
  };
  const error = (f: Field) =>
    problem?.field === f ? (
      <p className={styles.fieldError} role="alert" data-testid={`error-${f}`} id={`error-${f}`}>
        {problem.text}
      </p>
    ) : null;
  const described = (f: Field) =>
    problem?.field === f ? { 'aria-describedby': `error-${f}`, 'aria-invalid': true } : {};

  return (
    <div className={styles.editor}>
      <Card aria-labelledby="editor-title">
        <h2 id="editor-title">Template</h2>
        <form onSubmit={submit} className="form" noValidate>
          <Label htmlFor="t-name">Name (lowercase letters, digits, _)</Label>
          <Input
            id="t-name"
            value={v.name}
            onChange={set('name')}
            required
            readOnly={Boolean(editing)}
            {...described('name')}
          />
          {error('name')}
          <Label htmlFor="t-language">Language</Label>
          <Input
            id="t-language"
            value={v.language}
            onChange={set('language')}
            readOnly={Boolean(editing)}
            {...described('language')}
          />
          {error('language')}
          <Label htmlFor="t-category">Category</Label>
          <NativeSelect
            id="t-category"
            value={v.category}
            onChange={set('category')}
            disabled={editing?.status === 'APPROVED'}
          >
            <option value="UTILITY">Utility</option>
            <option value="MARKETING">Marketing</option>
            <option value="AUTHENTICATION">Authentication</option>
          </NativeSelect>
          {error('category')}
          <Label htmlFor="t-header-kind">Header</Label>
          <NativeSelect id="t-header-kind" value={v.headerKind} onChange={set('headerKind')}>
            <option value="NONE">None</option>
            <option value="TEXT">Text</option>
            <option value="IMAGE">Image</option>
            <option value="VIDEO">Video</option>
            <option value="DOCUMENT">Document</option>
          </NativeSelect>
          {isMedia(v.headerKind) && (
            <>
              <Label htmlFor="t-header-file">Sample {v.headerKind.toLowerCase()} (reviewers see it)</Label>
              <Input
                id="t-header-file"
                type="file"
                accept={ACCEPT[v.headerKind]}
                onChange={(e) => upload(e.target.files?.[0])}
                {...described('header')}
              />
              <p className="muted small" role="status" data-testid="header-upload">
                {uploading
                  ? 'Uploading the sample…'
                  : v.headerHandle
                    ? 'Sample uploaded.'
                    : 'Choose a file: it is uploaded at once and shown in the preview.'}
              </p>
            </>
          )}
          {v.headerKind === 'TEXT' && (
            <>
              <Label htmlFor="t-header">Header text</Label>
              <Input id="t-header" value={v.header} onChange={set('header')} {...described('header')} />
            </>
          )}
          {v.headerKind === 'TEXT' && variables(v.header).length > 0 && (
            <>
              <Label htmlFor="t-header-example">Example for the header's variable</Label>
              <Input id="t-header-example" value={v.headerExample} onChange={set('headerExample')} />
            </>
          )}
          {error('header')}
          <Label htmlFor="t-body">
            Body — variables as {'{{1}}'}, {'{{2}}'}…
          </Label>
          <textarea
            id="t-body"
            className="input"
            rows={4}
            value={v.body}
            onChange={set('body')}
            {...described('body')}
          />
          {vars.map((name, i) => (
            <div key={name}>
              <Label htmlFor={`t-example-${i}`}>Example for {`{{${name}}}`}</Label>
              <Input
                id={`t-example-${i}`}
                value={examples[i] ?? ''}
                onChange={(e) => setExamples(Object.assign([...examples], { [i]: e.target.value }))}
              />
            </div>
          ))}
          {error('body')}
          <Label htmlFor="t-footer">Footer (optional)</Label>
          <Input id="t-footer" value={v.footer} onChange={set('footer')} {...described('footer')} />
          {error('footer')}
          <Label htmlFor="t-buttons">Quick-reply buttons (one a line, up to 10)</Label>
          <textarea
            id="t-buttons"
            className="input"
            rows={2}
            value={v.buttons}
            onChange={set('buttons')}
            {...described('buttons')}
          />
          {error('buttons')}
          {problem?.field === 'form' && <Alert testId="error-form">{problem.text}</Alert>}
          <div className="row">
            <Button type="submit" data-testid="template-submit" disabled={uploading}>
              {editing ? 'Save and submit for review' : 'Submit for review'}
            </Button>
          </div>
        </form>
      </Card>
      <Card aria-labelledby="preview-title">
        <h2 id="preview-title">Preview</h2>
        <TemplatePreview
          media={isMedia(v.headerKind) ? { kind: v.headerKind, url: sample?.url, name: sample?.name } : undefined}
          header={v.headerKind === 'TEXT' ? v.header : ''}
          headerExample={v.headerExample}
          body={v.body}
          examples={examples}
          footer={v.footer}
          buttons={buttons}
        />
      </Card>
    </div>
  );
}
