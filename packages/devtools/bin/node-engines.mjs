// Which Node.js versions a package.json "engines.node" range accepts. Plain JavaScript with no dependencies: `npm start`
// checks the running Node before anything is installed, and the dependency check in the tests reads the same ranges.
// Covers the range forms npm packages use: `||`, space-separated bounds, >= > <= < =, ^, ~, and x-ranges (20, 20.x, *).

const parts = (text) =>
  text
    .replace(/^[v=]+/, '')
    .replace(/-.*$/, '')
    .split('.')
    .map((p) => (p === '' || /^[xX*]$/.test(p) ? undefined : Number(p)));

const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const full = ([major = 0, minor = 0, patch = 0]) => [major, minor, patch];
/** The first version after every version the partial one names: 20 → 21.0.0, 20.19 → 20.20.0, 20.19.1 → 20.19.2. */
const after = ([major, minor, patch]) => {
  if (minor === undefined) return [major + 1, 0, 0];
  if (patch === undefined) return [major, minor + 1, 0];
  return [major, minor, patch + 1];
};

/** A comparator as the versions it allows: [lowest allowed (inclusive), first refused (exclusive) or undefined]. */
function bounds(comparator) {
  const [, op, rest] = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(comparator);
  const v = parts(rest);
  if (v[0] === undefined) return [[0, 0, 0], undefined];
  switch (op) {
    case '>=':
      return [full(v), undefined];
    case '>':
      return [after(v), undefined];
    case '<=':
      return [[0, 0, 0], after(v)];
    case '<':
      return [[0, 0, 0], full(v)];
    case '^': {
      const [major, minor = 0] = v;
      const upper = major > 0 ? [major + 1, 0, 0] : minor > 0 ? [0, minor + 1, 0] : after(full(v));
      return [full(v), upper];
    }
    case '~':
      return [full(v), v[1] === undefined ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0]];
    default:
      return [full(v), after(v)];
  }
}

/** True when `version` (e.g. "20.20.2") is inside `range` (e.g. "^20.19 || >=22.12"). */
export function satisfiesRange(version, range) {
  const v = full(parts(version));
  return range.split('||').some((alternative) => {
    const comparators = alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    return comparators.every((c) => {
      const [low, high] = bounds(c);
      return compare(v, low) >= 0 && (high === undefined || compare(v, high) < 0);
    });
  });
}

/** Why this Node cannot run the project, or null when it can. */
export function nodeVersionProblem(range, version = process.versions.node) {
  if (!range || satisfiesRange(version, range)) return null;
  return (
    `switchboard: Node.js ${version} is not supported: this project needs Node.js ${range} ` +
    '(package.json "engines"); install a Node.js in that range and run the command again.'
  );
}
