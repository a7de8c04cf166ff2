// Reading SR documents (PS3.3 C.17): the content tree of dcmtk's sample document against dsrdump,
// each value type through a write/read round trip, typed errors naming the attribute and the item path.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DataSet,
  MAX_INDENT_LEVELS,
  StructuredReportError,
  code,
  formatStructuredReport,
  parseDicom,
  readContentTree,
  readStructuredReport,
  writeContentTree,
  type ContainerItem,
  type ContentItem,
} from '@dcmkit/core';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const testSR = path.resolve(repoRoot, '../shared/corpus/files/test_files/test-SR.dcm');
const hasDsrdump = !spawnSync('dsrdump', ['--version']).error;

const report = () => readStructuredReport(parseDicom(new Uint8Array(readFileSync(testSR))).dataset);

/** "depth relationship VALUETYPE" (or "depth relationship path" for by-reference) of each tree line. */
const outline = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^ *</.test(l))
    .map((l) => {
      const [, indent, head] = /^( *)<([^:>]*)/.exec(l)!;
      return `${indent!.length / 2} ${head}`;
    });

describe('readStructuredReport: dcmtk test-SR.dcm (Comprehensive SR)', () => {
  test('header: document type, patient, flags, observers', () => {
    const r = report();
    expect(r.documentType).toBe('Comprehensive SR');
    expect(r.patient.name).toBe('Test^S R');
    expect(r.completionFlag).toBe('COMPLETE');
    expect(r.completionFlagDescription).toBe('This document is completed!');
    expect(r.verificationFlag).toBe('VERIFIED');
    expect(r.verifyingObservers.map((o) => o.organization)).toEqual(['OFFIS e.V.', 'Organisation']);
    expect(r.predecessorDocuments).toBe(1);
  });

  test('values of each kind of item', () => {
    const { root } = report();
    expect(root).toMatchObject({ path: '1', valueType: 'CONTAINER', continuity: 'SEPARATE', conceptName: { meaning: 'Diagnosis' } });
    const at = (p: string) => {
      let node: ContentItem = root;
      for (const i of p.split('.').slice(1)) node = node.children![Number(i) - 1] as ContentItem;
      return node;
    };
    expect(at('1.1')).toMatchObject({ relationship: 'HAS OBS CONTEXT', valueType: 'UIDREF', uid: '1.2.3.4.5' });
    expect(at('1.2')).toMatchObject({ valueType: 'CONTAINER', continuity: 'CONTINUOUS' });
    expect(at('1.2.2')).toMatchObject({ valueType: 'NUM', measurement: { value: '3', units: { value: 'cm', meaning: 'Length Unit' } } });
    expect(at('1.3')).toMatchObject({ valueType: 'TEXT', text: 'Sample Text\rA\nB\r\nC\n\r' });
    expect(at('1.3.2')).toMatchObject({ relationship: 'HAS PROPERTIES', valueType: 'SCOORD', graphicType: 'CIRCLE' });
    expect((at('1.3.2') as { graphicData: number[] }).graphicData).toHaveLength(4);
    expect(at('1.3.3')).toMatchObject({ valueType: 'TCOORD', temporalRangeType: 'SEGMENT' });
    expect(at('1.3.3').children).toEqual([{ path: '1.3.3.1', relationship: 'SELECTED FROM', referencedContentItem: [1, 3, 2] }]);
    expect(at('1.4')).toMatchObject({ valueType: 'COMPOSITE', reference: { sopClassUID: '1.2.840.10008.5.1.4.1.1.88.11', sopInstanceUID: '9.8.7.6' } });
    expect(at('1.4.1')).toMatchObject({ relationship: 'HAS ACQ CONTEXT', valueType: 'DATE', date: '20001206' });
    expect(at('1.4.3')).toMatchObject({ valueType: 'DATETIME', dateTime: '20001206120000' });
    expect(at('1.5')).toMatchObject({
      valueType: 'IMAGE',
      reference: { sopClassUID: '1.2.840.10008.5.1.4.1.1.2', frames: [5, 2], presentationState: { sopClassUID: '1.2.840.10008.5.1.4.1.1.11.1' } },
    });
    expect(at('1.5.2.2')).toMatchObject({ valueType: 'WAVEFORM', reference: { channels: [5, 3, 2, 0] } });
  });

  (hasDsrdump || process.env.CI ? test : test.skip)('the tree has the lines, depths, relationships and value types dsrdump prints', () => {
    const dsrdump = spawnSync('dsrdump', [testSR], { encoding: 'utf8' });
    expect(dsrdump.error).toBeUndefined();
    expect(dsrdump.status).toBe(0);
    const ours = formatStructuredReport(report());
    expect(outline(ours)).toEqual(outline(dsrdump.stdout));
    expect(outline(ours)).toHaveLength(29);
  });
});

