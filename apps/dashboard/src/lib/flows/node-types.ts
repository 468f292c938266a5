// The builder's palette: one entry per step type of the definition (docs/flow.schema.json). An entry says how the
// step is named, what a new one holds, and which form fields edit it; its ports come from the definition's own rule
// (portsOf). A step type the table does not know yet still shows, with its JSON to edit.

/** One field of a step's form, by the kind of value it edits. */
export type FieldSpec = { key: string; label: string; help?: string } & (
  | { kind: 'text' | 'textarea' | 'number'; optional?: boolean }
  | { kind: 'select'; options: readonly string[] }
  /** A list of strings, one a line. */
  | { kind: 'lines' }
  /** A string → string map, one `key: value` a line. */
  | { kind: 'pairs' }
  /** A list of small objects, one row each. */
  | { kind: 'items'; columns: readonly { key: string; label: string; options?: readonly string[] }[]; max?: number }
);

export interface StepType {
  label: string;
  /** What the step does, in a few words (the palette's tooltip and the form's heading). */
  blurb: string;
  fields: FieldSpec[];
  /** The fields a new step starts with (besides id and type). */
  starter: Record<string, unknown>;
}

const text = (label = 'Text', optional = false): FieldSpec => ({ key: 'text', label, kind: 'textarea', optional });
const saveAs: FieldSpec = { key: 'save_as', label: 'Save the answer in (variable)', kind: 'text', optional: true };
const timeout: FieldSpec = {
  key: 'timeout_seconds',
  label: 'Time out after (seconds)',
  kind: 'number',
  optional: true,
  help: 'With a timeout the step gets a “timeout” way out.',
};

