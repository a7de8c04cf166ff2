// Module hooks for running the TypeScript sources in a worker thread (development and tests only; the
// published CLI runs its compiled .js): @dcmkit/<pkg> resolves to packages/<pkg>/src, a ".js" import
// from a .ts file to the .ts beside it, and .ts files are compiled by TypeScript without type checks,
// the output kept in the temporary folder for the next worker (keyed by path, size and time).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packages = new URL('../../../', import.meta.url);
const cache = path.join(tmpdir(), 'dcmkit-source-hooks');
/** Part of each cache key: change it when `compile` changes. */
const COMPILER = 'typescript transpileModule, ES2022, ESNext modules, verbatimModuleSyntax';

export async function resolve(specifier, context, next) {
  const workspace = /^@dcmkit\/([a-z]+)(\/node)?$/.exec(specifier);
  if (workspace) return { url: new URL(`${workspace[1]}/src/${workspace[2] ? 'node/' : ''}index.ts`, packages).href, shortCircuit: true };
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const source = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(source))) return { url: source.href, shortCircuit: true };
  }
  return next(specifier, context);
}

async function compile(file) {
  const ts = (await import('typescript')).default;
  const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  return outputText;
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const file = fileURLToPath(url);
  const { size, mtimeMs } = await stat(file);
  const cached = path.join(cache, `${createHash('sha256').update(`${COMPILER}\0${file}\0${size}\0${mtimeMs}`).digest('hex')}.js`);
  let source = await readFile(cached, 'utf8').catch(() => undefined);
  if (source === undefined) {
    source = await compile(file);
    // Written aside and renamed: another worker reads the whole file or none.
    const temp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await mkdir(cache, { recursive: true });
    await writeFile(temp, source);
    await rename(temp, cached);
  }
  return { format: 'module', source, shortCircuit: true };
}
