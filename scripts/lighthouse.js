#!/usr/bin/env node
/**
 * `npm run lighthouse`: Lighthouse 12 (mobile preset) on the main pages of a running NestMap with
 * the demo data (`npm start`, `npm run db:seed`), checked against the web performance budgets.
 * Prints each page's scores and exits non-zero when one is under its budget.
 *
 * Not part of CI or `npm test` on purpose: timing scores on a shared or busy machine move by
 * several points from run to run, and a budget that fails at random teaches people to ignore it.
 *
 *   npm run lighthouse                         # against http://localhost:3000
 *   npm run lighthouse -- --url http://host:3000 --runs 3 --only trip
 *
 * Each page is loaded once by an unrecorded Lighthouse run first (`--warm-up 0` skips it): the first
 * loads after a server (re)start measure Next's and Node's cold start on the same cores as the
 * audited browser (it scored a page up to 10–15 points lower), which a running deployment never shows.
 *
 * CHROME_PATH names the browser when Lighthouse cannot find one; LIGHTHOUSE_EMAIL and
 * LIGHTHOUSE_PASSWORD the account (default: the demo traveller). Reports go to artifacts/lighthouse/.
 */
const { spawn } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const ROOT = join(__dirname, '..');
const REPORTS = join(ROOT, 'artifacts/lighthouse');

/** Budgets (issue 8): the trip page holds the map, every other page stays lighter. */
const PAGES = [
  { name: 'sign-in', path: '/sign-in', signedIn: false, performance: 95 },
  { name: 'dashboard', path: '/dashboard', signedIn: true, performance: 95 },
  { name: 'trips', path: '/trips', signedIn: true, performance: 95 },
  { name: 'trip', path: (tripId) => `/trips/${tripId}`, signedIn: true, performance: 90 },
];
const ACCESSIBILITY_BUDGET = 100;

function options(argv) {
  const value = (flag, fallback) => {
    const index = argv.indexOf(flag);
    return index === -1 ? fallback : argv[index + 1];
  };
  return {
    url: value('--url', process.env.LIGHTHOUSE_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    runs: Math.max(1, Number(value('--runs', '1'))),
    warmUp: Math.max(0, Number(value('--warm-up', '1'))),
    only: value('--only', null)?.split(','),
    email: process.env.LIGHTHOUSE_EMAIL ?? 'tom@globex.example',
    password: process.env.LIGHTHOUSE_PASSWORD ?? 'nestmap demo password',
  };
}

/**
 * A fresh session through the web app's own sign-in handler: its cookies (each with the Path it was
 * set for) and an access token. One per audited page load: refresh tokens rotate on use.
 */
async function signIn({ url, email, password }) {
  const response = await fetch(`${url}/session/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-NestMap-CSRF': '1' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok)
    throw new Error(`sign-in as ${email} answered HTTP ${response.status}: is the demo data seeded (npm run db:seed)?`);
  const cookies = response.headers.getSetCookie().map((header) => ({
    pair: header.split(';')[0],
    path: /;\s*path=([^;]+)/i.exec(header)?.[1] ?? '/',
  }));
  const { accessToken } = await response.json();
  return { cookies, accessToken };
}

/**
 * Lighthouse sends one Cookie header with every request of the page load. It carries the cookies a
 * browser would send with the page itself (by their Path: the trip pages' access cookie only to a
 * trip page), plus the /session one, which the page's own refresh call needs and nothing else reads.
 */
function cookieHeader(cookies, pagePath) {
  return cookies
    .filter(
      ({ path }) => path === '/session' || pagePath === path || pagePath.startsWith(`${path.replace(/\/$/, '')}/`),
    )
    .map(({ pair }) => pair)
    .join('; ');
}

async function firstTripId(settings) {
  const { accessToken } = await signIn(settings);
  const response = await fetch(`${settings.url}/api/trips?limit=1`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const body = await response.json();
  const trip = body.items?.[0];
  if (!trip) throw new Error(`${settings.email} has no trip to audit: seed the demo data (npm run db:seed)`);
  return trip.id;
}

function runLighthouse(target, cookie) {
  const bin = join(dirname(require.resolve('lighthouse/package.json')), 'cli/index.js');
  const args = [
    bin,
    target,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance,accessibility',
    '--chrome-flags=--headless=new --no-sandbox',
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`lighthouse exited ${code}: ${err.trim().slice(-500)}`)),
    );
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function summary(report) {
  const audit = (id) => report.audits[id]?.numericValue ?? NaN;
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    lcpMs: Math.round(audit('largest-contentful-paint')),
    tbtMs: Math.round(audit('total-blocking-time')),
    cls: Number(audit('cumulative-layout-shift').toFixed(3)),
  };
}

async function main() {
  const settings = options(process.argv.slice(2));
  mkdirSync(REPORTS, { recursive: true });
  const pages = PAGES.filter((page) => !settings.only || settings.only.includes(page.name));
  const tripId = pages.some((page) => typeof page.path === 'function') ? await firstTripId(settings) : null;
  const rows = [];
  for (const page of pages) {
    const pagePath = typeof page.path === 'function' ? page.path(tripId) : page.path;
    const target = settings.url + pagePath;
    const audit = async () =>
      runLighthouse(target, page.signedIn ? cookieHeader((await signIn(settings)).cookies, pagePath) : null);
    for (let run = 0; run < settings.warmUp; run++) await audit();
    const runs = [];
    for (let run = 0; run < settings.runs; run++) {
      const report = await audit();
      writeFileSync(join(REPORTS, `${page.name}-${run + 1}.json`), JSON.stringify(report));
      runs.push(summary(report));
    }
    // The median run by performance score: one noisy run neither passes nor fails a page.
    const middle = runs.find((run) => run.performance === median(runs.map((r) => r.performance)));
    const failures = [
      middle.performance < page.performance && `performance ${middle.performance} < ${page.performance}`,
      middle.accessibility < ACCESSIBILITY_BUDGET && `accessibility ${middle.accessibility} < ${ACCESSIBILITY_BUDGET}`,
    ].filter(Boolean);
    rows.push({
      page: page.name,
      ...middle,
      runs: runs.map((r) => r.performance).join('/'),
      budget: failures.join('; ') || 'ok',
    });
  }
  console.table(rows);
  const failed = rows.filter((row) => row.budget !== 'ok');
  if (failed.length) {
    console.error(`Under budget: ${failed.map((row) => row.page).join(', ')} (reports in artifacts/lighthouse/)`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`lighthouse: ${error.message}`);
  process.exitCode = 2;
});
