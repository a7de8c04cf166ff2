// The marker segments of a JPEG stream, SOI to EOI, decoded into component planes (T.81 B.2, E.2.1-E.2.2).
import type { FrameInfo } from '@dcmkit/pixel';
import { fail } from './fail.js';
import { readFrameHeader, readScanHeader, type Frame } from './headers.js';
import { decodeScan } from './scan.js';
import { emptyTables, readHuffmanTables, readQuantizationTables, readRestartInterval } from './tables.js';

const SOF0 = 0xc0;
const SOF1 = 0xc1;
const DHT = 0xc4;
const DAC = 0xcc;
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const DNL = 0xdc;
const DRI = 0xdd;

/** B.1.1.3: SOF2-SOF15 (besides DHT, JPG and DAC) start frames of processes other than sequential Huffman DCT. */
const OTHER_PROCESSES: Record<number, string> = {
  0xc2: 'progressive DCT',
  0xc3: 'lossless',
  0xc5: 'differential sequential DCT',
  0xc6: 'differential progressive DCT',
  0xc7: 'differential lossless',
  0xc9: 'arithmetic-coded sequential DCT',
  0xca: 'arithmetic-coded progressive DCT',
  0xcb: 'arithmetic-coded lossless',
  0xcd: 'arithmetic-coded differential sequential DCT',
  0xce: 'arithmetic-coded differential progressive DCT',
  0xcf: 'arithmetic-coded differential lossless',
  [DAC]: 'arithmetic coding (DAC)',
  0xde: 'hierarchical (DHP)',
  0xdf: 'hierarchical (EXP)',
};

/** B.1.1.4: markers standing alone, without a length: TEM, RSTn, SOI, EOI. */
function standalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

/** Decodes a sequential DCT stream (SOF0 or SOF1, Huffman coding) whose frame matches `info`. */
export function decodeFrame(bytes: Uint8Array, info: FrameInfo): Frame {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) fail(bytes.length < 2 ? 'truncated' : 'corrupt', 'no SOI marker at byte 0');
  const tables = emptyTables();
  let frame: Frame | undefined;
  let p = 2;
  for (;;) {
    if (bytes[p] !== 0xff) fail(p >= bytes.length ? 'truncated' : 'corrupt', p >= bytes.length ? 'the stream ends without EOI' : `expected a marker at byte ${p}`);
    while (bytes[p + 1] === 0xff) p++; // B.1.1.2 fill bytes
    if (p + 2 > bytes.length) fail('truncated', `the stream ends inside a marker at byte ${p}`);
    const marker = bytes[p + 1]!;
    if (marker === EOI) break;
    if (marker === 0 || standalone(marker)) fail('corrupt', `unexpected marker FF${marker.toString(16).toUpperCase()} at byte ${p}`);
    if (p + 4 > bytes.length) fail('truncated', `the stream ends inside a marker segment at byte ${p}`);
    const body = p + 4;
    const end = p + 2 + ((bytes[p + 2]! << 8) | bytes[p + 3]!);
    if (end < body) fail('corrupt', `marker segment at byte ${p} has a length below 2`);
    if (end > bytes.length) fail('truncated', `marker segment at byte ${p} runs past the end of the stream`);
    const process = OTHER_PROCESSES[marker];
    if (process) fail('unsupported', `${process} JPEG (marker FF${marker.toString(16).toUpperCase()}); only sequential DCT with Huffman coding is`);
    if (marker === SOF0 || marker === SOF1) {
      if (frame) fail('corrupt', `a second frame header at byte ${p}`);
      frame = readFrameHeader(bytes, body, end, marker, info);
    } else if (marker === DHT) readHuffmanTables(bytes, body, end, tables);
    else if (marker === DQT) readQuantizationTables(bytes, body, end, tables);
    else if (marker === DRI) readRestartInterval(bytes, body, end, tables);
    else if (marker === DNL) fail('unsupported', 'DNL marker (B.2.5)');
    else if (marker === SOS) {
      if (!frame) fail('corrupt', `scan at byte ${p} before any frame header`);
      p = decodeScan(bytes, end, frame, readScanHeader(bytes, body, end, frame), tables);
      continue;
    }
    // Anything else (APPn, COM, JPGn) is skipped (B.2.4.5, B.2.4.6).
    p = end;
  }
  if (!frame) fail('corrupt', 'EOI before any frame header');
  const missing = frame.components.find((c) => !c.coded);
  if (missing) fail('truncated', `EOI before a scan of component ${missing.id}`);
  return frame;
}
