#!/usr/bin/env bash
# A git worktree of its own for one engineer, on a new branch from main, ready to run: installed dependencies are
# hard-linked from the main checkout (no download, no disk) and the generated Prisma client is copied.
# `bash packages/devtools/bin/worktree.sh <name> [dir]`; land its work with integrate.sh from inside it.
set -euo pipefail
name=$1
main=$(git worktree list --porcelain | awk '/^worktree /{print $2; exit}')
dir=${2:-$(dirname "$main")/wt/$name}
git -C "$main" worktree add -q "$dir" -b "$name" main
cd "$main"
while read -r nm; do mkdir -p "$dir/$(dirname "$nm")" && cp -al "$nm" "$dir/$nm"; done \
  < <(find . -maxdepth 3 -name node_modules -type d -not -path './node_modules/*')
# npm rewrites its install stamp in place: a linked stamp would tell the main checkout it has installed what only the
# worktree installed (bootstrap.mjs's ensureInstalled trusts it), so each checkout gets a copy of its own.
stamp=node_modules/.package-lock.json
[ ! -f "$stamp" ] || { rm "$dir/$stamp" && cp -p "$stamp" "$dir/$stamp"; }
cp -a packages/db/src/generated "$dir/packages/db/src/generated"
[ ! -f apps/dashboard/next-env.d.ts ] || cp apps/dashboard/next-env.d.ts "$dir/apps/dashboard/"
echo "$dir"
