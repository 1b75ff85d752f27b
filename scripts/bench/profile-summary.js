#!/usr/bin/env node
// `node scripts/bench/profile-summary.js <file.cpuprofile> [top=25] [from]`: the functions a V8 CPU
// profile (`node --cpu-prof`, e.g. from profile.js) spent the most self time in, and the same grouped
// by package (node_modules/<name>, our dist/, node: internals), as a share of the busy (non-idle)
// samples. `from`: only samples from this monotonic clock reading on (µs, as process.hrtime), so that
// the boot is left out.
const { readFileSync } = require('node:fs');

const [file, top = '25', from = '0'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-summary.js <file.cpuprofile> [top]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
let time = profile.startTime;
let firstSample;
profile.samples.forEach((id, index) => {
  time += profile.timeDeltas[index] ?? 0;
  if (time < Number(from)) return;
  firstSample ??= time;
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});

const IDLE = new Set(['(idle)', '(program)']);
const where = ({ url }) => {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:';
  return /\/dist\//.test(url) ? 'ours (dist)' : url;
};

/** node_modules/<package>/…, dist/… for ours, node:… as is. */
const shortUrl = (url) =>
  url.includes('node_modules/') ? url.replace(/^.*node_modules\//, '') : url.replace(/^.*\/dist\//, 'dist/');

const byFrame = new Map();
const byPackage = new Map();
let busy = 0;
for (const [id, micros] of selfMicros) {
  const { callFrame } = nodes.get(id);
  if (IDLE.has(callFrame.functionName)) continue;
  busy += micros;
  const name = `${callFrame.functionName || '(anonymous)'}  ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
  byFrame.set(name, (byFrame.get(name) ?? 0) + micros);
  byPackage.set(where(callFrame), (byPackage.get(where(callFrame)) ?? 0) + micros);
}

const table = (title, entries, limit) => {
  process.stdout.write(`\n${title}\n| self % | self ms | frame |\n|---|---|---|\n`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    process.stdout.write(`| ${((100 * micros) / busy).toFixed(1)} | ${(micros / 1000).toFixed(0)} | ${name} |\n`);
  }
};
process.stdout.write(
  `busy: ${(busy / 1000).toFixed(0)} ms of ${((profile.endTime - (firstSample ?? profile.endTime)) / 1000).toFixed(0)} ms profiled\n`,
);
table('Top self time by function', byFrame, Number(top));
table('Self time by package', byPackage, 15);
