import { describe, expect, it } from 'vitest';
import { attributePath, isValidUid, parseMediaType, parseQidoQuery, QueryParameterError, formatBulkTagPath, parseBulkTagPath } from '../src/index.js';

const params = (q: string) => new URLSearchParams(q);

describe('QIDO-RS query parameters', () => {
  it('names attributes by keyword, tag or sequence path', () => {
    expect(attributePath('PatientName')).toBe('00100010');
    expect(attributePath('0020000d')).toBe('0020000D');
    expect(attributePath('RequestAttributesSequence.ScheduledProcedureStepID')).toBe('00400275.00400009');
    expect(attributePath('NotAKeyword')).toBeUndefined();
  });

  it('parses matching keys, includefield, fuzzymatching, limit and offset', () => {
    const q = parseQidoQuery('series', params('Modality=CT&PatientName=Doe*&includefield=SeriesDescription,00080021&includefield=BodyPartExamined&fuzzymatching=true&limit=5&offset=10'), { study: '1.2.3' });
    expect(q).toEqual({
      level: 'series',
      studyInstanceUID: '1.2.3',
      match: new Map([
        ['00080060', 'CT'],
        ['00100010', 'Doe*'],
      ]),
      includeFields: ['0008103E', '00080021', '00180015'],
      fuzzyMatching: true,
      limit: 5,
      offset: 10,
    });
    expect(parseQidoQuery('study', params('includefield=all&includefield=PatientAge')).includeFields).toBe('all');
  });

  it('names the parameter at fault', () => {
    const fault = (q: string) => {
      try {
        parseQidoQuery('study', params(q));
      } catch (e) {
        return (e as QueryParameterError).parameter;
      }
    };
    expect(fault('limit=ten')).toBe('limit');
    expect(fault('offset=-1')).toBe('offset');
    expect(fault('fuzzymatching=1')).toBe('fuzzymatching');
    expect(fault('Bogus=1')).toBe('Bogus');
    expect(fault('PatientID=1&PatientID=2')).toBe('PatientID');
    expect(fault('includefield=Nope')).toBe('includefield');
  });
});

describe('UIDs, media types, bulk data paths', () => {
  it('checks UIDs against PS3.5 9.1', () => {
    expect(isValidUid('1.2.840.10008.1.2.1')).toBe(true);
    expect(isValidUid('0.0')).toBe(true);
    for (const bad of ['', '1.02', '1..2', '.1', '1.', '1.2a', '1/2', '1.2.' + '3'.repeat(62)]) expect(isValidUid(bad), bad).toBe(false);
  });

  it('parses media types with quoted parameters', () => {
    expect(parseMediaType('Multipart/Related; type="application/dicom"; boundary=abc')).toEqual({ type: 'multipart/related', params: { type: 'application/dicom', boundary: 'abc' } });
    expect(parseMediaType('multipart/related;boundary="a \\"b\\""')?.params.boundary).toBe('a "b"');
    expect(parseMediaType('nonsense')).toBeUndefined();
  });

  it('formats and parses bulk data tag paths', () => {
    expect(formatBulkTagPath([0x7fe00010])).toBe('7FE00010');
    expect(formatBulkTagPath([0x54000100, 0, 0x54001010])).toBe('54000100.0.54001010');
    expect(parseBulkTagPath('54000100.0.54001010')).toEqual([0x54000100, 0, 0x54001010]);
    expect(parseBulkTagPath('54000100.0')).toBeUndefined();
    expect(parseBulkTagPath('7FE0001G')).toBeUndefined();
  });
});
