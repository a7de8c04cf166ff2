#!/usr/bin/env node
// Runs the benchmark suites of bench/suites/ in one process and prints a table, or with --json one
// JSON array of {suite, subject, metric, value, unit} and nothing else on stdout.
//   npm run bench                       all suites but the opt-in ones (server-index)
//   npm run bench -- core-parse         one suite; a prefix ("core") runs every suite it starts
//   npm run bench -- --json --quick     machine-readable, fewer samples
//   npm run bench -- --huge             also the ~2 GB multi-frame file
// Suites import the built packages (@dcmkit/* resolves to packages/*/dist): `npm ci` builds them,
// `npm run build` rebuilds them after a change.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ensureCtSeries, ensureMultiframe } from './generate.mjs';
import { compare, retained, sample } from './lib/measure.mjs';
import { renderTable } from './lib/table.mjs';

// Memory deltas need a full GC on demand: run again with --expose-gc (a runtime flag change would
// slow the JIT-compiled code being measured).
if (!globalThis.gc) {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const options = { json: args.includes('--json'), huge: args.includes('--huge'), quick: args.includes('--quick') };
const wanted = args.filter((a) => !a.startsWith('--'));
const log = (message) => process.stderr.write(`${message}\n`);
const unknown = args.filter((a) => a.startsWith('--') && !['--json', '--huge', '--quick'].includes(a));
if (unknown.length) {
  log(`bench: unknown option ${unknown.join(' ')} (options: --json, --quick, --huge)`);
  process.exit(2);
}

// With --json, stdout carries the JSON only: whatever a library logs goes to stderr.
if (options.json) for (const k of ['log', 'info', 'debug']) console[k] = (...a) => console.error(...a);

/** The workspace packages the suites import must be built; a build older than its sources is only warned about. */
function checkBuilt() {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const newest = (dir) => Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  for (const pkg of workspaces) {
    const built = join(root, pkg, 'dist/index.js');
    if (!existsSync(join(root, pkg, 'src/index.ts'))) continue;
    if (!existsSync(built)) {
      log(`bench: ${pkg}/dist/index.js is missing. The suites run the built packages: run \`npm run build\` (\`npm ci\` builds too) and try again.`);
      process.exit(1);
    }
    if (newest(join(root, pkg, 'src')) > statSync(built).mtimeMs) log(`bench: ${pkg}/src is newer than its dist: results are of the last build (\`npm run build\`).`);
  }
}

async function loadSuites() {
  const dir = fileURLToPath(new URL('./suites/', import.meta.url));
  const suites = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    const suite = mod.default ?? mod;
    if (typeof suite.name !== 'string' || typeof suite.run !== 'function') throw new Error(`bench/suites/${file}: export name and run(ctx)`);
    suites.push(suite);
  }
  return suites;
}

/** Exact names first; otherwise every suite whose name starts with the argument. */
function select(suites) {
  // Suites that take long (`export const optIn = true`) run only when named.
  if (wanted.length === 0) return suites.filter((s) => !s.optIn);
  const chosen = new Set();
  for (const w of wanted) {
    const exact = suites.filter((s) => s.name === w);
    const matched = exact.length ? exact : suites.filter((s) => s.name.startsWith(w));
    if (!matched.length) {
      log(`bench: no suite '${w}'. Suites: ${suites.map((s) => s.name).join(', ')}`);
      process.exit(2);
    }
    matched.forEach((s) => chosen.add(s));
  }
  return suites.filter((s) => chosen.has(s));
}

checkBuilt();
const suites = select(await loadSuites());
const samplingDefaults = options.quick ? { warmup: 1, minIterations: 3, minTime: 300 } : {};
/** What a suite gets: data generated on first use, timing (lib/measure.mjs), options and a stderr logger. */
const ctx = {
  options,
  log,
  data: {
    ctSeries: (o) => ensureCtSeries({ log, ...o }),
    multiframe: (o) => ensureMultiframe({ log, ...o }),
  },
  sample: (fn, o) => sample(fn, { ...samplingDefaults, ...o }),
  compare: (subjects, o) => compare(subjects, { ...samplingDefaults, ...o }),
  retained,
};

const records = [];
for (const suite of suites) {
  log(`bench: ${suite.name}${suite.description ? ` — ${suite.description}` : ''}`);
  const got = await suite.run(ctx);
  records.push(...got);
  if (!options.json) process.stdout.write(`${renderTable(got)}\n`);
}
if (options.json) process.stdout.write(`${JSON.stringify(records)}\n`);
