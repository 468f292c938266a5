import type { FlowDefinition, FlowNode } from './flow-definition';
import { placeholders, portsOf } from './ports';

export interface FlowProblem {
  /** The node (or edge's `from` node) at fault; absent for problems of the whole flow. */
  node?: string;
  problem: string;
}

/** The Cloud API's caps on interactive messages. */
export const MAX_BUTTONS = 3;
export const MAX_LIST_ROWS = 10;
/** Placeholders every run can use without declaring them. */
const BUILT_INS = new Set(['contact.wa_id', 'contact.name', 'answer']);

/**
 * Everything wrong with a definition that has the accepted shape (flowDefinition), each with its node id: unknown
 * start, duplicate ids, dangling edges, ports a node does not have, unreachable nodes, too many buttons or rows,
 * unknown variables. Templates are checked by the caller (it knows the business), see `templatesOf`.
 */
export function validateFlow(def: FlowDefinition): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const nodes = new Map<string, FlowNode>();
  for (const n of def.nodes) {
    if (nodes.has(n.id)) problems.push({ node: n.id, problem: 'duplicate node id' });
    nodes.set(n.id, n);
  }
  if (!nodes.has(def.start)) problems.push({ problem: `start node "${def.start}" does not exist` });
  const vars = new Set(def.variables.map((v) => v.name));
  if (vars.size !== def.variables.length) problems.push({ problem: 'a variable is declared twice' });

  for (const n of def.nodes) problems.push(...nodeProblems(n, vars));
  const next = new Map<string, string[]>();
  const seenPorts = new Set<string>();
  for (const e of def.edges) {
    const from = nodes.get(e.from);
    if (!from) {
      problems.push({ node: e.from, problem: `dangling edge: no node "${e.from}" (edge to "${e.to}")` });
      continue;
    }
    if (!nodes.has(e.to)) problems.push({ node: e.from, problem: `dangling edge: no node "${e.to}"` });
    if (!portsOf(from).includes(e.port))
      problems.push({ node: e.from, problem: `edge on port "${e.port}", which a ${from.type} node does not have` });
    if (seenPorts.has(`${e.from}\u0000${e.port}`))
      problems.push({ node: e.from, problem: `two edges leave on port "${e.port}"` });
    seenPorts.add(`${e.from}\u0000${e.port}`);
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const reached = new Set<string>();
  const todo = nodes.has(def.start) ? [def.start] : [];
  while (todo.length) {
    const id = todo.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    todo.push(...(next.get(id) ?? []).filter((to) => nodes.has(to)));
  }
  for (const n of def.nodes) if (!reached.has(n.id)) problems.push({ node: n.id, problem: 'unreachable node' });
  return problems;
}

function nodeProblems(n: FlowNode, vars: Set<string>): FlowProblem[] {
  const out: string[] = [];
  const known = (name: string) => vars.has(name) || BUILT_INS.has(name);
  const texts = [
    'text' in n ? n.text : undefined,
    n.type === 'ask' ? n.retry_text : undefined,
    n.type === 'set_variable' ? n.value : undefined,
    ...(n.type === 'http' ? [n.url, n.body, ...Object.values(n.headers)] : []),
    ...(n.type === 'media' ? [n.link, n.caption, n.filename] : []),
    ...(n.type === 'cta_url' ? [n.url, n.header, n.footer] : []),
    ...(n.type === 'location' ? [n.name, n.address] : []),
    ...(n.type === 'ask_location' ? [n.retry_text] : []),
    ...(n.type === 'set_attribute' ? Object.values(n.attributes) : []),
  ];
  for (const t of texts)
    for (const p of t ? placeholders(t) : []) if (!known(p)) out.push(`unknown variable "${p}" in a text`);
  if ('save_as' in n && n.save_as && !vars.has(n.save_as)) out.push(`unknown variable "${n.save_as}" in save_as`);
  if (n.type === 'set_variable' && !vars.has(n.variable)) out.push(`unknown variable "${n.variable}"`);
  if (n.type === 'http') {
    for (const v of [...Object.keys(n.save), ...(n.status_var ? [n.status_var] : [])])
      if (!vars.has(v)) out.push(`unknown variable "${v}" for the response`);
    if (n.body !== undefined && !isJsonTemplate(n.body)) out.push('the body is not JSON');
  }
  if (n.type === 'ask_location')
    for (const v of Object.keys(n.save)) if (!vars.has(v)) out.push(`unknown variable "${v}" in save`);
  if (n.type === 'media') {
    if ((n.media_id === undefined) === (n.link === undefined)) out.push('give exactly one of media_id and link');
    if (n.media_type === 'audio' && n.caption !== undefined) out.push('an audio message has no caption');
    if (n.media_type !== 'document' && n.filename !== undefined) out.push('only a document has a filename');
  }
  // A URL may start with a placeholder (filled per run, checked by the send path); otherwise it must be http(s).
  for (const url of n.type === 'media' ? [n.link] : n.type === 'cta_url' ? [n.url] : [])
    if (url !== undefined && !/^(https?:\/\/|\{\{)/i.test(url)) out.push(`"${url}" is not an http(s) URL`);
  if (n.type === 'set_attribute' && !Object.keys(n.attributes).length && !n.remove.length)
    out.push('sets and removes no attribute');
  if (n.type === 'buttons') {
    if (n.buttons.length > MAX_BUTTONS) out.push(`${n.buttons.length} reply buttons: at most ${MAX_BUTTONS}`);
    if (new Set(n.buttons.map((b) => b.id)).size !== n.buttons.length) out.push('two buttons have the same id');
  }
  if (n.type === 'list') {
    if (n.rows.length > MAX_LIST_ROWS) out.push(`${n.rows.length} list rows: at most ${MAX_LIST_ROWS}`);
    if (new Set(n.rows.map((r) => r.id)).size !== n.rows.length) out.push('two rows have the same id');
  }
  if (n.type === 'ask' && n.validate === 'choice' && !n.choices?.length) out.push('a choice question needs choices');
  if (n.type === 'condition')
    for (const r of n.rules)
      if (r.subject.startsWith('var:') && !vars.has(r.subject.slice(4)))
        out.push(`unknown variable "${r.subject.slice(4)}" in a rule`);
  return out.map((problem) => ({ node: n.id, problem }));
}

/** The templates a definition sends, for the caller's existence check. */
export function templatesOf(def: FlowDefinition): { node: string; name: string; language: string }[] {
  return def.nodes.flatMap((n) => (n.type === 'template' ? [{ node: n.id, name: n.name, language: n.language }] : []));
}

/** Whether a body template is JSON once its placeholders are filled (with a string inside quotes, a number outside). */
function isJsonTemplate(body: string): boolean {
  try {
    JSON.parse(
      body.replace(/"[^"]*"|\{\{[^}]*\}\}/g, (m) => (m.startsWith('"') ? m.replace(/\{\{[^}]*\}\}/g, 'x') : '0')),
    );
    return true;
  } catch {
    return false;
  }
}
