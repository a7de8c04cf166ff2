import { test } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDicom, formatTag } from '@dcmkit/core';
const root = '/work/shared/corpus/files';
function* walk(d: string): Generator<string> { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) yield* walk(p); else yield p; } }
test('all', () => {
  const manifest = JSON.parse(readFileSync('/work/shared/corpus/manifest.json', 'utf8'));
  const byPath = new Map(manifest.map((m: any) => [m.path, m]));
  let ok = 0, bad = 0, mism = 0;
  for (const p of walk(root)) {
    const rel = p.slice(root.length + 1);
    const m: any = byPath.get(rel);
    try {
      const f = parseDicom(new Uint8Array(readFileSync(p)), { name: rel });
      for (const el of f.dataset) f.dataset.values(el);
      ok++;
      if (f.dataset.size !== m.topLevelElementCount) { mism++; console.log('COUNT', rel, f.dataset.size, m.topLevelElementCount, f.warnings.slice(0,3)); }
    } catch (e) { bad++; console.log('ERR', rel, (e as Error).message, 'pydicom', m.readableBy.pydicom, 'dcmtk', m.readableBy.dcmtk); }
  }
  console.log({ ok, bad, mism });
});
