import { relative } from 'node:path';
import { API_TYPES_PATH, writeApiTypes } from '../api-client';

// `npm run api:client`: regenerates the dashboard's API types after openapi.yaml changed.
const changed = await writeApiTypes();
console.log(`api:client: ${relative(process.cwd(), API_TYPES_PATH)} ${changed ? 'regenerated' : 'already up to date'}`);
