// Native DICOM Model (PS3.19 A.1): toDicomXml, fromDicomXml and the XML reader behind it.
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSet, DicomParseError, PersonName, fromDicomXml, parseDicom, toDicomJson, toDicomXml, type DicomJson, type DicomJsonOptions } from '@dcmkit/core';
import { parseXml } from '../src/xml/xml-reader.js';
import { nestedSequences } from './fixtures/nested.js';

function sample(): DataSet {
  const ds = new DataSet();
  ds.set('SpecificCharacterSet', 'ISO_IR 192');
  ds.set('ImageType', ['ORIGINAL', '', 'AXIAL']);
  ds.set('PatientName', [PersonName.parse('Doe^John^^Dr=山田^太郎'), new PersonName('')]);
  ds.set('SliceThickness', 2.5);
  ds.set('FrameIncrementPointer', [0x00181063]);
  ds.set('StudyDescription', 'a < b & "c"\r\n\u001b');
  const item = ds.createItem();
  item.set('CodeValue', 'T-1');
  ds.set('AnatomicRegionSequence', [item, ds.createItem()]);
  ds.set(0x00290010, 'ACME 1.0', 'LO');
  ds.set(0x00291001, Uint8Array.of(1, 2, 3, 4), 'OB');
  ds.set('PixelData', Uint8Array.of(0, 0), 'OW');
  ds.set('AccessionNumber', null);
  return ds;
}

describe('toDicomXml', () => {
  test('writes the Native DICOM Model', () => {
    expect(toDicomXml(sample(), { pixelDataURI: 'https://example.org/frames' })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<NativeDicomModel xml:space="preserve">',
        '  <DicomAttribute tag="00080005" vr="CS" keyword="SpecificCharacterSet">',
        '    <Value number="1">ISO_IR 192</Value>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="00080008" vr="CS" keyword="ImageType">',
        '    <Value number="1">ORIGINAL</Value>',
        '    <Value number="2"/>',
        '    <Value number="3">AXIAL</Value>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="00080050" vr="SH" keyword="AccessionNumber"/>',
        '  <DicomAttribute tag="00081030" vr="LO" keyword="StudyDescription">',
        '    <Value number="1">a &lt; b &amp; "c"&#13;\n&#27;</Value>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="00082218" vr="SQ" keyword="AnatomicRegionSequence">',
        '    <Item number="1">',
        '      <DicomAttribute tag="00080100" vr="SH" keyword="CodeValue">',
        '        <Value number="1">T-1</Value>',
        '      </DicomAttribute>',
        '    </Item>',
        '    <Item number="2"/>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="00100010" vr="PN" keyword="PatientName">',
        '    <PersonName number="1">',
        '      <Alphabetic>',
        '        <FamilyName>Doe</FamilyName>',
        '        <GivenName>John</GivenName>',
        '        <NamePrefix>Dr</NamePrefix>',
        '      </Alphabetic>',
        '      <Ideographic>',
        '        <FamilyName>山田</FamilyName>',
        '        <GivenName>太郎</GivenName>',
        '      </Ideographic>',
        '    </PersonName>',
        '    <PersonName number="2"/>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="00180050" vr="DS" keyword="SliceThickness">',
        '    <Value number="1">2.5</Value>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="00280009" vr="AT" keyword="FrameIncrementPointer">',
        '    <Value number="1">00181063</Value>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="00290010" vr="LO">',
        '    <Value number="1">ACME 1.0</Value>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="00291001" vr="OB" privateCreator="ACME 1.0">',
        '    <InlineBinary>AQIDBA==</InlineBinary>',
        '  </DicomAttribute>',
        '  <DicomAttribute tag="7FE00010" vr="OW" keyword="PixelData">',
        '    <BulkData uri="https://example.org/frames"/>',
        '  </DicomAttribute>',
        '</NativeDicomModel>',
        '',
      ].join('\n'),
    );
  });

  test('reads back what it writes', () => {
    const ds = fromDicomXml(toDicomXml(sample()));
    expect(toDicomJson(ds)).toEqual(toDicomJson(sample()));
    expect(ds.values('PatientName')).toEqual([new PersonName('Doe^John^^Dr', '山田^太郎'), new PersonName('')]);
    expect(ds.getString('StudyDescription')).toBe('a < b & "c"\r\n\u001b');
  });
});

