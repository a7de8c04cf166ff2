// JPEG marker segments read before decoding (ITU-T T.81 Annex B, T.87 for JPEG-LS).
import { concatBytes } from '@dcmkit/core';
import { CodecError } from './errors.js';
import type { StreamHeader } from './samples.js';

const SOI = 0xd8;
const SOS = 0xda;
const APP0 = 0xe0;
const APP14 = 0xee;

/** Adobe APP14 segment with transform 0: the components were not colour transformed. */
const ADOBE_NO_TRANSFORM = Uint8Array.of(0xff, APP14, 0, 14, 0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, 0);

export interface JpegHeader extends StreamHeader {
  /** The SOF marker: 0xC0 baseline, 0xC1 extended, 0xC3 lossless, 0xF7 JPEG-LS. */
  frameMarker: number;
}

interface Segment {
  marker: number;
  /** Offset of the segment's first 0xFF. */
  start: number;
  /** Offset of its parameters, past the length field. */
  body: number;
  /** Offset just past the segment. */
  end: number;
}

/** T.81 B.1.1.4: markers without a length parameter (TEM, RSTn, SOI, EOI). */
function standalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

/** T.81 B.1.1.3: SOF markers are C0-CF except DHT (C4), JPG (C8) and DAC (CC); T.87 adds SOF55 (F7). */
function isFrameMarker(marker: number): boolean {
  return (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xf7;
}

/** The marker segments after SOI, up to and including SOS. */
function* segments(codec: string, bytes: Uint8Array): Generator<Segment> {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new CodecError(codec, bytes.length < 2 ? 'truncated' : 'corrupt', 'no JPEG SOI marker');
  const cutShort = () => new CodecError(codec, 'truncated', 'JPEG header cut short');
  let p = 2;
  for (;;) {
    const start = p;
    if (p >= bytes.length) throw cutShort();
    if (bytes[p] !== 0xff) throw new CodecError(codec, 'corrupt', `no JPEG marker at byte ${p}`);
    while (bytes[p] === 0xff) p++; // T.81 B.1.1.2: fill bytes may precede a marker
    if (p + 3 > bytes.length) throw cutShort();
    const marker = bytes[p++]!;
    const body = standalone(marker) ? p : p + 2;
    const end = standalone(marker) ? p : p + ((bytes[p]! << 8) | bytes[p + 1]!);
    if (end > bytes.length || end < body) throw cutShort();
    yield { marker, start, body, end };
    if (marker === SOS) return;
    p = end;
  }
}

/** T.81 B.2.2 (and T.87 C.2.2): the frame header's P, Y, X and Nf. */
export function readJpegHeader(codec: string, bytes: Uint8Array): JpegHeader {
  for (const { marker, body, end } of segments(codec, bytes)) {
    if (!isFrameMarker(marker)) continue;
    if (end - body < 6) throw new CodecError(codec, 'corrupt', 'JPEG frame header too short');
    return {
      frameMarker: marker,
      precision: bytes[body]!,
      rows: (bytes[body + 1]! << 8) | bytes[body + 2]!,
      columns: (bytes[body + 3]! << 8) | bytes[body + 4]!,
      components: bytes[body + 5]!,
    };
  }
  throw new CodecError(codec, 'corrupt', 'no JPEG frame header before the scan');
}

function hasIdentifier(bytes: Uint8Array, { body, end }: Segment, identifier: string): boolean {
  if (end - body < identifier.length) return false;
  for (let i = 0; i < identifier.length; i++) if (bytes[body + i] !== identifier.charCodeAt(i)) return false;
  return true;
}

/**
 * The same stream marked so a decoder outputs the components as coded: JFIF APP0 and Adobe APP14
 * segments (which make libjpeg convert YCbCr to RGB) are dropped and one Adobe APP14 with
 * transform 0 follows SOI.
 */
export function withoutColourTransform(codec: string, bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 2), ADOBE_NO_TRANSFORM];
  let scan = 2;
  for (const segment of segments(codec, bytes)) {
    const colour = (segment.marker === APP0 && hasIdentifier(bytes, segment, 'JFIF\0')) || (segment.marker === APP14 && hasIdentifier(bytes, segment, 'Adobe'));
    if (!colour) kept.push(bytes.subarray(segment.start, segment.end));
    scan = segment.end;
  }
  kept.push(bytes.subarray(scan));
  return concatBytes(kept);
}

/** T.81 B.2.1: the stream ends with EOI; PS3.5 A.4 allows trailing zero padding after it. */
export function checkEndOfImage(codec: string, bytes: Uint8Array): void {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end < 2 || bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9) throw new CodecError(codec, 'truncated', 'no EOI marker at the end of the stream');
}
