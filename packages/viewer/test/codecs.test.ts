// Compressed frames from the archive decoded in the page's workers by the WebAssembly and JavaScript
// codecs (fetched as stored with WADO-RS, transfer-syntax=*): the readout under the cursor shows the
// same samples and modality values as the pixel library in Node.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDicom } from '@dcmkit/core';
import { registerAllCodecs } from '@dcmkit/codecs';
import { codecs, decodeFrame, modalityLut, modalityUnit, modalityValue } from '@dcmkit/pixel';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startArchive, stow, type TestArchive } from '../../server/test/support/archive.js';
import { launchChromium, runBrowserTests } from './support/browser.js';
import { canvasStats, clientPoint } from './support/page.js';
import { buildToTemp, serveViewer, type ServedViewer } from './support/serve.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/corpus/files/test_files');

/** One file per codec (and palette colour), each with its own SOP Instance UID. */
const FILES = {
  'JPEG-LS lossless (CharLS)': 'MR_small_jpeg_ls_lossless.dcm',
  'JPEG 2000 (OpenJPEG)': '693_J2KI.dcm',
  'JPEG baseline YBR_FULL (libjpeg-turbo)': 'SC_rgb_jpeg_dcmtk.dcm',
  'RLE colour, 2 frames': 'SC_rgb_rle_2frame.dcm',
  'palette colour': 'examples_palette.dcm',
};

/** The readout the viewer should show for pixel (x, y) of frame 0, as `dcmkit hu` computes it. */
async function expectedReadout(bytes: Uint8Array, x: number, y: number): Promise<string> {
  const file = parseDicom(bytes);
  const frame = await decodeFrame(file, 0, { maskToBitsStored: true });
  const at = (y * frame.columns + x) * frame.samplesPerPixel;
  if (frame.samplesPerPixel > 1 || frame.photometricInterpretation === 'PALETTE COLOR') return `(${x}, ${y}) ${Array.from(frame.data.subarray(at, at + frame.samplesPerPixel)).join(' ')}`;
  const lut = modalityLut(file.dataset, 0);
  const unit = modalityUnit(lut, file.dataset);
  return `(${x}, ${y}) ${Number(modalityValue(lut, frame.data[at]!).toFixed(2))}${unit ? ` ${unit}` : ''}`;
}

describe.skipIf(!runBrowserTests)('compressed frames decoded in the browser', () => {
  let archive: TestArchive;
  let browser: Browser;
  let served: ServedViewer;
  let build: Awaited<ReturnType<typeof buildToTemp>>;
  const bytes = Object.fromEntries(Object.entries(FILES).map(([what, name]) => [what, new Uint8Array(readFileSync(path.join(CORPUS, name)))]));

  beforeAll(async () => {
    registerAllCodecs(codecs);
    archive = await startArchive();
    expect((await stow(archive.url, Object.values(bytes))).status).toBe(200);
    build = await buildToTemp();
    served = await serveViewer(build.dir, archive.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    build?.remove();
    await archive?.close();
  });

  test.each(Object.keys(FILES))('%s', async (what) => {
    const { dataset } = parseDicom(bytes[what]!);
    const text = (keyword: 'StudyInstanceUID' | 'SeriesInstanceUID' | 'SOPInstanceUID') => dataset.getText(keyword)!.replace(/\0/g, '').trim();
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // A warning would mean the server's rendering was used instead of our decoders.
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
    await page.goto(`${served.url}#/study/${text('StudyInstanceUID')}`);
    await page.getByTestId('study-view').waitFor();
    await page.locator(`.series[data-series="${text('SeriesInstanceUID')}"]`).click();
    // Frame 0 of this instance (a series may hold other instances of the corpus).
    await page.waitForFunction((sop) => {
      const viewport = (globalThis as any).dcmkitViewer.studyView.activeViewport;
      const index = viewport.stack?.images.findIndex((i: any) => i.key === `${sop}/0`) ?? -1;
      if (index >= 0 && viewport.index !== index) viewport.show(index);
      return index >= 0 && viewport.framesDrawn > 0;
    }, text('SOPInstanceUID'));
    expect((await canvasStats(page)).nonBlack).toBeGreaterThan(0.05);
    const x = Math.floor((dataset.getNumber('Columns')! * 2) / 5);
    const y = Math.floor(dataset.getNumber('Rows')! / 2);
    const expected = await expectedReadout(bytes[what]!, x, y);
    await expect.poll(async () => {
      await page.mouse.move(...(await clientPoint(page, x + 0.5, y + 0.5)));
      return page.locator('[data-corner="bottom-right"]').textContent();
    }).toContain(expected);
    expect(problems).toEqual([]);
    await page.close();
  });
});
