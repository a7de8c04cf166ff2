import { test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { writeDicom, createBasicTextSR, createKeyObjectSelection, code, encapsulatePdf } from '@dcmkit/core';
test('x', () => {
  const sr = createBasicTextSR({
    patient: { name: 'Müller^Jürgen', id: 'P1' },
    title: code('11528-7', 'LN', 'Radiology Report'),
    content: [
      { relationship: 'HAS OBS CONTEXT', valueType: 'PNAME', conceptName: code('121008', 'DCM', 'Person Observer Name'), personName: 'Smith^John' },
      { relationship: 'CONTAINS', valueType: 'CONTAINER', conceptName: code('121070', 'DCM', 'Findings'), continuity: 'SEPARATE', children: [
        { relationship: 'CONTAINS', valueType: 'TEXT', conceptName: code('121071', 'DCM', 'Finding'), text: 'No acute abnormality. Größe normal.' },
        { relationship: 'CONTAINS', valueType: 'CODE', conceptName: code('121071', 'DCM', 'Finding'), code: code('F-00001', 'SRT', 'Normal') },
        { relationship: 'CONTAINS', valueType: 'IMAGE', conceptName: code('121080', 'DCM', 'Best illustration of finding'), reference: { sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: '1.2.3.4.5.6' } },
      ] },
    ],
    evidence: [{ studyInstanceUID: '1.2.3.4', seriesInstanceUID: '1.2.3.4.5', sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: '1.2.3.4.5.6' }],
    verification: { observerName: 'Smith^John', organization: 'Hospital' },
  });
  writeFileSync('/tmp/scr/sr.dcm', writeDicom({ dataset: sr }));
  const kos = createKeyObjectSelection({ patient: { name: 'Doe^Jane', id: 'P2' }, description: 'for teaching', references: [
    { sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: '1.2.3.4.5.6', studyUID: '1.2.3.4', seriesUID: '1.2.3.4.5' },
    { sopClassUID: '1.2.840.10008.5.1.4.1.1.88.11', sopInstanceUID: '1.2.3.4.5.7', studyUID: '1.2.3.4', seriesUID: '1.2.3.4.8' },
  ] });
  writeFileSync('/tmp/scr/kos.dcm', writeDicom({ dataset: kos }));
  const pdf = new TextEncoder().encode('%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF');
  writeFileSync('/tmp/scr/pdf.dcm', writeDicom({ dataset: encapsulatePdf(pdf, { patientName: 'Doe^Jane', patientID: 'P2', title: 'Report' }) }));
  for (const f of ['sr', 'kos', 'pdf']) {
    const r = spawnSync('dciodvfy', [`/tmp/scr/${f}.dcm`], { encoding: 'utf8' });
    console.log(f, r.status, r.stdout, r.stderr);
    const d = spawnSync('dsrdump', [`/tmp/scr/${f}.dcm`], { encoding: 'utf8' });
    console.log(d.status, d.stdout, d.stderr);
  }
});
