import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { flowDefinition } from './flow-definition';
import { FLOW_SCHEMA_PATH, flowJsonSchema } from './json-schema';

const committed = JSON.parse(readFileSync(new URL(`../../../../../${FLOW_SCHEMA_PATH}`, import.meta.url), 'utf8'));

const samples: [string, unknown][] = [
  ['a minimal flow', { start: 'a', nodes: [{ id: 'a', type: 'end' }] }],
  [
    'every node type',
    {
      start: 'a',
      variables: [{ name: 'v', type: 'number', default: 1 }],
      nodes: [
        { id: 'a', type: 'send_text', text: 'hi' },
        { id: 'b', type: 'buttons', text: 'x', buttons: [{ id: 'y', title: 'Yes' }], timeout_seconds: 60 },
        { id: 'c', type: 'list', text: 'x', button: 'Pick', rows: [{ id: 'r', title: 'R', description: 'd' }] },
        { id: 'd', type: 'ask', text: 'n?', validate: 'number', save_as: 'v', retries: 2 },
        { id: 'e', type: 'condition', rules: [{ subject: 'attr:plan', op: 'eq', value: 'gold' }] },
        { id: 'f', type: 'set_variable', variable: 'v', value: '{{v}}' },
        { id: 'g', type: 'tag', add: ['x'] },
        { id: 'h', type: 'template', name: 't', language: 'en_US' },
        { id: 'i', type: 'handoff' },
        { id: 'j', type: 'media', media_type: 'document', link: 'https://x.example/a.pdf', filename: 'a.pdf' },
        { id: 'k', type: 'cta_url', text: 'See', display_text: 'Open', url: 'https://x.example', footer: 'f' },
        { id: 'l', type: 'location', latitude: 52.5, longitude: 13.4, name: 'Office' },
        { id: 'm', type: 'ask_location', text: 'Where?', save: { v: 'latitude' }, timeout_seconds: 60 },
        { id: 'n', type: 'delay', seconds: 86400 },
        { id: 'o', type: 'set_attribute', attributes: { plan: 'gold' }, remove: ['old'] },
        { id: 'p', type: 'opt', status: 'in' },
        { id: 'q', type: 'ask', text: 'When?', validate: 'date' },
      ],
      edges: [{ from: 'a', to: 'b' }],
    },
  ],
  ['an unknown node type', { start: 'a', nodes: [{ id: 'a', type: 'teleport' }] }],
  [
    'a media type WhatsApp has no media step for',
    { start: 'a', nodes: [{ id: 'a', type: 'media', media_type: 'gif' }] },
  ],
  ['a delay longer than 30 days', { start: 'a', nodes: [{ id: 'a', type: 'delay', seconds: 2_592_001 }] }],
  ['a latitude off the globe', { start: 'a', nodes: [{ id: 'a', type: 'location', latitude: 91, longitude: 0 }] }],
  ['an opt step with no status', { start: 'a', nodes: [{ id: 'a', type: 'opt' }] }],
  ['a node without an id', { start: 'a', nodes: [{ type: 'end' }] }],
  ['no nodes', { start: 'a', nodes: [] }],
  ['a bad id', { start: 'a b', nodes: [{ id: 'a b', type: 'end' }] }],
  [
    'a rule on an unknown subject',
    { start: 'a', nodes: [{ id: 'a', type: 'condition', rules: [{ subject: 'x', op: 'eq' }] }] },
  ],
];

describe('the published flow JSON Schema', () => {
  it('is the committed docs/flow.schema.json (regenerate with definition/write-json-schema.ts)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(flowJsonSchema())));
  });

  it.each(samples)('accepts and refuses as the validator does: %s', (_, sample) => {
    const check = new Ajv2020({ strict: false }).compile(committed);
    expect(check(sample)).toBe(flowDefinition.safeParse(sample).success);
  });
});
