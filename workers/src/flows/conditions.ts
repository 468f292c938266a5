import type { NodeOf } from '@switchboard/business/flows/definition/flow-definition';
import type { Vars } from '@switchboard/business/flows/definition/variables';

export interface ContactFacts {
  tags: string[];
  attributes: Record<string, unknown>;
}

type Rule = NodeOf<'condition'>['rules'][number];

/** The port a condition node leaves on: the first rule that holds (`rule:<n>`), else `else`. */
export function conditionPort(node: NodeOf<'condition'>, vars: Vars, contact: ContactFacts): string {
  const i = node.rules.findIndex((r) => holds(r, vars, contact));
  return i < 0 ? 'else' : `rule:${i}`;
}

function holds(r: Rule, vars: Vars, contact: ContactFacts): boolean {
  if (r.subject === 'tag') {
    const tags = contact.tags.map((t) => t.toLowerCase());
    const v = String(r.value ?? '').toLowerCase();
    return r.op === 'neq' ? !tags.includes(v) : tags.includes(v);
  }
  const actual = r.subject.startsWith('var:') ? vars[r.subject.slice(4)] : contact.attributes[r.subject.slice(5)];
  if (r.op === 'exists') return actual !== undefined && actual !== null && actual !== '';
  if (actual === undefined || actual === null) return r.op === 'neq';
  const [a, b] = [actual, r.value ?? ''];
  switch (r.op) {
    case 'eq':
      return String(a).toLowerCase() === String(b).toLowerCase();
    case 'neq':
      return String(a).toLowerCase() !== String(b).toLowerCase();
    case 'gt':
      return Number(a) > Number(b);
    case 'lt':
      return Number(a) < Number(b);
    case 'contains':
    case 'has':
      return Array.isArray(a)
        ? a.map(String).includes(String(b))
        : String(a).toLowerCase().includes(String(b).toLowerCase());
  }
}
