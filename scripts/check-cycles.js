#!/usr/bin/env node
// npm run check:cycles — fails on import cycles in the API, between files and between modules.
// A module is a top-level folder of apps/api/src, or a folder of common/ (common/auth, common/http, …);
// a module cycle (users → common/auth → users) ties modules together even when no file cycle exists.
// Type-only imports are left out: they are erased when compiling and cannot change load order.
const path = require('node:path');
const madge = require('madge');

const ROOT = path.join(__dirname, '..', 'apps/api/src');

/**
 * Module cycles not yet untangled, each with why; any other cycle fails the check, and so does an
 * entry here that no longer occurs (so the list only shrinks).
 */
const KNOWN_MODULE_CYCLES = {};

/**
 * `users/user.entity.ts` → `users`; `common/auth/roles.guard.ts` → `common/auth`. Composition roots
 * depend on every module by design and are left out: the root files (main.ts, app.module.ts) and
 * database/ (the entity list, migrations, CLI and seed).
 */
function moduleOf(file) {
  const parts = file.split('/');
  if (parts.length === 1 || parts[0] === 'database') return null;
  return parts[0] === 'common' && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Strongly connected components with more than one module (Tarjan). */
function tangles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return found;
}

async function main() {
  const result = await madge(ROOT, {
    fileExtensions: ['ts'],
    excludeRegExp: [/\.spec\.ts$/, /database\/migrations\//],
    detectiveOptions: { ts: { skipTypeImports: true } },
  });
  const files = result.obj();
  const graph = new Map();
  const edges = new Map();
  for (const [file, imports] of Object.entries(files)) {
    const from = moduleOf(file);
    if (!from) continue;
    for (const imported of imports) {
      const to = moduleOf(imported);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from).add(to);
      if (!edges.has(`${from}>${to}`)) edges.set(`${from}>${to}`, `${file} → ${imported}`);
    }
  }
  const problems = result.circular().map((cycle) => `file cycle: ${cycle.join(' → ')}`);
  const seen = new Set();
  for (const component of tangles(graph)) {
    const key = component.join(' → ');
    seen.add(key);
    if (KNOWN_MODULE_CYCLES[key]) continue;
    const links = component.flatMap((from) =>
      component.filter((to) => edges.has(`${from}>${to}`)).map((to) => `    ${edges.get(`${from}>${to}`)}`),
    );
    problems.push(`module cycle among ${key}:\n${links.join('\n')}`);
  }
  for (const key of Object.keys(KNOWN_MODULE_CYCLES)) {
    if (!seen.has(key)) problems.push(`known module cycle ${key} no longer occurs: remove it from KNOWN_MODULE_CYCLES`);
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(
    `no import cycles: ${Object.keys(files).length} files, ${graph.size} modules (known: ${Object.keys(KNOWN_MODULE_CYCLES).join('; ')})`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
