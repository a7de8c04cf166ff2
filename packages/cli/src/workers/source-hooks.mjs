// Module hooks for running the TypeScript sources in a worker thread (development and tests only; the
// published CLI runs its compiled .js): @dcmkit/<pkg> resolves to packages/<pkg>/src, a ".js" import
// from a .ts file to the .ts beside it, and .ts files are compiled by TypeScript without type checks.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packages = new URL('../../../', import.meta.url);

export async function resolve(specifier, context, next) {
  const workspace = /^@dcmkit\/([a-z]+)(\/node)?$/.exec(specifier);
  if (workspace) return { url: new URL(`${workspace[1]}/src/${workspace[2] ? 'node/' : ''}index.ts`, packages).href, shortCircuit: true };
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const source = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(source))) return { url: source.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { outputText } = ts.transpileModule(await readFile(new URL(url), 'utf8'), {
    fileName: fileURLToPath(url),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
