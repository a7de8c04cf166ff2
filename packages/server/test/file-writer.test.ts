// The file writer: writes, renames and removals on its own threads, folder fsyncs shared by a batch,
// failures reported to the caller with no file left behind, and no hold on the process when idle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore, storageKeyOf } from '../src/index.js';
import { FileWriter } from '../src/store/file-writer.js';
import { buildCli, repoRoot } from '../../../test/build.js';

let data: string;
const writer = new FileWriter();
beforeAll(() => {
  data = mkdtempSync(join(tmpdir(), 'dcmkit-writer-'));
});
afterAll(async () => {
  await writer.close();
  rmSync(data, { recursive: true, force: true });
});

describe('FileWriter', () => {
  it('writes many files at once, through its shared slots and past them (more writes than slots, parts larger than a slot)', async () => {
    const folder = join(data, 'many');
    const content = (i: number) => Uint8Array.from({ length: i % 5 === 0 ? 1024 ** 2 + 3 : 1000 + i }, (_, k) => (k * 7 + i) & 0xff);
    const paths = Array.from({ length: 40 }, (_, i) => join(folder, `${i}.part`));
    await Promise.all(paths.map((path, i) => writer.write(path, [content(i).subarray(0, 10), content(i).subarray(10)])));
    // Again, so that slots freed by the first round are reused.
    await Promise.all(paths.map((path, i) => writer.write(`${path}.2`, [content(i)])));
    paths.forEach((path, i) => {
      expect(Buffer.compare(readFileSync(path), content(i))).toBe(0);
      expect(Buffer.compare(readFileSync(`${path}.2`), content(i))).toBe(0);
    });
  });

  it('writes a new file from chunks (its folder created), renames it into new folders, and removes it', async () => {
    const temporary = join(data, 'tmp', 'a.part');
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array([4, 5])];
    await writer.write(temporary, chunks);
    expect([...readFileSync(temporary)]).toEqual([1, 2, 3, 4, 5]);
    // The chunks are copied, not taken: they stay usable.
    expect(chunks[0]).toEqual(new Uint8Array([1, 2, 3]));
    const target = join(data, 'instances', 'a', 'b', 'a.dcm');
    const { durable } = await writer.place(temporary, target, data);
    await durable;
    expect(existsSync(temporary)).toBe(false);
    expect([...readFileSync(target)]).toEqual([1, 2, 3, 4, 5]);
    await (await writer.remove(target)).durable;
    expect(existsSync(target)).toBe(false);
    // Removing what is not there is no error.
    await (await writer.remove(target)).durable;
  });

  it('renames the jobs that arrive while it works in one batch, with one commit for all', async () => {
    const folder = join(data, 'batch');
    mkdirSync(folder);
    const names = Array.from({ length: 50 }, (_, i) => `${i}`);
    for (const n of names) writeFileSync(join(folder, `${n}.part`), n);
    // A large write keeps the thread busy while the renames are queued behind it.
    const busy = writer.write(join(folder, 'large.part'), [new Uint8Array(64 * 1024 ** 2)]);
    await new Promise((r) => setTimeout(r, 5));
    const events: string[] = [];
    await Promise.all(
      names.map(async (n) => {
        const { durable } = await writer.place(join(folder, `${n}.part`), join(folder, `${n}.dcm`), data);
        events.push('done');
        await durable;
        events.push('durable');
      }),
    );
    await busy;
    // Every rename was done before the first was reported durable: one folder fsync served them all.
    expect(events).toEqual([...names.map(() => 'done'), ...names.map(() => 'durable')]);
    expect(readdirSync(folder).filter((f) => f.endsWith('.dcm'))).toHaveLength(50);
  });

  it('reports failures with their error code and leaves no file', async () => {
    const notAFolder = join(data, 'file');
    writeFileSync(notAFolder, 'x');
    await expect(writer.write(join(notAFolder, 'a.part'), [new Uint8Array(10)])).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(writer.place(join(data, 'missing.part'), join(data, 'placed', 'missing.dcm'), data)).rejects.toMatchObject({ code: 'ENOENT' });
    const temporary = join(data, 'b.part');
    await writer.write(temporary, [new Uint8Array(10)]);
    await expect(writer.place(temporary, join(notAFolder, 'b.dcm'), data)).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(writer.write(temporary, [new Uint8Array(1)])).rejects.toMatchObject({ code: 'EEXIST' });
    // The thread goes on after failures.
    await (await writer.place(temporary, join(data, 'b.dcm'), data)).durable;
    expect(readFileSync(join(data, 'b.dcm'))).toHaveLength(10);
  });
});

