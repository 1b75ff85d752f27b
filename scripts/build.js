#!/usr/bin/env node
// `npm run build` (`node scripts/build.js [api] [web]`): a full build of the API and the web app.
// `npm start` uses the same steps with `onlyIfChanged`: a part is rebuilt only when a content hash
// of its inputs (sources, configuration, lock file, build-time variables) differs from the one
// stored in its output folder by the last successful build.
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const STAMP = '.nestmap-build-inputs';
// Outputs and files the builds themselves write inside the input folders.
const IGNORED = new Set(['node_modules', '.next', 'next-env.d.ts']);

/** The parts, each with its inputs, output folder, the file that proves a build exists, and command. */
const TARGETS = {
  api: {
    label: 'the API',
    inputs: ['apps/api/src', 'apps/api/tsconfig.build.json', 'tsconfig.json', 'package-lock.json'],
    buildVariables: [],
    output: () => 'dist',
    builtFile: 'index.js',
    command: ({ full, root }) => {
      // Incremental: after a small change tsc re-emits only what it affects. A full build starts over.
      if (full) fs.rmSync(path.join(root, 'dist/.tsbuildinfo'), { force: true });
      const tsc = require.resolve('typescript/bin/tsc');
      return [tsc, '-p', 'apps/api/tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'];
    },
  },
  web: {
    label: 'the web app',
    inputs: ['apps/web', 'libs/api-client', 'package-lock.json'],
    // next.config.ts fixes the /api rewrite target (API_URL, else PORT) and NEXT_PUBLIC_* into the build.
    buildVariables: ['API_URL', 'PORT', 'NEXT_DIST_DIR', /^NEXT_PUBLIC_/],
    output: (env) => path.join('apps/web', env.NEXT_DIST_DIR ?? '.next'),
    builtFile: 'BUILD_ID',
    command: () => [require.resolve('next/dist/bin/next'), 'build', 'apps/web'],
  },
};

/** SHA-256 over every input file (path and content, in a stable order) and the build variables. */
function inputsHash(target, env, root = ROOT) {
  const hash = createHash('sha256');
  const output = path.join(root, target.output(env));
  const add = (relative) => {
    const absolute = path.join(root, relative);
    if (absolute === output) return;
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(absolute).sort()) {
        if (!IGNORED.has(name) && !name.endsWith('.tsbuildinfo')) add(path.join(relative, name));
      }
      return;
    }
    hash.update(`${relative}\0${stat.size}\0`).update(fs.readFileSync(absolute)).update('\0');
  };
  target.inputs.forEach(add);
  for (const name of Object.keys(env).sort()) {
    if (
      target.buildVariables.some((variable) => (typeof variable === 'string' ? variable === name : variable.test(name)))
    ) {
      hash.update(`${name}=${env[name]}\0`);
    }
  }
  return hash.digest('hex');
}

/** True when the output exists and was built from exactly these inputs. */
function isUpToDate(target, env, root = ROOT) {
  const output = path.join(root, target.output(env));
  if (!fs.existsSync(path.join(output, target.builtFile))) return false;
  return readStamp(output) === inputsHash(target, env, root);
}

function readStamp(output) {
  try {
    return fs.readFileSync(path.join(output, STAMP), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Builds the named parts (all by default). With `onlyIfChanged`, up-to-date parts are skipped.
 * Says what it does through `log`; throws when a build fails. (`root` and `targets`: for tests.)
 */
function build({
  names,
  onlyIfChanged = false,
  env = process.env,
  log = console.log,
  root = ROOT,
  targets = TARGETS,
} = {}) {
  for (const name of names ?? Object.keys(targets)) {
    const target = targets[name];
    if (!target) throw new Error(`unknown build target "${name}" (known: ${Object.keys(targets).join(', ')})`);
    if (onlyIfChanged && isUpToDate(target, env, root)) {
      log(`${target.label} is up to date`);
      continue;
    }
    // Hashed before building: an edit made during the build makes the next start build again.
    const hash = inputsHash(target, env, root);
    log(`building ${target.label}…`);
    const started = Date.now();
    const result = spawnSync(process.execPath, target.command({ full: !onlyIfChanged, root }), {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error(`building ${target.label} failed`);
    fs.writeFileSync(path.join(root, target.output(env), STAMP), `${hash}\n`);
    log(`built ${target.label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

module.exports = { TARGETS, build, inputsHash, isUpToDate };

if (require.main === module) {
  try {
    build({ names: process.argv.length > 2 ? process.argv.slice(2) : undefined });
  } catch (error) {
    console.error(`build: ${error.message}`);
    process.exit(1);
  }
}