/** A document data set holding `root`, written by writeContentTree. */
function documentWith(root: ContainerItem): DataSet {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.88.34');
  writeContentTree(ds, root);
  return ds;
}

const unit = code('mm', 'UCUM', 'mm');
const ALL_VALUE_TYPES: ContainerItem = {
  valueType: 'CONTAINER',
  conceptName: code('126000', 'DCM', 'Imaging Measurement Report'),
  continuity: 'SEPARATE',
  template: { mappingResource: 'DCMR', identifier: '1500' },
  children: [
    { relationship: 'HAS CONCEPT MOD', valueType: 'CODE', conceptName: code('121049', 'DCM', 'Language of Content Item and Descendants'), code: code('eng', 'RFC5646', 'English') },
    { relationship: 'HAS OBS CONTEXT', valueType: 'PNAME', conceptName: code('121008', 'DCM', 'Person Observer Name'), personName: 'Smith^Jane' },
    { relationship: 'HAS OBS CONTEXT', valueType: 'UIDREF', conceptName: code('121018', 'DCM', 'Procedure Study Instance UID'), uid: '1.2.3' },
    { relationship: 'HAS ACQ CONTEXT', valueType: 'DATE', conceptName: code('111060', 'DCM', 'Study Date'), date: '20240102' },
    { relationship: 'HAS ACQ CONTEXT', valueType: 'TIME', conceptName: code('111061', 'DCM', 'Study Time'), time: '101500' },
    { relationship: 'HAS ACQ CONTEXT', valueType: 'DATETIME', conceptName: code('111526', 'DCM', 'DateTime Started'), dateTime: '20240102101500' },
    {
      relationship: 'CONTAINS',
      valueType: 'CONTAINER',
      conceptName: code('126010', 'DCM', 'Imaging Measurements'),
      continuity: 'SEPARATE',
      observationDateTime: '20240102101600',
      children: [
        {
          relationship: 'CONTAINS',
          valueType: 'NUM',
          conceptName: code('410668003', 'SCT', 'Length'),
          measurement: { value: '12.5', units: unit, floatingPointValue: 12.5, rational: { numerator: 25, denominator: 2 } },
          children: [
            { relationship: 'INFERRED FROM', valueType: 'SCOORD', graphicType: 'POLYLINE', graphicData: [1, 2, 13.5, 2], children: [
              { relationship: 'SELECTED FROM', valueType: 'IMAGE', reference: { sopClassUID: '1.2.840.10008.5.1.4.1.1.4', sopInstanceUID: '1.2.3.4', frames: [2], segments: [1] } },
            ] },
            { relationship: 'INFERRED FROM', valueType: 'SCOORD3D', graphicType: 'POINT', graphicData: [1.5, -2, 30], frameOfReferenceUID: '1.2.3.9' },
            { relationship: 'HAS PROPERTIES', referencedContentItem: [1, 7, 2] },
          ],
        },
        { relationship: 'CONTAINS', valueType: 'NUM', conceptName: code('121206', 'DCM', 'Distance'), qualifier: code('114006', 'DCM', 'Measurement failure') },
        { relationship: 'CONTAINS', valueType: 'TEXT', conceptName: code('121071', 'DCM', 'Finding'), text: 'no change', observationUID: '1.2.3.77' },
        { relationship: 'CONTAINS', valueType: 'TCOORD', conceptName: code('113000', 'DCM', 'Of Interest'), temporalRangeType: 'POINT', timeOffsets: [0.5], children: [
          { relationship: 'SELECTED FROM', valueType: 'WAVEFORM', reference: { sopClassUID: '1.2.840.10008.5.1.4.1.1.9.1.1', sopInstanceUID: '1.2.3.5', channels: [1, 1] } },
        ] },
        { relationship: 'CONTAINS', valueType: 'COMPOSITE', conceptName: code('121112', 'DCM', 'Source of Measurement'), reference: { sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUID: '1.2.3.6' } },
      ],
    },
  ],
};

/** The tree without the paths the reader adds. */
const withoutPaths = (node: unknown): unknown =>
  Array.isArray(node) ? node.map(withoutPaths) : node && typeof node === 'object' ? Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'path').map(([k, v]) => [k, withoutPaths(v)])) : node;

