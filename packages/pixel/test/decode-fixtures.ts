// Test-only: small explicit VR data sets built byte by byte, to exercise the pixel decoding rules.
import { concatBytes, parseDicom, readDicom, type ByteSource, type DicomFile } from '@dcmkit/core';

export const EXPLICIT_LE = '1.2.840.10008.1.2.1';
export const EXPLICIT_BE = '1.2.840.10008.1.2.2';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT']);

export type Value = Uint8Array | string | number;

export interface ImageModule {
  rows: number;
  columns: number;
  samplesPerPixel?: number;
  bitsAllocated: number;
  bitsStored?: number;
  highBit?: number;
  pixelRepresentation?: number;
  photometricInterpretation?: string;
  planarConfiguration?: number;
  numberOfFrames?: number;
}

function element(tag: number, vr: string, value: Value, le: boolean): Uint8Array {
  let body: Uint8Array;
  if (typeof value === 'string') {
    const text = value.length % 2 ? `${value} ` : value;
    body = new TextEncoder().encode(text);
  } else if (typeof value === 'number') {
    body = new Uint8Array(2);
    new DataView(body.buffer).setUint16(0, value, le);
  } else {
    body = value;
  }
  const long = LONG.has(vr);
  const out = new Uint8Array((long ? 12 : 8) + body.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, tag >>> 16, le);
  view.setUint16(2, tag & 0xffff, le);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, body.length, le);
  else view.setUint16(6, body.length, le);
  out.set(body, long ? 12 : 8);
  return out;
}

/** The Image Pixel Module elements (sorted by tag), then any `extra` elements and `pixelData` bytes. */
export function dataSet(m: ImageModule, pixelData: Uint8Array, opts: { le?: boolean; extra?: [number, string, Value][] } = {}): Uint8Array {
  const le = opts.le ?? true;
  const els: [number, string, Value][] = [
    [0x00280002, 'US', m.samplesPerPixel ?? 1],
    [0x00280004, 'CS', m.photometricInterpretation ?? 'MONOCHROME2'],
    ...(m.planarConfiguration === undefined ? [] : [[0x00280006, 'US', m.planarConfiguration] as [number, string, Value]]),
    ...(m.numberOfFrames === undefined ? [] : [[0x00280008, 'IS', String(m.numberOfFrames)] as [number, string, Value]]),
    [0x00280010, 'US', m.rows],
    [0x00280011, 'US', m.columns],
    [0x00280100, 'US', m.bitsAllocated],
    [0x00280101, 'US', m.bitsStored ?? m.bitsAllocated],
    [0x00280102, 'US', m.highBit ?? (m.bitsStored ?? m.bitsAllocated) - 1],
    ...(m.pixelRepresentation === undefined ? [] : [[0x00280103, 'US', m.pixelRepresentation] as [number, string, Value]]),
    ...(opts.extra ?? []),
  ];
  return concatBytes([...els.map(([tag, vr, v]) => element(tag, vr, v, le)), pixelData]);
}

/** A native Pixel Data element (or Float/Double Float Pixel Data with `tag`). */
export const nativePixelData = (bytes: Uint8Array, vr = 'OW', le = true, tag = 0x7fe00010): Uint8Array => element(tag, vr, bytes, le);

const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
const item = (bytes: Uint8Array) => concatBytes([new Uint8Array([0xfe, 0xff, 0x00, 0xe0]), u32(bytes.length), bytes]);

/** Encapsulated Pixel Data (PS3.5 A.4): Basic Offset Table item, fragment items, Sequence Delimitation Item. */
export function encapsulatedPixelData(fragments: Uint8Array[], basicOffsetTable: number[] = []): Uint8Array {
  return concatBytes([
    new Uint8Array([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]),
    item(new Uint8Array(new Uint32Array(basicOffsetTable).buffer)),
    ...fragments.map(item),
    new Uint8Array([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]),
  ]);
}

/** Offsets of each fragment's Item tag relative to the first one's (what offset tables hold). */
export const itemOffsets = (fragments: Uint8Array[]): number[] => fragments.map((_, i) => fragments.slice(0, i).reduce((n, f) => n + 8 + f.length, 0));

/** An OV value of 64-bit little-endian numbers (Extended Offset Table and its lengths). */
export const ov = (values: number[]): Uint8Array => new Uint8Array(new BigUint64Array(values.map(BigInt)).buffer);

export const parse = (bytes: Uint8Array, transferSyntax = EXPLICIT_LE): DicomFile => parseDicom(bytes, { transferSyntax, name: 'fixture.dcm' });

/** A ByteSource over `bytes` that records every read. */
export class CountingSource implements ByteSource {
  readonly reads: [offset: number, length: number][] = [];
  readonly name = 'deferred.dcm';
  constructor(readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    this.reads.push([offset, length]);
    return this.bytes.slice(offset, offset + length);
  }
}

/** Reads window by window with everything of 16 bytes or more left in the source. */
export const readDeferred = (source: CountingSource, transferSyntax = EXPLICIT_LE): Promise<DicomFile> =>
  readDicom(source, { transferSyntax, bulkThreshold: 16, windowSize: 64 });
