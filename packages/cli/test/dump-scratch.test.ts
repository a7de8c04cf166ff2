import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { cli } from '../../../test/cli-run.js';
const C = '/work/shared/corpus/';
const RE = /^( *)\(([0-9a-f]{4}),([0-9a-f]{4})\) (\S\S) (.*) # +(u\/l|\d+), *(\d+) (.*)$/;
const parse = (t: string) => t.split('\n').map((l) => RE.exec(l)).filter((m) => m && `${m[2]},${m[3]}` !== '0008,0005').map((m) => `${m![1]!.length} ${m![2]},${m![3]} ${m![4]} vm=${m![7]}`);
test('x', async () => {
  const manifest = JSON.parse(readFileSync(C + 'manifest.json', 'utf8'));
  let same = 0;
  for (const r of manifest) {
    if (!r.readableBy.dcmtk) continue;
    const ref = parse(readFileSync(C + r.dump, 'utf8'));
    const ours = parse((await cli('dump', C + 'files/' + r.path)).stdout);
    const diffs: string[] = [];
    for (let i = 0; i < Math.max(ref.length, ours.length); i++) if (ref[i] !== ours[i]) diffs.push(`${i}: ref ${ref[i]} | ours ${ours[i]}`);
    if (diffs.length) console.log(r.path, ref.length, ours.length, diffs.length, '\n  ' + diffs.slice(0, 4).join('\n  '));
    else same++;
  }
  console.log('same', same);
});
