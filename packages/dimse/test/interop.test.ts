// Interoperability with dcmtk over loopback TCP: our C-STORE SCU against storescp (the received data
// sets compared byte for byte), dcmtk's echoscu and storescu against our SCP. Without dcmtk the suite
// is skipped, except under CI where it fails (see dcmtkAvailable).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { parseDicom } from '@dcmkit/core';
import { Status, dataSetIn, instanceOfPart10, type StoreInstance, type StoreRequest } from '@dcmkit/dimse';
import { echo, startDimseServer, store } from '@dcmkit/dimse/node';
import { dcmtkAvailable, runTool, startStoreScp } from './dcmtk.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const corpusFiles = readdirSync(corpus)
  .filter((f) => f.endsWith('.dcm'))
  .map((f) => path.join(corpus, f));
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-dimse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(dcmtkAvailable())('with dcmtk', () => {
  test('our C-STORE SCU to storescp: every readable corpus file arrives, data set bytes unchanged', async () => {
    const received = path.join(dir, 'storescp');
    mkdirSync(received);
    const scp = await startStoreScp(received);
    try {
      const results = await store({ host: '127.0.0.1', port: scp.port, calledAE: scp.aeTitle }, corpusFiles);
      expect(results).toHaveLength(corpusFiles.length);
      const stored = results.filter((r) => r.status === Status.Success);
      // Files without SOP UIDs, truncated ones and one whose data set is not in its declared syntax are refused before sending.
      const refused = results.filter((r) => r.status === undefined);
      expect(refused.map((r) => path.basename(r.path)).sort()).toEqual(
        ['MR_truncated.dcm', 'SC_rgb_jpeg.dcm', 'empty_charset_LEI.dcm', 'meta_missing_tsyntax.dcm', 'nested_priv_SQ.dcm', 'no_meta.dcm', 'rtplan_truncated.dcm'].sort(),
      );
      expect(stored).toHaveLength(results.length - refused.length);
      // Several corpus files share a SOP Instance UID: storescp keeps the last of each, which must be one of them, byte for byte.
      // A data set in a syntax the receiver did not accept went rewritten into an accepted uncompressed one.
      const sentByUID = new Map<string, StoreInstance[]>();
      for (const r of stored) {
        const sent = instanceOfPart10(new Uint8Array(readFileSync(r.path)));
        sentByUID.set(sent.sopInstanceUID, [...(sentByUID.get(sent.sopInstanceUID) ?? []), sent]);
      }
      const names = readdirSync(received);
      expect(names).toHaveLength(sentByUID.size);
      for (const name of names) {
        const raw = new Uint8Array(readFileSync(path.join(received, name)));
        const file = parseDicom(raw);
        const candidates = sentByUID.get(file.meta.getString('MediaStorageSOPInstanceUID')!);
        expect(candidates, name).toBeDefined();
        // The data set after the File Meta Information, as written (deflated ones too).
        const dataSet = raw.subarray(file.datasetOffset);
        expect(candidates!.some((c) => Buffer.compare(dataSetIn(c, file.transferSyntax) ?? new Uint8Array(0), dataSet) === 0), name).toBe(true);
      }
    } finally {
      await scp.stop();
    }
  });

  test('echoscu and storescu against our SCP', async () => {
    const got: StoreRequest[] = [];
    const server = await startDimseServer({ aeTitle: 'DCMKIT', port: 0, handlers: { store: async (r) => (got.push(r), { status: Status.Success }) } });
    try {
      const echoed = await runTool('echoscu', ['-aec', 'DCMKIT', '127.0.0.1', String(server.port)]);
      expect(echoed.code).toBe(0);
      expect(await echo({ host: '127.0.0.1', port: server.port, calledAE: 'DCMKIT' })).toBe(Status.Success);
      const files = ['CT_small.dcm', 'MR_small.dcm', 'MR_small_bigendian.dcm', 'rtplan.dcm'].map((f) => path.join(corpus, f));
      const stored = await runTool('storescu', ['-aec', 'DCMKIT', '127.0.0.1', String(server.port), ...files]);
      expect(stored.code, stored.stderr).toBe(0);
      expect(got.map((r) => r.sopInstanceUID)).toEqual(files.map((f) => instanceOfPart10(new Uint8Array(readFileSync(f))).sopInstanceUID));
      expect(got.every((r) => r.callingAE === 'STORESCU')).toBe(true);
      // A wrong called AE title: storescu reports the rejection.
      const rejected = await runTool('storescu', ['-aec', 'SOMEONE', '127.0.0.1', String(server.port), files[0]!]);
      expect(rejected.code).not.toBe(0);
      expect(rejected.stderr + rejected.stdout).toMatch(/Called AE Title Not Recognized/i);
    } finally {
      await server.close();
    }
  });
});