describe('fromDicomXml', () => {
  test('reads the forms other writers use: SingleByte groups, private tags without their block, BulkData uuid, no vr, gaps, CDATA, comments', () => {
    const ds = fromDicomXml(`\ufeff<?xml version="1.0"?>
<!DOCTYPE NativeDicomModel [ <!ENTITY x "y"> ]>
<!-- written elsewhere -->
<NativeDicomModel xml:space='preserve'>
<DicomAttribute tag="00100010" vr="PN"><PersonName number="1"><SingleByte><FamilyName>Onken</FamilyName><GivenName>Michael</GivenName></SingleByte></PersonName></DicomAttribute>
<DicomAttribute tag="00280030"><Value number="2">0.5</Value></DicomAttribute>
<DicomAttribute tag="00081030" vr="LO"><Value number="1"><![CDATA[<raw> & text]]></Value></DicomAttribute>
<DicomAttribute tag="00290011" vr="LO"><Value number="1">ACME</Value></DicomAttribute>
<DicomAttribute tag="00290020" vr="SH" privateCreator="ACME"><Value number="1">block from the creator</Value></DicomAttribute>
<DicomAttribute tag="7fe00010" vr="OB"><BulkData uuid="1234"/></DicomAttribute>
</NativeDicomModel>`);
    expect(ds.getString('PatientName')).toBe('Onken^Michael');
    expect(ds.element('PixelSpacing')?.vr).toBe('DS');
    expect(ds.values('PixelSpacing')).toEqual([NaN, 0.5]);
    expect(ds.getString('StudyDescription')).toBe('<raw> & text');
    expect(ds.element('PixelData')?.bulkDataURI).toBe('urn:uuid:1234');
    // (0029,0011) ACME reserves block 11: DCMTK's "00290020" is (0029,1120).
    expect(ds.getString(0x00291120)).toBe('block from the creator');
  });

  test('malformed documents give a typed error with the offset', () => {
    const err = (xml: string) => {
      try {
        fromDicomXml(xml);
      } catch (e) {
        expect(e).toBeInstanceOf(DicomParseError);
        return e as DicomParseError;
      }
      throw new Error('no error');
    };
    expect(err('<NativeDicomModel><DicomAttribute tag="00100010" vr="PN"></NativeDicomModel>').offset).toBe(57);
    expect(err('<Other/>').message).toMatch(/NativeDicomModel/);
    expect(err('<NativeDicomModel><Value/></NativeDicomModel>').message).toMatch(/DicomAttribute/);
    expect(err('<NativeDicomModel><DicomAttribute tag="0010" vr="PN"/></NativeDicomModel>').message).toMatch(/tag/);
    expect(err('<NativeDicomModel><DicomAttribute tag="00100020" vr="LO"><Value number="0">x</Value></DicomAttribute></NativeDicomModel>').message).toMatch(/number/);
    expect(err('<NativeDicomModel><DicomAttribute tag="00100020" vr="LO"><Value number="1">a &nbsp; b</Value></DicomAttribute></NativeDicomModel>').message).toMatch(/&nbsp;/);
    expect(err('<NativeDicomModel a="1></NativeDicomModel>').message).toMatch(/quote/);
    expect(err('<NativeDicomModel>').message).toMatch(/<\/NativeDicomModel>/);
    expect(err('<NativeDicomModel/><x/>').message).toMatch(/root/);
    expect(err('').message).toMatch(/root element/);
  });
});

describe('deep nesting', () => {
  test('toDicomXml writes deeply nested items in order', () => {
    const depth = 500;
    const xml = toDicomXml(nestedSequences(depth));
    expect(xml.match(/<Item number="1">/g)).toHaveLength(depth);
    expect(toDicomJson(fromDicomXml(xml))).toEqual(toDicomJson(nestedSequences(depth)));
  });
});

describe('the XML reader', () => {
  test('resolves references, normalises line ends, keeps nesting', () => {
    const root = parseXml('<a x="1&#10;2" y=\'&quot;\'>t&#x41;&amp;\r\n<b/><c>d</c>e</a>');
    expect(root.attributes).toEqual({ x: '1\n2', y: '"' });
    expect(root.text).toBe('tA&\ne');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[1]?.text).toBe('d');
  });

  test('deep nesting does not exhaust the stack', () => {
    const depth = 100_000;
    const root = parseXml('<i>'.repeat(depth) + '</i>'.repeat(depth));
    let n = 1;
    for (let el = root; el.children[0]; el = el.children[0]) n++;
    expect(n).toBe(depth);
  });
});

const corpus = path.resolve(fileURLToPath(import.meta.url), '../../../../../shared/corpus');

describe('every corpus data set round-trips through XML', () => {
  const manifest: { path: string; json: string | null }[] = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
  const opts: DicomJsonOptions = { pixelDataURI: 'pixel-data' };
  test.each(manifest.filter((r) => r.json).map((r) => r.path))('%s', (rel) => {
    const ds = parseDicom(new Uint8Array(readFileSync(path.join(corpus, 'files', rel)))).dataset;
    expect(toDicomJson(fromDicomXml(toDicomXml(ds, opts)))).toEqual(toDicomJson(ds, opts));
  });
});

/** DCMTK's dcm2xml, when installed (CI installs dcmtk): an independent Native DICOM Model writer. */
const dcm2xml = (() => {
  try {
    execFileSync('dcm2xml', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!dcm2xml)("fromDicomXml reads DCMTK's dcm2xml --native-format output", () => {
  /**
   * Compared with our own reading of the same file, less what dcm2xml 3.6.7 writes differently:
   * Pixel Data, OW values (it writes them byte-swapped, unlike the little endian of PS3.18 F.2.7
   * that toDicomJson and toDicomXml use), and the (0008,0005) that +U8 adds.
   */
  const comparable = (json: DicomJson, hadCharset: boolean): DicomJson => {
    for (const [key, attr] of Object.entries(json)) {
      if (attr.vr === 'OW' || key.startsWith('7FE0') || (key === '00080005' && !hadCharset)) delete json[key];
      else if (attr.vr === 'SQ') attr.Value?.forEach((item) => comparable(item as DicomJson, true));
    }
    return json;
  };
  test.each(['test_files/CT_small.dcm', 'test_files/MR_small.dcm', 'test_files/rtplan.dcm', 'test_files/test-SR.dcm', 'test_files/badVR.dcm', 'charset_files/chrRuss.dcm'])(
    '%s',
    (rel) => {
      const file = path.join(corpus, 'files', rel);
      const xml = execFileSync('dcm2xml', ['--native-format', '+U8', '+Eb', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const ours = parseDicom(new Uint8Array(readFileSync(file))).dataset;
      const hadCharset = ours.has('SpecificCharacterSet');
      expect(comparable(toDicomJson(fromDicomXml(xml), { charsetAsUtf8: true }), hadCharset)).toEqual(
        comparable(toDicomJson(ours, { charsetAsUtf8: true, pixelDataURI: '' }), hadCharset),
      );
    },
  );
});
