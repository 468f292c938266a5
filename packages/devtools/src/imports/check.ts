import { REPO_ROOT } from '../services';
import { checkWorkspaceImports } from './workspace-imports';

// `npm test`'s import check: no relative import leaves its workspace, every @switchboard/* import is declared.
const violations = checkWorkspaceImports(REPO_ROOT);
for (const v of violations) process.stderr.write(`${v.file}: '${v.specifier}': ${v.reason}\n`);
if (violations.length) {
  process.stderr.write(
    `${violations.length} import(s) cross a workspace boundary; see packages/devtools/src/imports\n`,
  );
  process.exitCode = 1;
} else {
  process.stdout.write('workspace imports: ok\n');
}
