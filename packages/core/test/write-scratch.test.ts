import { test } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDicom, writeDicom } from '@dcmkit/core';
const root = '/work/shared/corpus/files';
function* walk(d: string): Generator<string> { for (const f of readdirSync(d)) { const p = path.join(d, f); if (statSync(p).isDirectory()) yield* walk(p); else yield p; } }
test('rt', () => {
  let ok = 0; const bad: string[] = [];
  for (const p of walk(root)) {
    const rel = path.relative(root, p);
    const bytes = new Uint8Array(readFileSync(p));
    let f; try { f = parseDicom(bytes, { name: rel }); } catch (e) { bad.push(`${rel}: PARSE ${(e as Error).message}`); continue; }
    let out; try { out = writeDicom(f); } catch (e) { bad.push(`${rel}: WRITE ${(e as Error).message}`); continue; }
    if (out.length === bytes.length && out.every((b, i) => b === bytes[i])) { ok++; continue; }
    let i = 0; while (i < out.length && i < bytes.length && out[i] === bytes[i]) i++;
    bad.push(`${rel}: DIFF at ${i} (len ${bytes.length} -> ${out.length}) ts=${f.transferSyntax} warn=${f.warnings.map(w=>w.message).join('; ').slice(0,200)}`);
  }
  console.log(ok, '\n' + bad.join('\n'));
});
