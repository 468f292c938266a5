import { z } from 'zod';
import { flowDefinition } from './flow-definition';

/** Where the published JSON Schema of a flow definition is committed (export/import tools validate against it). */
export const FLOW_SCHEMA_PATH = 'docs/flow.schema.json';

/** The JSON Schema of what a client may send as a definition (the input side: defaults may be left out). */
export function flowJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://switchboard.dev/schemas/flow.schema.json',
    title: 'Switchboard chatbot flow definition',
    ...z.toJSONSchema(flowDefinition, { io: 'input', target: 'draft-2020-12' }),
  };
}
