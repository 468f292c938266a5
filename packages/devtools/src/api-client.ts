// The dashboard's typed client: TypeScript types generated from openapi.yaml (openapi-typescript), used through
// openapi-fetch. Committed; a unit test fails when regenerating would change them.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { DASHBOARD_DIR } from './dashboard';
import { REPO_ROOT } from './services';

export const API_TYPES_PATH = join(DASHBOARD_DIR, 'src/lib/api/schema.ts');
/** The dashboard calls only the console's API: the types cover those paths and what they reference. */
const CONSOLE_PREFIX = '/console/';

const HEADER = `// Generated from openapi.yaml (its /console/ paths) by \`npm run api:client\`: do not edit by hand.\n\n`;

type Spec = { paths: Record<string, unknown>; components: Record<string, Record<string, unknown>> };

/** The console's paths and the components they reach, so other paths' changes leave the dashboard's types alone. */
export function consoleSubset(spec: Spec): Spec {
  const paths = Object.fromEntries(Object.entries(spec.paths).filter(([p]) => p.startsWith(CONSOLE_PREFIX)));
  const keep = new Map<string, Set<string>>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const ref = key === '$ref' && typeof value === 'string' ? /^#\/components\/(\w+)\/(.+)$/.exec(value) : null;
      if (!ref) {
        visit(value);
        continue;
      }
      const [, section, name] = ref as unknown as [string, string, string];
      const names = keep.get(section) ?? keep.set(section, new Set()).get(section)!;
      if (names.has(name)) continue;
      names.add(name);
      visit(spec.components[section]?.[name]);
    }
  };
  visit(paths);
  const components = Object.fromEntries(
    [...keep].map(([section, names]) => [
      section,
      Object.fromEntries([...names].sort().map((n) => [n, spec.components[section]![n]])),
    ]),
  );
  return { ...spec, paths, components: { ...components, securitySchemes: spec.components.securitySchemes ?? {} } };
}

export async function renderApiTypes(): Promise<string> {
  const spec = parse(await readFile(join(REPO_ROOT, 'openapi.yaml'), 'utf8')) as Spec;
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript takes its own OpenAPI3 type; the YAML is untyped
  return HEADER + astToString(await openapiTS(consoleSubset(spec) as any));
}

/** `npm run api:client`: rewrites the types; says whether they changed. */
export async function writeApiTypes(): Promise<boolean> {
  const next = await renderApiTypes();
  const current = await readFile(API_TYPES_PATH, 'utf8').catch(() => '');
  if (current === next) return false;
  await writeFile(API_TYPES_PATH, next);
  return true;
}
