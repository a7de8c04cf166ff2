// Frame and scan headers of the sequential DCT processes (T.81 B.2.2, B.2.3).
import type { FrameInfo } from '@dcmkit/pixel';
import { checkHeader } from '../samples.js';
import { fail, NAME } from './fail.js';

const SOF0 = 0xc0;

export interface FrameComponent {
  /** Ci, the component identifier. */
  id: number;
  /** Hi and Vi, the horizontal and vertical sampling factors. */
  h: number;
  v: number;
  /** Tqi, the quantization table destination. */
  quantizationTable: number;
  /** A.1.1: xi = ceil(X * Hi / Hmax) and yi = ceil(Y * Vi / Vmax), the component's own dimensions. */
  width: number;
  height: number;
  /** Decoded samples, a plane of whole MCUs (A.2.4): `stride` = 8 x Hi x MCUs per line. */
  plane: Uint16Array;
  stride: number;
  /** Whether a scan has coded the component yet (each is in exactly one sequential scan). */
  coded: boolean;
}

export interface Frame {
  /** SOF0 (baseline) or SOF1 (extended sequential). */
  marker: number;
  /** P, the sample precision: 8 or 12. */
  precision: number;
  /** Y and X. */
  lines: number;
  samplesPerLine: number;
  components: FrameComponent[];
  hMax: number;
  vMax: number;
  /** A.2.4: an interleaved scan's MCUs per line and MCU rows. */
  mcusPerLine: number;
  mcuRows: number;
}

export interface ScanComponent {
  component: FrameComponent;
  /** Tdj and Taj, the DC and AC Huffman table destinations. */
  dcTable: number;
  acTable: number;
}

function uint16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** B.2.2: reads SOF0/SOF1 at `body`, checks it against the data set's FrameInfo, then allocates the planes. */
export function readFrameHeader(bytes: Uint8Array, body: number, end: number, marker: number, info: FrameInfo): Frame {
  if (end - body < 6) fail('corrupt', `frame header at byte ${body} is ${end - body} bytes long`);
  const precision = bytes[body]!;
  const lines = uint16(bytes, body + 1);
  const samplesPerLine = uint16(bytes, body + 3);
  const count = bytes[body + 5]!;
  // Table B.2: P is 8 in baseline (SOF0) frames, 8 or 12 in extended ones.
  if (precision !== 8 && (marker === SOF0 || precision !== 12)) fail('corrupt', `sample precision ${precision} in SOF${marker - SOF0}`);
  if (lines === 0) fail('unsupported', 'frame height left to a DNL marker (B.2.5)');
  checkHeader(NAME, { rows: lines, columns: samplesPerLine, components: count, precision }, info);
  if (end - body < 6 + 3 * count) fail('corrupt', `frame header at byte ${body} too short for ${count} components`);
  const specs = Array.from({ length: count }, (_, i) => {
    const p = body + 6 + 3 * i;
    const [id, factors, quantizationTable] = [bytes[p]!, bytes[p + 1]!, bytes[p + 2]!];
    const h = factors >> 4;
    const v = factors & 15;
    if (h < 1 || h > 4 || v < 1 || v > 4) fail('corrupt', `component ${id} has sampling factors ${h}x${v}; B.2.2 allows 1-4`);
    if (quantizationTable > 3) fail('corrupt', `component ${id} uses quantization table ${quantizationTable}; B.2.2 allows 0-3`);
    return { id, h, v, quantizationTable };
  });
  if (new Set(specs.map((s) => s.id)).size !== count) fail('corrupt', 'two frame components share an identifier');
  const hMax = Math.max(...specs.map((s) => s.h));
  const vMax = Math.max(...specs.map((s) => s.v));
  const mcusPerLine = Math.ceil(samplesPerLine / (8 * hMax));
  const mcuRows = Math.ceil(lines / (8 * vMax));
  const components = specs.map((s) => {
    const stride = mcusPerLine * s.h * 8;
    return {
      ...s,
      width: Math.ceil((samplesPerLine * s.h) / hMax),
      height: Math.ceil((lines * s.v) / vMax),
      plane: new Uint16Array(stride * mcuRows * s.v * 8),
      stride,
      coded: false,
    };
  });
  return { marker, precision, lines, samplesPerLine, components, hMax, vMax, mcusPerLine, mcuRows };
}

/** B.2.3: the scan's components and their tables. */
export function readScanHeader(bytes: Uint8Array, body: number, end: number, frame: Frame): ScanComponent[] {
  const count = bytes[body]!;
  if (count < 1 || count > 4 || end - body !== 4 + 2 * count) fail('corrupt', `scan header at byte ${body} with ${count} components is ${end - body} bytes long`);
  const scan = Array.from({ length: count }, (_, i) => {
    const p = body + 1 + 2 * i;
    const id = bytes[p]!;
    const component = frame.components.find((c) => c.id === id) ?? fail('corrupt', `scan at byte ${body} codes component ${id}, which the frame lacks`);
    if (component.coded) fail('corrupt', `component ${id} is coded by a second scan at byte ${body}`);
    component.coded = true;
    const [dcTable, acTable] = [bytes[p + 1]! >> 4, bytes[p + 1]! & 15];
    if (dcTable > 3 || acTable > 3) fail('corrupt', `scan at byte ${body} uses Huffman tables ${dcTable}/${acTable}; B.2.3 allows 0-3`);
    return { component, dcTable, acTable };
  });
  // Ss, Se, Ah and Al should be 0, 63, 0, 0 in sequential scans, but they select nothing there: like
  // libjpeg, we read all 64 coefficients whatever they say (NEMA's 12-bit JPEG-lossy sample has Se=0).
  const blocks = scan.reduce((n, { component: c }) => n + c.h * c.v, 0);
  if (count > 1 && blocks > 10) fail('corrupt', `interleaved scan at byte ${body} has ${blocks} blocks per MCU; B.2.3 allows 10`);
  return scan;
}
