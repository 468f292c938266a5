import { z } from 'zod';

/**
 * A flow's definition: typed variables, nodes and the edges between them (docs/flows.md "Definition"). Nodes say
 * what a step does; edges say where the run goes next, by the port it leaves on (`next`, a button or row id,
 * `timeout`, `invalid`, `error`, `rule:<n>`, `else`). This zod schema is the accepted shape; docs/flow.schema.json is
 * generated from it.
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1-64 letters, digits, _ or -');
const varName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'variable names are letters, digits and _');
const text = z.string().min(1).max(4096);

export const variableDef = z.object({
  name: varName,
  type: z.enum(['string', 'number', 'boolean']),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

const choice = z.object({ id, title: z.string().min(1).max(24) });
const row = choice.extend({ description: z.string().max(72).optional() });
/** Where an answer is kept: a declared variable. */
const saveAs = varName.optional();
/** How long the run waits for the answer before it leaves on `timeout` (none: it waits for ever). */
const timeoutSeconds = z
  .number()
  .int()
  .min(1)
  .max(30 * 86400)
  .optional();

const sendText = z.object({ id, type: z.literal('send_text'), text });
/**
 * An image, video, document or audio by an uploaded media id or a `link` (exactly one, checked by the validator);
 * `caption` (not for audio) and `filename` (documents) take placeholders, as does the link.
 */
const media = z.object({
  id,
  type: z.literal('media'),
  media_type: z.enum(['image', 'video', 'document', 'audio']),
  media_id: z.string().min(1).max(64).optional(),
  link: z.string().min(1).max(2000).optional(),
  caption: z.string().min(1).max(1024).optional(),
  filename: z.string().min(1).max(240).optional(),
});
/** A message with one call-to-action URL button (the interactive `cta_url`); the URL takes placeholders. */
const ctaUrl = z.object({
  id,
  type: z.literal('cta_url'),
  text: z.string().min(1).max(1024),
  display_text: z.string().min(1).max(20),
  url: z.string().min(1).max(2000),
  header: z.string().min(1).max(60).optional(),
  footer: z.string().min(1).max(60).optional(),
});
/** A location pin. */
const location = z.object({
  id,
  type: z.literal('location'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().min(1).max(1000).optional(),
  address: z.string().min(1).max(1000).optional(),
});
// The Cloud API's caps are checked by the validator (with the node id), so the schema lets larger lists through.
const buttons = z.object({
  id,
  type: z.literal('buttons'),
  text,
  buttons: z.array(choice).min(1),
  save_as: saveAs,
  timeout_seconds: timeoutSeconds,
});
const list = z.object({
  id,
  type: z.literal('list'),
  text,
  button: z.string().min(1).max(20),
  rows: z.array(row).min(1),
  save_as: saveAs,
  timeout_seconds: timeoutSeconds,
});
const ask = z.object({
  id,
  type: z.literal('ask'),
  text,
  /**
   * `phone` keeps the digits of an international number, `date` an ISO date (YYYY-MM-DD, also read from DD/MM/YYYY),
   * `media` the media id of an image, video, audio, document or sticker.
   */
  validate: z.enum(['text', 'number', 'email', 'phone', 'date', 'choice', 'media']).default('text'),
  /** Accepted answers for `choice`, compared without case. */
  choices: z.array(z.string().min(1).max(100)).max(50).optional(),
  save_as: saveAs,
  /** How many times an invalid answer is asked again before the run leaves on `invalid`. */
  retries: z.number().int().min(0).max(10).default(1),
  retry_text: text.optional(),
  timeout_seconds: timeoutSeconds,
});
/**
 * Asks for the contact's location (the interactive location request) and waits; a message that is not a location is
 * asked again like an invalid `ask` answer. `save` keeps fields of the pin: variable name → field.
 */
const askLocation = z.object({
  id,
  type: z.literal('ask_location'),
  text: z.string().min(1).max(1024),
  save: z.record(varName, z.enum(['latitude', 'longitude', 'name', 'address'])).default({}),
  retries: z.number().int().min(0).max(10).default(1),
  retry_text: text.optional(),
  timeout_seconds: timeoutSeconds,
});
/**
 * Waits `seconds` (up to 30 days) before the next step, durably: the timer is in Postgres. If the contact's 24-hour
 * window closed meanwhile, a free-form message after it waits for the contact to write again (a template is sent).
 */
const delay = z.object({
  id,
  type: z.literal('delay'),
  seconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86400),
});
const attrKey = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'attribute keys are 1-64 letters, digits, _ . or -');
/**
 * Sets contact attributes (the ones campaigns select on and conditions read as `attr:<key>`) and removes others. A
 * value that is a single `{{variable}}` keeps the variable's type; any other text is stored as text.
 */
