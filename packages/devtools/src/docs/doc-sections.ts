import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A reference to a section of a document (`docs/business.md, "Sending"`) that names no heading or term there. */
export interface MissingSection {
  file: string;
  line: number;
  doc: string;
  section: string;
}

const SOURCE = /\.(ts|tsx|mts|mjs|prisma|yaml|md)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', '.next', '.data', 'generated']);
// `docs/business.md "Media"`, `docs/business.md, "Sending"`, `docs/business.md ("What the consumer receives"`,
// `ARCHITECTURE.md's "Design decisions"`: a document, then a quoted section name.
const REFERENCE = /\b((?:docs\/[\w-]+|ARCHITECTURE|README)\.md)(?:'s)?,?\s*\(?"([^"\n]+)"/g;

function sourceFiles(root: string, dir = '', out: string[] = []): string[] {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) sourceFiles(root, path, out);
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

/** What a section reference may name: a heading, or a bold term that opens a list item or paragraph. */
function sectionNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const heading = /^#+\s+(.*)$/.exec(line);
    if (heading) names.push(heading[1]!);
    for (const m of line.matchAll(/\*\*([^*]+)\*\*/g)) names.push(m[1]!);
  }
  return names.map((n) => n.replaceAll('`', '').trim());
}

/**
 * Every reference from code or docs to a section of README.md, ARCHITECTURE.md or a docs/ page whose name matches no
 * heading or bold term there (a heading may go on after the name: "Store, ack, receipts (…)" answers "Store, ack,
 * receipts"). A renamed section otherwise leaves comments pointing at nothing.
 */
export function missingDocSections(root: string): MissingSection[] {
  const sections = new Map<string, string[]>();
  const namesOf = (doc: string) => {
    if (!sections.has(doc)) {
      const path = join(root, doc);
      sections.set(doc, existsSync(path) ? sectionNames(readFileSync(path, 'utf8')) : []);
    }
    return sections.get(doc)!;
  };
  const missing: MissingSection[] = [];
  for (const file of sourceFiles(root)) {
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const [, doc, section] of text.matchAll(REFERENCE)) {
          if (!namesOf(doc!).some((name) => name.startsWith(section!))) {
            missing.push({ file, line: i + 1, doc: doc!, section: section! });
          }
        }
      });
  }
  return missing;
}