describe('content tree round trip (writeContentTree, readContentTree)', () => {
  test('every value type, relationship type and by-reference relationship comes back as written', () => {
    const read = readContentTree(documentWith(ALL_VALUE_TYPES));
    expect(withoutPaths(read)).toEqual(ALL_VALUE_TYPES);
    expect((read.children![6] as ContentItem).children![0]!.path).toBe('1.7.1');
  });

  test('a tree 10000 items deep reads and formats without exhausting the stack', () => {
    const root: ContainerItem = { valueType: 'CONTAINER', conceptName: code('1', 'DCM', 'Deep'), continuity: 'SEPARATE' };
    let node: ContentItem = root;
    for (let i = 0; i < 10000; i++) {
      const child: ContainerItem = { relationship: 'CONTAINS', valueType: 'CONTAINER', continuity: 'SEPARATE' };
      node.children = [child];
      node = child;
    }
    const ds = documentWith(root);
    const text = formatStructuredReport({ ...readStructuredReport(ds), documentType: 'Comprehensive 3D SR' });
    // Indentation stops at MAX_INDENT_LEVELS: the text stays linear in the depth.
    expect(text.trimEnd().split('\n').at(-1)).toBe(`${'  '.repeat(MAX_INDENT_LEVELS)}<contains CONTAINER:=SEPARATE>`);
  });
});

describe('malformed documents: a StructuredReportError naming the attribute and the item', () => {
  /** The document with the item at `p` ("1.7.3") changed by `edit`. */
  function broken(p: string, edit: (item: DataSet) => void): () => unknown {
    const ds = documentWith(ALL_VALUE_TYPES);
    let item = ds;
    for (const i of p.split('.').slice(1)) item = item.items('ContentSequence')[Number(i) - 1]!;
    edit(item);
    return () => readStructuredReport(ds);
  }
  const expectError = (fn: () => unknown, path: string, attribute: RegExp) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(StructuredReportError);
      expect((e as StructuredReportError).path).toBe(path);
      expect((e as StructuredReportError).attribute).toMatch(attribute);
      expect((e as Error).message).toContain(`content item ${path}`);
      return;
    }
    throw new Error('no error');
  };

  test('missing Text Value', () => expectError(broken('1.7.3', (i) => i.delete('TextValue')), '1.7.3', /^Text Value \(0040,A160\)/));
  test('missing Relationship Type', () => expectError(broken('1.2', (i) => i.delete('RelationshipType')), '1.2', /Relationship Type/));
  test('unknown Relationship Type', () => expectError(broken('1.2', (i) => i.set('RelationshipType', 'HAS FRIENDS')), '1.2', /Relationship Type/));
  test('unknown Value Type', () => expectError(broken('1.7.1', (i) => i.set('ValueType', 'NUMBER')), '1.7.1', /Value Type/));
  test('NUM without units', () => expectError(broken('1.7.1', (i) => i.items('MeasuredValueSequence')[0]!.delete('MeasurementUnitsCodeSequence')), '1.7.1', /Measurement Units Code Sequence/));
  test('Graphic Data that is not numbers', () => expectError(broken('1.7.1.2', (i) => i.set('GraphicData', [Number.NaN], 'FL')), '1.7.1.2', /Graphic Data/));
  test('empty Referenced SOP Sequence', () => expectError(broken('1.7.5', (i) => i.set('ReferencedSOPSequence', [])), '1.7.5', /Referenced SOP Sequence/));
  test('missing Referenced SOP Instance UID', () => expectError(broken('1.7.1.1.1', (i) => i.items('ReferencedSOPSequence')[0]!.delete('ReferencedSOPInstanceUID')), '1.7.1.1.1', /Referenced SOP Instance UID/));
  test('Continuity Of Content not SEPARATE/CONTINUOUS', () => expectError(broken('1.7', (i) => i.set('ContinuityOfContent', 'MAYBE')), '1.7', /Continuity Of Content/));
  test('by-reference to an item that does not exist', () => expectError(broken('1.7.1.3', (i) => i.set('ReferencedContentItemIdentifier', [1, 9, 9], 'UL')), '1.7.1.3', /Referenced Content Item Identifier/));
  test('root without Concept Name', () => expectError(broken('1', (i) => i.delete('ConceptNameCodeSequence')), '1', /Concept Name Code Sequence/));
  test('a code without Code Meaning', () => expectError(broken('1.1', (i) => i.items('ConceptCodeSequence')[0]!.delete('CodeMeaning')), '1.1', /Code Meaning/));
  test('a root that is not a CONTAINER', () => expectError(broken('1', (i) => i.set('ValueType', 'TEXT')), '1', /Value Type/));
});
