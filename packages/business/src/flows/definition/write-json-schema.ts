// Regenerates docs/flow.schema.json from the definition's zod schema:
// node packages/devtools/bin/run.mjs packages/business/src/flows/definition/write-json-schema.ts
import { writeFileSync } from 'node:fs';
import { FLOW_SCHEMA_PATH, flowJsonSchema } from './json-schema';

writeFileSync(FLOW_SCHEMA_PATH, `${JSON.stringify(flowJsonSchema(), null, 2)}\n`);
console.log(`wrote ${FLOW_SCHEMA_PATH}`);