const setAttribute = z.object({
  id,
  type: z.literal('set_attribute'),
  attributes: z.record(attrKey, z.string().max(1000)).default({}),
  remove: z.array(attrKey).max(50).default([]),
});
/** Records the contact's marketing consent, as `POST /{waba_id}/contacts/{wa_id}/opt_in|opt_out` does. */
const opt = z.object({ id, type: z.literal('opt'), status: z.enum(['in', 'out']) });
const rule = z.object({
  /** `var:<name>`, `attr:<key>` (a contact attribute) or `tag` (the contact's tags). */
  subject: z.string().regex(/^(var:[A-Za-z_][A-Za-z0-9_]*|attr:[A-Za-z0-9_.-]{1,64}|tag)$/),
  op: z.enum(['eq', 'neq', 'gt', 'lt', 'contains', 'exists', 'has']),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
const condition = z.object({ id, type: z.literal('condition'), rules: z.array(rule).min(1).max(20) });
const setVariable = z.object({
  id,
  type: z.literal('set_variable'),
  variable: varName,
  /** Text with `{{variable}}` placeholders, converted to the variable's type. */
  value: z.string().max(4096),
});
const tag = z.object({
  id,
  type: z.literal('tag'),
  add: z.array(z.string().min(1).max(64)).max(20).default([]),
  remove: z.array(z.string().min(1).max(64)).max(20).default([]),
});
const template = z.object({
  id,
  type: z.literal('template'),
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
});
/** A call to the business's own service; a status outside 2xx, a timeout or a refused URL leaves on `error`. */
const httpRequest = z.object({
  id,
  type: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /** With `{{variable}}` placeholders, filled URL-encoded. */
  url: z.string().min(1).max(2048),
  headers: z.record(z.string().min(1).max(100), z.string().max(2048)).default({}),
  /** JSON text with `{{variable}}` placeholders, filled JSON-escaped. */
  body: z.string().max(16_384).optional(),
  timeout_ms: z.number().int().min(100).max(10_000).default(5_000),
  /** Response fields kept: variable name → dotted path in the JSON body (`data.items.0.name`). */
  save: z.record(varName, z.string().min(1).max(200)).default({}),
  status_var: varName.optional(),
});
const handoff = z.object({ id, type: z.literal('handoff'), text: text.optional() });
const end = z.object({ id, type: z.literal('end'), text: text.optional() });

export const flowNode = z.discriminatedUnion('type', [
  sendText,
  media,
  ctaUrl,
  location,
  askLocation,
  delay,
  setAttribute,
  opt,
  buttons,
  list,
  ask,
  condition,
  setVariable,
  tag,
  template,
  httpRequest,
  handoff,
  end,
]);

/** Where the builder draws a node on its canvas; the runtime never reads it. */
const position = z.object({ x: z.number().min(-1e6).max(1e6), y: z.number().min(-1e6).max(1e6) });

export const flowEdge = z.object({ from: id, to: id, port: z.string().min(1).max(64).default('next') });

export const flowDefinition = z.object({
  start: id,
  variables: z.array(variableDef).max(100).default([]),
  nodes: z.array(flowNode).min(1).max(500),
  edges: z.array(flowEdge).max(2000).default([]),
  /** The builder's canvas: each node's position by id (an exported flow imports with its drawing). */
  layout: z.record(id, position).optional(),
});

export type FlowDefinition = z.output<typeof flowDefinition>;
export type FlowNode = z.output<typeof flowNode>;
export type FlowEdge = z.output<typeof flowEdge>;
export type NodeOf<T extends FlowNode['type']> = Extract<FlowNode, { type: T }>;