describe('FileStore with the file writer', () => {
  it('leaves no file behind when a part cannot be written or placed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dcmkit-writer-store-'));
    try {
      const store = new FileStore(root);
      // The temporary folder's name is taken by a file: the held part cannot be written.
      writeFileSync(join(root, 'tmp'), '');
      const unwritten = await store.begin();
      await unwritten.write(new Uint8Array(100));
      await expect(unwritten.close()).rejects.toMatchObject({ code: 'ENOTDIR' });
      await unwritten.discard();
      rmSync(join(root, 'tmp'));

      // The study folder's name is taken by a file: the part cannot be placed.
      const key = storageKeyOf('1.2', '1.2.3', '1.2.3.4');
      mkdirSync(join(root, 'instances'));
      writeFileSync(join(root, 'instances', '1.2'), '');
      const unplaced = await store.begin();
      await unplaced.write(new Uint8Array(100));
      await unplaced.close();
      await expect(unplaced.commit(key)).rejects.toMatchObject({ code: 'ENOTDIR' });
      await unplaced.discard();
      expect(readdirSync(join(root, 'tmp'))).toEqual([]);
      expect(await store.exists(key)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the file writer thread', () => {
  beforeAll(buildCli, 300_000);

  it('finishes its jobs before the process exits, and does not keep it alive when idle', () => {
    const folder = mkdtempSync(join(tmpdir(), 'dcmkit-writer-exit-'));
    try {
      const module = pathToFileURL(join(repoRoot, 'packages/server/dist/store/file-writer.js')).href;
      // Nothing awaits the jobs: only the thread's pending work keeps the process alive until they are durable.
      const script = `
        const { fileWriter } = await import(${JSON.stringify(module)});
        const writer = fileWriter();
        const folder = ${JSON.stringify(folder)};
        writer.write(folder + '/a.part', [new Uint8Array(1000)]).then(() => writer.place(folder + '/a.part', folder + '/x/a.dcm', folder));`;
      const idle = `const { fileWriter } = await import(${JSON.stringify(module)}); fileWriter().warm();`;
      for (const code of [script, idle]) {
        const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 30_000 });
        expect(run.error).toBeUndefined();
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
      }
      expect(readFileSync(join(folder, 'x', 'a.dcm'))).toHaveLength(1000);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('syncs the parents of a folder it did not create, the first time it places into it (strace)', () => {
    // instances/s1/s2 was made by an earlier run that may have stopped before syncing the parents.
    const root = mkdtempSync(join(tmpdir(), 'dcmkit-writer-chain-'));
    try {
      const series = join(root, 'instances', 's1', 's2');
      mkdirSync(series, { recursive: true });
      const module = pathToFileURL(join(repoRoot, 'packages/server/dist/store/file-writer.js')).href;
      const script = `
        const { fileWriter } = await import(${JSON.stringify(module)});
        const writer = fileWriter();
        const root = ${JSON.stringify(root)};
        for (const name of ['a', 'b']) {
          await writer.write(root + '/' + name + '.part', [new Uint8Array(100)]);
          await (await writer.place(root + '/' + name + '.part', ${JSON.stringify(series)} + '/' + name + '.dcm', root)).durable;
          process.stderr.write('placed ' + name + '\\n');
        }
        await writer.close();`;
      // -f: the writer's thread; -y: the path of each descriptor. strace writes to the same stderr, after each call.
      const run = spawnSync('strace', ['-f', '-y', '-e', 'trace=fsync', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
      expect(run.error).toBeUndefined();
      expect(run.status).toBe(0);
      const synced = (part: string) => [...part.matchAll(/fsync\(\d+<([^>]+)>\) = 0/g)].map((m) => m[1]!).sort();
      const [first, second] = run.stderr.split(/placed a\n/);
      expect(synced(first!)).toEqual([root, join(root, 'instances'), join(root, 'instances', 's1'), series].sort());
      // Once is enough: the second file costs the fsync of its own folder only.
      expect(synced(second!.split('placed b')[0]!)).toEqual([series]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
