// `dcmkit sr`: dsrdump-style text and JSON of an SR document; a malformed one fails naming the item.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDicom, writeDicom } from '@dcmkit/core';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const testSR = path.resolve(repoRoot, '../shared/corpus/files/test_files/test-SR.dcm');
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-cli-sr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dcmkit sr', () => {
  test('prints the header and the indented tree', async () => {
    const { code, stdout } = await cli('sr', testSR);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Comprehensive SR Document');
    expect(stdout).toMatch(/^Completion Flag {5}: COMPLETE$/m);
    expect(stdout).toMatch(/^Verification Flag {3}: VERIFIED$/m);
    expect(lines).toContain('<CONTAINER:(1111,TEST,"Diagnosis")=SEPARATE> {20010213184746}');
    expect(lines).toContain('    <contains NUM:(1234,99_OFFIS_DCMTK,"Diameter")="3" (cm,99_OFFIS_DCMTK,"Length Unit")>');
    expect(lines).toContain('      <selected from 1.3.2>');
    expect(stdout).toContain('<inferred from TEXT:(1234,99_OFFIS_DCMTK,"Code")="Inferred Sample Text\\nNew line.\\n\\r&%...">');
  });

  test('--long prints long values in full', async () => {
    const { stdout } = await cli('sr', testSR, '--long');
    expect(stdout).not.toContain('&%...');
    expect(stdout).toMatch(/<has properties SCOORD:\(1234,99_OFFIS_DCMTK,"SCoord Code"\)=\(CIRCLE,0\/0,[^.]+\)>/);
  });

  test('--json prints the tree with paths', async () => {
    const { code, stdout } = await cli('sr', testSR, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.documentType).toBe('Comprehensive SR');
    expect(report.root.children[2].children[2]).toMatchObject({ path: '1.3.3', valueType: 'TCOORD', children: [{ relationship: 'SELECTED FROM', referencedContentItem: [1, 3, 2] }] });
  });

  test('a malformed document: exit 1 and the item and attribute named', async () => {
    const file = parseDicom(new Uint8Array(readFileSync(testSR)));
    file.dataset.items('ContentSequence')[2]!.delete('TextValue');
    const broken = path.join(dir, 'broken.dcm');
    writeFileSync(broken, writeDicom(file));
    const { code, stderr } = await cli('sr', broken);
    expect(code).toBe(1);
    expect(stderr).toContain('content item 1.3: Text Value (0040,A160) missing');
  });

  test('not an SR document', async () => {
    const { code, stderr } = await cli('sr', path.resolve(testSR, '../CT_small.dcm'));
    expect(code).toBe(1);
    expect(stderr).toContain('SR document: SOP Class UID (0008,0016) is CT Image Storage: not an SR document');
  });
});
