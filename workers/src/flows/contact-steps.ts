import type { NodeOf } from '@switchboard/business/flows/definition/flow-definition';
import type { Vars } from '@switchboard/business/flows/definition/variables';
import { fill } from '@switchboard/business/flows/definition/variables';
import type { FlowRun } from '@switchboard/db';
import type { FlowRuntimeRepository, Tx } from './flow-runtime.repository';

type ContactNode = NodeOf<'tag'> | NodeOf<'set_attribute'> | NodeOf<'opt'>;

/**
 * The steps that change the contact rather than talk to it: tags, attributes and marketing consent. Written in the
 * turn's transaction, so they happen exactly when the step is recorded. Answers the step's outcome.
 */
export async function contactStep(
  tx: Tx,
  repo: FlowRuntimeRepository,
  run: FlowRun,
  node: ContactNode,
  vars: Vars,
  builtIns: Record<string, string>,
): Promise<string> {
  switch (node.type) {
    case 'tag': {
      const contact = await repo.contact(tx, run.businessId, run.waId);
      const tags = new Set(contact?.tags ?? []);
      for (const t of node.add) tags.add(t);
      for (const t of node.remove) tags.delete(t);
      await repo.setTags(tx, run.businessId, run.waId, [...tags]);
      return 'next';
    }
    case 'set_attribute': {
      const set = Object.fromEntries(
        Object.entries(node.attributes).map(([key, value]) => [key, attributeValue(value, vars, builtIns)]),
      );
      await repo.mergeAttributes(tx, run.businessId, run.waId, set, node.remove);
      return 'next';
    }
    case 'opt':
      await repo.setOpt(
        tx,
        run.businessId,
        run.waId,
        node.status === 'in' ? 'OPTED_IN' : 'OPTED_OUT',
        `flow:${run.flowId}`,
      );
      return `opted_${node.status}`;
  }
}

/** A value that is one `{{variable}}` keeps the variable's type (a number stays a number); other text is text. */
function attributeValue(value: string, vars: Vars, builtIns: Record<string, string>): string | number | boolean {
  const single = /^\{\{\s*([A-Za-z0-9_.]+)\s*\}\}$/.exec(value);
  if (single) return vars[single[1]!] ?? builtIns[single[1]!] ?? '';
  return fill(value, vars, builtIns);
}
