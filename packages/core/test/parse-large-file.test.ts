// A 200 MB multi-frame file: its header reads by offset without loading the Pixel Data.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TransferSyntax, readDicom, type ByteSource } from '@dcmkit/core';
import { FileSource, readDicomFile } from '@dcmkit/core/node';
import { concat, element, header, nums, part10, str } from './fixtures/builder.js';

const ROWS = 1024;
const COLUMNS = 1024;
const FRAMES = 200;
const PIXEL_BYTES = ROWS * COLUMNS * FRAMES; // 8-bit samples: 200 MiB
const TAIL = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-large-'));
const file = path.join(dir, 'large.dcm');
let pixelValueOffset = 0;
let size = 0;

/** Header, Pixel Data header, then a sparse 200 MiB value whose last 16 bytes are TAIL, then trailing padding. */
beforeAll(() => {
  const le = true;
  const head = part10(
    TransferSyntax.ExplicitVRLittleEndian,
    concat(
      element(0x00080016, 'UI', str('1.2.840.10008.5.1.4.1.1.7.2', 'UI')),
      element(0x00080060, 'CS', str('OT')),
      element(0x00100010, 'PN', str('Large^File')),
      element(0x00280002, 'US', nums('u16', [1], le)),
      element(0x00280004, 'CS', str('MONOCHROME2')),
      element(0x00280008, 'IS', str(String(FRAMES))),
      element(0x00280010, 'US', nums('u16', [ROWS], le)),
      element(0x00280011, 'US', nums('u16', [COLUMNS], le)),
      element(0x00280100, 'US', nums('u16', [8], le)),
      element(0x00280101, 'US', nums('u16', [8], le)),
      element(0x00280102, 'US', nums('u16', [7], le)),
      element(0x00280103, 'US', nums('u16', [0], le)),
      header(0x7fe00010, 'OB', PIXEL_BYTES),
    ),
  );
  pixelValueOffset = head.length;
  const padding = element(0xfffcfffc, 'OB', new Uint8Array(8));
  size = pixelValueOffset + PIXEL_BYTES + padding.length;
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head, 0, head.length, 0);
    ftruncateSync(fd, size);
    writeSync(fd, TAIL, 0, TAIL.length, pixelValueOffset + PIXEL_BYTES - TAIL.length);
    writeSync(fd, padding, 0, padding.length, pixelValueOffset + PIXEL_BYTES);
  } finally {
    closeSync(fd);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A source that counts the bytes it hands out. */
class CountingSource implements ByteSource {
  bytesRead = 0;
  constructor(readonly inner: ByteSource) {}
  get size() {
    return this.inner.size;
  }
  async read(offset: number, length: number) {
    const b = await this.inner.read(offset, length);
    this.bytesRead += b.length;
    return b;
  }
  close() {
    return this.inner.close!();
  }
}

test('readDicomFile reads the header of a 200 MB file quickly, Pixel Data deferred', async () => {
  const start = performance.now();
  const f = await readDicomFile(file);
  const ms = performance.now() - start;
  try {
    expect(f.dataset.get('NumberOfFrames')).toBe(FRAMES);
    expect(f.dataset.get('Rows')).toBe(ROWS);
    expect(String(f.dataset.get('PatientName'))).toBe('Large^File');
    const px = f.dataset.element('PixelData')!;
    expect(px.deferred).toBe(true);
    expect(px.length).toBe(PIXEL_BYTES);
    expect(px.offset).toBe(pixelValueOffset);
    // The element after the Pixel Data was read too.
    expect(f.dataset.has(0xfffcfffc)).toBe(true);
    // The deferred value is where the offsets say: its last bytes.
    expect(await f.source.read(px.offset + px.length - TAIL.length, TAIL.length)).toEqual(TAIL);
    expect(ms).toBeLessThan(2000);
  } finally {
    await f.source.close?.();
  }
});

test('reading the header loads less than 2 MB of the 200 MB', async () => {
  const source = new CountingSource(new FileSource(file));
  try {
    const f = await readDicom(source);
    expect(f.dataset.size).toBe(14);
    expect(f.source).toBe(source);
    expect(source.size).toBe(size);
    expect(source.bytesRead).toBeLessThan(2 * 1024 * 1024);
  } finally {
    await source.close();
  }
});
