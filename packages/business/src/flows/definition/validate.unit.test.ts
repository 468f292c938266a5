import { describe, expect, it } from 'vitest';
import { type FlowDefinition, flowDefinition } from './flow-definition';
import { templatesOf, validateFlow } from './validate';

const edge = (from: string, to: string, port = 'next') => ({ from, to, port });
const def = (d: unknown): FlowDefinition => flowDefinition.parse(d);
const problems = (d: unknown) => validateFlow(def(d));

const good = {
  start: 'menu',
  variables: [{ name: 'choice', type: 'string' }],
  nodes: [
    {
      id: 'menu',
      type: 'buttons',
      text: 'Hi {{contact.wa_id}}',
      save_as: 'choice',
      buttons: [{ id: 'a', title: 'A' }],
    },
    { id: 'check', type: 'condition', rules: [{ subject: 'var:choice', op: 'eq', value: 'A' }] },
    { id: 'bye', type: 'end', text: 'You chose {{choice}}' },
  ],
  edges: [edge('menu', 'check', 'a'), edge('check', 'bye', 'rule:0'), edge('check', 'bye', 'else')],
};

describe('flow validation', () => {
  it('accepts a sound flow', () => {
    expect(problems(good)).toEqual([]);
  });

  it('names an unreachable node', () => {
    expect(problems({ ...good, nodes: [...good.nodes, { id: 'lost', type: 'end' }] })).toEqual([
      { node: 'lost', problem: 'unreachable node' },
    ]);
  });

  it('names the node of a dangling edge, and a port the node does not have', () => {
    const p = problems({ ...good, edges: [...good.edges, edge('bye', 'nowhere'), edge('ghost', 'menu')] });
    expect(p).toContainEqual({ node: 'bye', problem: 'dangling edge: no node "nowhere"' });
    expect(p).toContainEqual({ node: 'bye', problem: 'edge on port "next", which a end node does not have' });
    expect(p).toContainEqual({ node: 'ghost', problem: 'dangling edge: no node "ghost" (edge to "menu")' });
  });

  it('refuses more than 3 reply buttons and more than 10 list rows', () => {
    const buttons = ['1', '2', '3', '4'].map((id) => ({ id, title: id }));
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    expect(problems({ start: 'b', nodes: [{ id: 'b', type: 'buttons', text: 'x', buttons }] })).toEqual([
      { node: 'b', problem: '4 reply buttons: at most 3' },
    ]);
    expect(problems({ start: 'l', nodes: [{ id: 'l', type: 'list', text: 'x', button: 'Pick', rows }] })).toEqual([
      { node: 'l', problem: '11 list rows: at most 10' },
    ]);
  });

  it('names unknown variables in texts, save_as, set_variable and rules', () => {
    const p = problems({
      start: 'a',
      nodes: [
        { id: 'a', type: 'ask', text: 'Hi {{who}}', save_as: 'nope' },
        { id: 's', type: 'set_variable', variable: 'missing', value: '1' },
        { id: 'c', type: 'condition', rules: [{ subject: 'var:gone', op: 'exists' }] },
      ],
      edges: [edge('a', 's'), edge('s', 'c')],
    });
    expect(p).toEqual([
      { node: 'a', problem: 'unknown variable "who" in a text' },
      { node: 'a', problem: 'unknown variable "nope" in save_as' },
      { node: 's', problem: 'unknown variable "missing"' },
      { node: 'c', problem: 'unknown variable "gone" in a rule' },
    ]);
  });

  it('names an HTTP step whose response goes to unknown variables or whose body is not JSON', () => {
    const p = problems({
      start: 'h',
      variables: [{ name: 'id', type: 'string' }],
      nodes: [
        { id: 'h', type: 'http', url: 'https://crm.example/{{id}}', save: { plan: 'a.b' }, status_var: 'code' },
        { id: 'j', type: 'http', url: 'https://crm.example/', body: '{"id": "{{id}}", "n": {{id}}' },
        { id: 'k', type: 'http', url: 'https://crm.example/', body: '{"id": "{{id}}", "n": {{id}}}' },
      ],
      edges: [edge('h', 'j'), edge('j', 'k')],
    });
    expect(p).toEqual([
      { node: 'h', problem: 'unknown variable "plan" for the response' },
      { node: 'h', problem: 'unknown variable "code" for the response' },
      { node: 'j', problem: 'the body is not JSON' },
    ]);
  });

  it('checks media, CTA URL, location and contact steps', () => {
    const p = problems({
      start: 'm',
      variables: [
        { name: 'lat', type: 'number' },
        { name: 'plan', type: 'string' },
      ],
      nodes: [
        { id: 'm', type: 'media', media_type: 'image', media_id: '123', link: 'https://x.example/a.png' },
        { id: 'n', type: 'media', media_type: 'audio', link: 'ftp://x.example/a.ogg', caption: 'hi' },
        { id: 'o', type: 'media', media_type: 'video', link: '{{plan}}', filename: 'v.mp4' },
        { id: 'c', type: 'cta_url', text: 'See {{who}}', display_text: 'Open', url: 'www.example.com' },
        { id: 'l', type: 'ask_location', text: 'Where?', save: { lat: 'latitude', lng: 'longitude' } },
        { id: 'a', type: 'set_attribute', attributes: { plan: '{{plan}}', x: '{{nope}}' } },
        { id: 'e', type: 'set_attribute' },
        { id: 'd', type: 'delay', seconds: 60 },
        { id: 'p', type: 'opt', status: 'out' },
      ],
      edges: [
        edge('m', 'n'),
        edge('n', 'o'),
        edge('o', 'c'),
        edge('c', 'l'),
        edge('l', 'a'),
        edge('a', 'e'),
        edge('e', 'd'),
        edge('d', 'p'),
        edge('d', 'p', 'error'),
      ],
    });
    expect(p).toEqual([
      { node: 'm', problem: 'give exactly one of media_id and link' },
      { node: 'n', problem: 'an audio message has no caption' },
      { node: 'n', problem: '"ftp://x.example/a.ogg" is not an http(s) URL' },
      { node: 'o', problem: 'only a document has a filename' },
      { node: 'c', problem: 'unknown variable "who" in a text' },
      { node: 'c', problem: '"www.example.com" is not an http(s) URL' },
      { node: 'l', problem: 'unknown variable "lng" in save' },
      { node: 'a', problem: 'unknown variable "nope" in a text' },
      { node: 'e', problem: 'sets and removes no attribute' },
      { node: 'd', problem: 'edge on port "error", which a delay node does not have' },
    ]);
  });

  it('names a missing start node and duplicate ids', () => {
    const p = problems({
      start: 'x',
      nodes: [
        { id: 'a', type: 'end' },
        { id: 'a', type: 'end' },
      ],
    });
    expect(p).toContainEqual({ problem: 'start node "x" does not exist' });
    expect(p).toContainEqual({ node: 'a', problem: 'duplicate node id' });
  });

  it('lists the templates a flow sends, for the existence check', () => {
    const d = def({ start: 't', nodes: [{ id: 't', type: 'template', name: 'hello', language: 'en_US' }] });
    expect(templatesOf(d)).toEqual([{ node: 't', name: 'hello', language: 'en_US' }]);
  });
});
