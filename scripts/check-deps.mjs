#!/usr/bin/env node
// Checks the package layering of DEVELOPERS.md: imports point one way, and the isomorphic packages
// (dictionary, core, pixel, codecs, dicomweb) use no node:*, Buffer, process or DOM outside a /node folder.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const allowed = {
  dictionary: [],
  core: ['dictionary'],
  pixel: ['core', 'dictionary'],
  codecs: ['pixel', 'core', 'dictionary'],
  dimse: ['core', 'dictionary'],
  dicomweb: ['core', 'dictionary'],
  server: ['core', 'dictionary', 'pixel', 'codecs', 'dimse', 'dicomweb'],
  viewer: ['core', 'dictionary', 'pixel', 'codecs', 'dicomweb'],
  cli: ['core', 'dictionary', 'pixel', 'codecs', 'dimse', 'dicomweb', 'server'],
};
const isomorphic = new Set(['dictionary', 'core', 'pixel', 'codecs', 'dicomweb', 'dimse']);
const forbidden = [
  [/from\s+['"]node:/, 'imports node:*'],
  [/import\(\s*['"]node:/, 'imports node:*'],
  [/from\s+['"](fs|path|os|crypto|zlib|worker_threads|child_process|stream|buffer)(\/[a-z]+)?['"]/, 'imports a Node built-in'],
  [/\bBuffer\./, 'uses Buffer'],
  [/\bprocess\.(env|argv|exit|stdout|stderr|cwd)/, 'uses process'],
  [/(?<![\w./'"-])(document|window)\.[a-zA-Z]/, 'uses the DOM'],
];

function* files(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mjs|js)$/.test(f) && !f.endsWith('.d.ts')) yield p;
  }
}

const problems = [];
for (const [pkg, deps] of Object.entries(allowed)) {
  const src = join(root, 'packages', pkg, 'src');
  if (!existsSync(src)) continue;
  for (const file of files(src)) {
    const rel = relative(root, file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)['"]@dcmkit\/([a-z]+)/g)) {
      if (m[1] !== pkg && !deps.includes(m[1])) problems.push(`${rel}: imports @dcmkit/${m[1]} (not allowed for ${pkg})`);
    }
    if (!isomorphic.has(pkg) || rel.includes('/src/node/')) continue;
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [re, what] of forbidden) if (re.test(code)) problems.push(`${rel}: ${what} (only allowed under src/node/)`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`check:deps: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('check:deps: package layering and isomorphic-code rules hold');
