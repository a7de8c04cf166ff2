// Content negotiation of WADO-RS (PS3.18 8.7): Accept parsing, the Transfer Syntax of instances and the
// representation of frames; byte ranges of bulk data (RFC 9110 14).
import { describe, expect, it } from 'vitest';
import { TransferSyntax } from '@dcmkit/core';
import { codecs } from '@dcmkit/pixel';
import { registerAllCodecs, RLE_LOSSLESS } from '@dcmkit/codecs';
import type { InstanceRecord } from '../src/index.js';
import { acceptableMediaTypes, inRange } from '../src/dicomweb/accept.js';
import { requestedRange, UnsatisfiableRange } from '../src/dicomweb/byte-range.js';
import { frameRepresentation } from '../src/dicomweb/frame-representation.js';
import { instanceSyntax } from '../src/dicomweb/instance-syntax.js';

if (!codecs.has(RLE_LOSSLESS)) registerAllCodecs(codecs);

const TS = TransferSyntax;
const record = (transferSyntaxUID: string, numberOfFrames = 1) => ({ transferSyntaxUID, numberOfFrames, frames: [] }) as unknown as InstanceRecord;

describe('Accept', () => {
  it('unwraps multipart/related, keeps transfer-syntax, orders by q and drops q=0', () => {
    const accept = 'image/png;q=0.5, multipart/related; type="application/dicom"; transfer-syntax="*", text/html;q=0, */*;q=0.1';
    expect(acceptableMediaTypes(accept)).toEqual([
      { type: 'application/dicom', multipart: true, transferSyntax: '*', q: 1 },
      { type: 'image/png', multipart: false, transferSyntax: undefined, q: 0.5 },
      { type: '*/*', multipart: undefined, transferSyntax: undefined, q: 0.1 },
    ]);
  });

  it('takes the accept query parameter over the header (PS3.18 8.3.3.1), and rejects what is not a media type', () => {
    expect(acceptableMediaTypes('image/png', 'image/jpeg').map((a) => a.type)).toEqual(['image/jpeg']);
    expect(acceptableMediaTypes(undefined)).toEqual([]);
    expect(() => acceptableMediaTypes('png')).toThrow(/Accept/);
    expect(() => acceptableMediaTypes(undefined, 'image/png;q=x', 'contentType')).toThrow(/contentType/);
  });

  it('matches media ranges', () => {
    expect([inRange('*/*', 'image/png'), inRange('image/*', 'image/png'), inRange('image/*', 'application/dicom'), inRange('image/png', 'image/png')]).toEqual([true, true, false, true]);
  });
});

describe('Transfer Syntax of an instance', () => {
  it('is the stored one for "*", Explicit VR Little Endian by default unless the stored pixels are lossy', () => {
    expect(instanceSyntax(record(TS.RLELossless), '*')).toBe(TS.RLELossless);
    expect(instanceSyntax(record(TS.RLELossless), undefined)).toBe(TS.ExplicitVRLittleEndian);
    expect(instanceSyntax(record(TS.ImplicitVRLittleEndian), undefined)).toBe(TS.ExplicitVRLittleEndian);
    expect(instanceSyntax(record(TS.JPEGBaseline8Bit), undefined)).toBe(TS.JPEGBaseline8Bit);
  });

  it('is a requested one the codecs can produce, never one Web Services must not use', () => {
    expect(instanceSyntax(record(TS.ExplicitVRLittleEndian), TS.JPEGLSLossless)).toBe(TS.JPEGLSLossless);
    expect(instanceSyntax(record(TS.ExplicitVRLittleEndian), TS.ImplicitVRLittleEndian)).toBeUndefined();
    expect(instanceSyntax(record(TS.ExplicitVRLittleEndian), TS.MPEG4HP41)).toBeUndefined();
    expect(instanceSyntax(record(TS.MPEG4HP41), TS.ExplicitVRLittleEndian)).toBeUndefined();
    // Without pixels only the encoding of the data set changes.
    expect(instanceSyntax(record(TS.ExplicitVRLittleEndian, 0), TS.DeflatedExplicitVRLittleEndian)).toBe(TS.DeflatedExplicitVRLittleEndian);
  });
});

describe('representation of frames', () => {
  const frames = (text: string, ts: string, count = 1) => frameRepresentation(acceptableMediaTypes(text)[0]!, record(ts, count), count);

  it('decodes compressed frames for application/octet-stream, passes them through for their media type or "*"', () => {
    expect(frames('multipart/related; type="application/octet-stream"', TS.JPEG2000Lossless)).toEqual({ multipart: true, type: 'application/octet-stream', transferSyntax: TS.ExplicitVRLittleEndian, decode: true });
    expect(frames('multipart/related; type="application/octet-stream"; transfer-syntax=*', TS.JPEG2000Lossless)).toEqual({ multipart: true, type: 'application/octet-stream', transferSyntax: TS.JPEG2000Lossless, decode: false });
    expect(frames('multipart/related; type="image/jp2"', TS.JPEG2000Lossless)).toEqual({ multipart: true, type: 'image/jp2', transferSyntax: TS.JPEG2000Lossless, decode: false });
    expect(frames('multipart/related; type="image/*"', TS.JPEGLSLossless)?.type).toBe('image/jls');
    expect(frames('multipart/related; type="image/x-jls"', TS.JPEGLSLossless)?.type).toBe('image/jls');
  });

  it('cannot re-encode frames or send several in a single part', () => {
    expect(frames('multipart/related; type="image/jp2"', TS.ExplicitVRLittleEndian)).toBeUndefined();
    expect(frames(`multipart/related; type="image/jpeg"; transfer-syntax=${TS.JPEGLossless}`, TS.JPEGBaseline8Bit)).toBeUndefined();
    expect(frames('application/octet-stream', TS.ExplicitVRLittleEndian, 2)).toBeUndefined();
    expect(frames('application/octet-stream', TS.ExplicitVRLittleEndian, 1)?.multipart).toBe(false);
    expect(frames('multipart/related; type="application/octet-stream"', TS.MPEG2MPML)).toBeUndefined();
  });
});

describe('Range', () => {
  it('reads one byte range: first-last, first-, -suffix (RFC 9110 14.1.2)', () => {
    expect(requestedRange('bytes=0-9', 100)).toEqual({ start: 0, end: 10 });
    expect(requestedRange('bytes=90-200', 100)).toEqual({ start: 90, end: 100 });
    expect(requestedRange('bytes=95-', 100)).toEqual({ start: 95, end: 100 });
    expect(requestedRange('bytes=-10', 100)).toEqual({ start: 90, end: 100 });
    expect(requestedRange('bytes=-500', 100)).toEqual({ start: 0, end: 100 });
  });

  it('ignores what it does not serve (RFC 9110 14.2) and refuses ranges outside the value', () => {
    for (const header of [undefined, 'items=0-1', 'bytes=0-1,5-6', 'bytes=5-2', 'bytes=x']) expect(requestedRange(header, 100), header).toBeUndefined();
    expect(() => requestedRange('bytes=100-', 100)).toThrow(UnsatisfiableRange);
    expect(() => requestedRange('bytes=-0', 100)).toThrow(UnsatisfiableRange);
  });
});
