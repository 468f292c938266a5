#!/usr/bin/env bash
# Lands the current worktree's branch on main when several engineers work at once, each in a git worktree of their
# own: under one lock, rebase onto main, bring dependencies and the Prisma client up to date when the branch changes
# them, run the static checks on what changed and the unit tier, then fast-forward main. Run from the worktree, with everything
# committed: `bash packages/devtools/bin/integrate.sh`. A rebase that stops on a conflict: resolve, `git rebase
# --continue`, and run this again (it re-installs and regenerates whenever the branch's package or schema files differ
# from main, or the rebase brought in such changes from main).
set -euo pipefail
MAIN_DIR=${INTEGRATE_MAIN_DIR:-$(git worktree list --porcelain | awk '/^worktree /{print $2; exit}')}
branch=$(git rev-parse --abbrev-ref HEAD)
[ "$branch" != main ] || { echo "integrate: run this from your own branch's worktree, not main" >&2; exit 1; }
git diff --quiet && git diff --cached --quiet || { echo "integrate: commit (or stash) your changes first" >&2; exit 1; }

exec 9>"${TMPDIR:-/tmp}/switchboard-integrate.lock"
flock 9
installed=$(git rev-parse HEAD)
git rebase main
changed=$(git diff --name-only main...HEAD)
[ -n "$changed" ] || { echo "integrate: nothing to land"; exit 0; }
# Dependencies and the Prisma client follow whatever moved under this checkout: the branch's own changes and what
# the rebase brought in from main.
moved=$(printf '%s\n%s\n' "$changed" "$(git diff --name-only "$installed" HEAD)")
# (A rebase finished by hand already moved the files before this run: a lock file newer than the install says so.)
if grep -qE '(^|/)package(-lock)?\.json$' <<<"$moved" || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
npm run --silent db:generate # regenerates only when the schema differs from what the client was generated from
npm run --silent typecheck
npm run --silent lint:imports
mapfile -t files < <(grep -E '\.(ts|tsx|js|mjs|json|css)$' <<<"$changed" | while read -r f; do [ -f "$f" ] && echo "$f"; done)
[ ${#files[@]} -eq 0 ] || npx biome check --no-errors-on-unmatched "${files[@]}"
if grep -q '^openapi.yaml$' <<<"$changed"; then npx redocly lint openapi.yaml --format summary; fi
npm test --silent -- --tier unit # seconds, and it holds checks of the docs and the layout that nothing else runs
git -C "$MAIN_DIR" merge --ff-only "$branch"
echo "integrate: main is now $(git rev-parse --short HEAD)"