export const STEP_TYPES: Record<string, StepType> = {
  send_text: { label: 'Send text', blurb: 'sends a message', fields: [text()], starter: { text: 'Hello!' } },
  media: {
    label: 'Media',
    blurb: 'sends an image, video, document or audio',
    fields: [
      { key: 'media_type', label: 'Kind', kind: 'select', options: ['image', 'video', 'document', 'audio'] },
      { key: 'link', label: 'Link (or a media id below)', kind: 'text', optional: true },
      { key: 'media_id', label: 'Uploaded media id', kind: 'text', optional: true },
      { key: 'caption', label: 'Caption', kind: 'textarea', optional: true },
      { key: 'filename', label: 'File name (documents)', kind: 'text', optional: true },
    ],
    starter: { media_type: 'image', link: 'https://' },
  },
  cta_url: {
    label: 'Link button',
    blurb: 'sends a message with one button that opens a URL',
    fields: [
      text(),
      { key: 'display_text', label: 'Button text', kind: 'text' },
      { key: 'url', label: 'URL', kind: 'text' },
      { key: 'header', label: 'Header', kind: 'text', optional: true },
      { key: 'footer', label: 'Footer', kind: 'text', optional: true },
    ],
    starter: { text: 'Track your order', display_text: 'Open', url: 'https://' },
  },
  location: {
    label: 'Location',
    blurb: 'sends a location pin',
    fields: [
      { key: 'latitude', label: 'Latitude', kind: 'number' },
      { key: 'longitude', label: 'Longitude', kind: 'number' },
      { key: 'name', label: 'Name', kind: 'text', optional: true },
      { key: 'address', label: 'Address', kind: 'text', optional: true },
    ],
    starter: { latitude: 0, longitude: 0 },
  },
  buttons: {
    label: 'Reply buttons',
    blurb: 'asks with up to 3 buttons and waits',
    fields: [
      text(),
      {
        key: 'buttons',
        label: 'Buttons',
        kind: 'items',
        max: 3,
        columns: [
          { key: 'id', label: 'Id' },
          { key: 'title', label: 'Title' },
        ],
      },
      saveAs,
      timeout,
    ],
    starter: {
      text: 'Choose one',
      buttons: [
        { id: 'yes', title: 'Yes' },
        { id: 'no', title: 'No' },
      ],
    },
  },
  list: {
    label: 'List',
    blurb: 'asks with a list of up to 10 rows and waits',
    fields: [
      text(),
      { key: 'button', label: 'Button that opens the list', kind: 'text' },
      {
        key: 'rows',
        label: 'Rows',
        kind: 'items',
        max: 10,
        columns: [
          { key: 'id', label: 'Id' },
          { key: 'title', label: 'Title' },
          { key: 'description', label: 'Description' },
        ],
      },
      saveAs,
      timeout,
    ],
    starter: { text: 'Pick one', button: 'Options', rows: [{ id: 'first', title: 'First' }] },
  },
  ask: {
    label: 'Ask',
    blurb: 'asks a question and checks the answer',
    fields: [
      text('Question'),
      {
        key: 'validate',
        label: 'Answer must be',
        kind: 'select',
        options: ['text', 'number', 'email', 'phone', 'date', 'choice', 'media'],
      },
      { key: 'choices', label: 'Accepted answers (choice; one a line)', kind: 'lines' },
      saveAs,
      { key: 'retries', label: 'Asks again on a wrong answer (times)', kind: 'number', optional: true },
      { key: 'retry_text', label: 'Asking again says', kind: 'textarea', optional: true },
      timeout,
    ],
    starter: { text: 'What is your order number?', validate: 'text' },
  },
  ask_location: {
    label: 'Ask location',
    blurb: 'asks the contact to share a location and waits',
    fields: [
      text('Question'),
      { key: 'save', label: 'Keep (variable: latitude, longitude, name or address; one a line)', kind: 'pairs' },
      { key: 'retries', label: 'Asks again when it is not a location (times)', kind: 'number', optional: true },
      { key: 'retry_text', label: 'Asking again says', kind: 'textarea', optional: true },
      timeout,
    ],
    starter: { text: 'Where should we deliver?' },
  },
  delay: {
    label: 'Delay',
    blurb: 'waits before the next step (up to 30 days)',
    fields: [{ key: 'seconds', label: 'Wait (seconds)', kind: 'number' }],
    starter: { seconds: 60 },
  },
  condition: {
    label: 'Condition',
    blurb: 'goes the way of the first rule that holds',
    fields: [
      {
        key: 'rules',
        label: 'Rules (var:name, attr:key or tag)',
        kind: 'items',
        max: 20,
        columns: [
          { key: 'subject', label: 'Subject' },
          { key: 'op', label: 'Test', options: ['eq', 'neq', 'gt', 'lt', 'contains', 'exists', 'has'] },
          { key: 'value', label: 'Value' },
        ],
      },
    ],
    starter: { rules: [{ subject: 'tag', op: 'has', value: 'vip' }] },
  },
  set_variable: {
    label: 'Set variable',
    blurb: 'sets a variable',
    fields: [
      { key: 'variable', label: 'Variable', kind: 'text' },
      { key: 'value', label: 'Value ({{placeholders}} allowed)', kind: 'text' },
    ],
    starter: { variable: '', value: '' },
  },
  tag: {
    label: 'Tag contact',
    blurb: 'adds and removes contact tags',
    fields: [
      { key: 'add', label: 'Add tags (one a line)', kind: 'lines' },
      { key: 'remove', label: 'Remove tags (one a line)', kind: 'lines' },
    ],
    starter: { add: [], remove: [] },
  },
  set_attribute: {
    label: 'Set attributes',
    blurb: 'sets and removes contact attributes',
    fields: [
      { key: 'attributes', label: 'Set (key: value, one a line)', kind: 'pairs' },
      { key: 'remove', label: 'Remove (one key a line)', kind: 'lines' },
    ],
    starter: { attributes: {}, remove: [] },
  },
  opt: {
    label: 'Opt in/out',
    blurb: "records the contact's marketing consent",
    fields: [{ key: 'status', label: 'Contact opts', kind: 'select', options: ['in', 'out'] }],
    starter: { status: 'in' },
  },
  template: {
    label: 'Template',
    blurb: 'sends an approved template (works outside the 24-hour window)',
    fields: [
      { key: 'name', label: 'Template name', kind: 'text' },
      { key: 'language', label: 'Language', kind: 'text' },
    ],
    starter: { name: '', language: 'en_US' },
  },
  http: {
    label: 'HTTP request',
    blurb: 'calls your service and keeps fields of its answer',
    fields: [
      { key: 'method', label: 'Method', kind: 'select', options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
      { key: 'url', label: 'URL', kind: 'text' },
      { key: 'headers', label: 'Headers (Name: value, one a line)', kind: 'pairs' },
      { key: 'body', label: 'JSON body', kind: 'textarea', optional: true },
      { key: 'timeout_ms', label: 'Timeout (ms)', kind: 'number', optional: true },
      { key: 'save', label: 'Keep (variable: data.path, one a line)', kind: 'pairs' },
      { key: 'status_var', label: 'Keep the status in (variable)', kind: 'text', optional: true },
    ],
    starter: { method: 'GET', url: 'https://' },
  },
  handoff: {
    label: 'Hand off',
    blurb: 'hands the conversation to a person',
    fields: [text('Says first (optional)', true)],
    starter: {},
  },
  end: { label: 'End', blurb: 'ends the run', fields: [text('Says last (optional)', true)], starter: {} },
};

export const stepType = (type: string): StepType | undefined => STEP_TYPES[type];

/** How a port reads on the canvas. */
export function portLabel(port: string): string {
  if (port.startsWith('rule:')) return `rule ${Number(port.slice(5)) + 1}`;
  return port;
}
