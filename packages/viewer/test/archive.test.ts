// The viewer against a running archive, in headless Chromium: study list, study view, scrolling,
// windowing and presets, the HU readout, measurements, metadata, documents, palettes retrieved as bulk
// data, layouts and cine.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dumpLines, encapsulatePdf, parseDicom, writeDicom } from '@dcmkit/core';
import { decodeFrame, modalityLut, modalityUnit, modalityValue, renderFrame } from '@dcmkit/pixel';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startArchive, stow, type TestArchive } from '../../server/test/support/archive.js';
import { tinyPdf } from '../../core/test/fixtures/tiny-pdf.js';
import { launchChromium, runBrowserTests } from './support/browser.js';
import { ctSeries, RESCALE_INTERCEPT } from './support/ct-series.js';
import { canvasStats, clientPoint, displayedColour, displayedGrey, dragImage, SHOTS, waitForImage } from './support/page.js';
import { bandColour, paletteImage } from './support/palette-image.js';
import { regionStatistics } from '../src/viewport/measure.js';
import { buildToTemp, serveViewer, type ServedViewer } from './support/serve.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/corpus/files/test_files');
const CT_SMALL = readFileSync(path.join(CORPUS, 'CT_small.dcm'));
const SR = readFileSync(path.join(CORPUS, 'test-SR.dcm'));

/** The generated study: a 10-slice series and a 3-slice one, 64x64, pixel spacing 0.5 mm. */
const main = ctSeries({ count: 10, seed: 11, patientName: 'Stackman^Ada', patientID: 'STACK1', studyDescription: 'Stack study' });
const second = ctSeries({ count: 3, seed: 12, patientName: 'Stackman^Ada', patientID: 'STACK1', studyInstanceUID: main.studyInstanceUID, seriesNumber: 2 });
const pdf = writeDicom({
  dataset: encapsulatePdf(tinyPdf('dcmkit'), { patientName: 'Stackman^Ada', patientID: 'STACK1', studyInstanceUID: main.studyInstanceUID, title: 'Report', series: { number: 3 } }),
});

/** The grey renderFrame gives a pixel of `hu` of the generated series, in its own window or a named preset. */
function rendered(hu: number, preset?: string): number {
  const file = parseDicom(main.files[0]!);
  const frame = { data: new Int16Array([hu - RESCALE_INTERCEPT]), dtype: 'int16' as const, rows: 1, columns: 1, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', index: 0 };
  return renderFrame(frame, file.dataset, preset ? { preset } : {}).rgba[0]!;
}
const presetGrey = (hu: number, preset: string) => rendered(hu, preset);

const sopOf = (file: Uint8Array) => parseDicom(file).dataset.getText('SOPInstanceUID')!.replace(/\0/g, '').trim();

/** Searches the study list for a patient name and opens the one study found, waiting for its first image. */
async function openStudy(page: Page, url: string, patientName: string): Promise<void> {
  await page.goto(`${url}#/studies`);
  await page.locator('input[name="name"]').fill(patientName);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect.poll(() => page.locator('.study-row').count()).toBe(1);
  await page.locator('.study-row').first().click();
  await waitForImage(page);
}

/** The text of a viewport's overlay corner. */
const corner = (page: Page, which: string, index = 0) => page.locator(`[data-corner="${which}"]`).nth(index).textContent();

describe.skipIf(!runBrowserTests)('viewer with an archive', () => {
  let archive: TestArchive;
  let browser: Browser;
  let served: ServedViewer;
  let build: Awaited<ReturnType<typeof buildToTemp>>;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    archive = await startArchive();
    const stored = await stow(archive.url, [CT_SMALL, SR, ...main.files, ...second.files, pdf]);
    expect(stored.status).toBe(200);
    build = await buildToTemp();
    served = await serveViewer(build.dir, archive.url);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    build?.remove();
    await archive?.close();
  });

  test('the study list finds a study by patient name', async () => {
    await page.goto(served.url);
    await page.getByTestId('study-table').locator('.study-row').first().waitFor();
    expect(await page.locator('.study-row').count()).toBeGreaterThanOrEqual(3);
    await page.locator('input[name="name"]').fill('stackman');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.study-row').count()).toBe(1);
    const row = await page.locator('.study-row').first().textContent();
    expect(row).toContain('Stackman, Ada');
    expect(row).toContain('Stack study');
    expect(row).toContain('2024-01-15');
    await page.screenshot({ path: path.join(SHOTS, 'study-list.png') });
  });

  test('the study list sorts by a column and filters by modality and date range', async () => {
    await page.locator('input[name="name"]').fill('');
    await page.locator('input[name="modality"]').fill('CT');
    await page.locator('input[name="from"]').fill('2024-01-01');
    await page.locator('input[name="to"]').fill('2024-12-31');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.study-row').count()).toBe(1);
    await page.locator('input[name="from"]').fill('');
    await page.locator('input[name="to"]').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.study-row').count()).toBe(2);
    await page.getByRole('columnheader', { name: 'Patient name' }).click();
    const names = await page.locator('.study-row td:first-child').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await page.getByRole('columnheader', { name: /Patient name/ }).click();
    expect(await page.locator('.study-row td:first-child').allTextContents()).toEqual([...names].reverse());
  });

  test('opening a study shows its series and the first image', async () => {
    await page.locator('input[name="modality"]').fill('');
    await page.locator('input[name="name"]').fill('Stackman');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.study-row').count()).toBe(1);
    await page.locator('.study-row').first().click();
    await page.getByTestId('study-view').waitFor();
    await waitForImage(page);
    expect(await page.locator('.series').count()).toBe(3);
    expect(await page.locator('.series').allTextContents()).toEqual([
      expect.stringContaining('10 images'),
      expect.stringContaining('3 images'),
      expect.stringContaining('1 document'),
    ]);
    expect((await canvasStats(page)).nonBlack).toBeGreaterThan(0.3);
    expect(await corner(page, 'bottom-left')).toContain('Im 1/10');
    expect(await corner(page, 'top-left')).toContain('Stackman, Ada');
    // Slice 0 in its own window (W 400 L 40): air black, bone white, the marker on row 0.
    expect(await displayedGrey(page, 2, 30)).toBe(0);
    expect(await displayedGrey(page, 60, 30)).toBe(255);
    // The series thumbnails come from the archive's thumbnail resource.
    await expect.poll(() => page.locator('img.thumbnail').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'study-view.png') });
  });

  test('scrolling changes the slice: wheel, arrow keys and the slider', async () => {
    const lung = (y: number) => displayedGrey(page, 20, y);
    // Row 3 is lung (black in W 400 L 40) except on slice 3, where it is the 3000 HU marker.
    expect(await lung(3)).toBe(0);
    const canvas = page.getByTestId('viewport-canvas').first();
    await canvas.hover();
    await page.mouse.wheel(0, 100);
    await expect.poll(() => corner(page, 'bottom-left')).toContain('Im 2/10');
    await page.getByTestId('viewport').first().press('ArrowDown');
    await page.getByTestId('viewport').first().press('ArrowDown');
    await expect.poll(() => corner(page, 'bottom-left')).toContain('Im 4/10');
    await expect.poll(() => lung(3)).toBe(255);
    expect(await lung(0)).toBe(0);
    await page.locator('.slice-slider').first().fill('9');
    await expect.poll(() => corner(page, 'bottom-left')).toContain('Im 10/10');
    await expect.poll(() => lung(9)).toBe(255);
    await page.getByTestId('viewport').first().press('Home');
    await expect.poll(() => corner(page, 'bottom-left')).toContain('Im 1/10');
  });

  test('a window drag and the lung and bone presets change the rendered pixels as expected', async () => {
    const soft = () => displayedGrey(page, 40, 30);
    const before = await soft();
    expect(before).toBe(rendered(40));
    // Dragging down raises the window centre: soft tissue gets darker.
    await dragImage(page, [32, 32], [32, 36]);
    await expect.poll(soft).toBeLessThan(before - 20);
    expect(await corner(page, 'bottom-left')).not.toContain('L 40');
    // Key 4 is the lung preset (W 1500 L -600), key 8 bone (W 2500 L 480): WINDOW_PRESETS order.
    await page.getByTestId('viewport').first().press('4');
    await expect.poll(() => corner(page, 'bottom-left')).toContain('W 1500 L -600');
    expect(await displayedGrey(page, 20, 30)).toBe(presetGrey(-600, 'lung'));
    expect(await displayedGrey(page, 60, 30)).toBe(presetGrey(1200, 'lung'));
    expect(await displayedGrey(page, 40, 30)).toBe(presetGrey(40, 'lung'));
    await page.getByTestId('presets').selectOption('bone');
    await expect.poll(() => corner(page, 'bottom-left')).toContain('W 2500 L 480');
    expect(await displayedGrey(page, 20, 30)).toBe(presetGrey(-600, 'bone'));
    expect(await displayedGrey(page, 60, 30)).toBe(presetGrey(1200, 'bone'));
    // Lung shows lung parenchyma mid-grey and bone saturated; bone shows both darker.
    expect(presetGrey(-600, 'lung')).toBeGreaterThan(presetGrey(-600, 'bone') + 50);
    await page.getByTestId('viewport').first().press('r');
    await expect.poll(() => corner(page, 'bottom-left')).toContain('W 400 L 40');
  });

  test('a length measurement reads the right mm; a region reads its HU statistics', async () => {
    const items = page.getByTestId('measurements').locator('li');
    await page.getByRole('button', { name: 'Length', exact: true }).click();
    // 40 columns at 0.5 mm per column: 20 mm.
    await dragImage(page, [10, 40], [50, 40]);
    await expect.poll(() => items.allTextContents()).toEqual(['Length: 20 mm']);
    // A rectangle over the soft tissue band (columns 32-47): 40 HU everywhere, 12 x 12 pixels of 0.25 mm².
    await page.getByRole('button', { name: 'Rectangle' }).click();
    await dragImage(page, [34, 44], [46, 56]);
    await expect.poll(() => items.nth(1).textContent()).toBe('Rectangle: area 36 mm², mean 40, SD 0, min 40, max 40 HU');
    // An ellipse across all four bands: the statistics of the same pixels computed here.
    await page.getByRole('button', { name: 'Ellipse' }).click();
    await dragImage(page, [4, 44], [60, 56]);
    const file = parseDicom(main.files[0]!);
    const frame = await decodeFrame(file, 0, { maskToBitsStored: true });
    const lut = modalityLut(file.dataset, 0);
    const s = regionStatistics('ellipse', [4, 44], [60, 56], frame, (v) => modalityValue(lut, v), { row: 0.5, column: 0.5, source: 'PixelSpacing' });
    const n = (v: number) => String(Number(v.toFixed(2)));
    await expect.poll(() => items.nth(2).textContent()).toBe(`Ellipse: area ${n(s.area)} mm², mean ${n(s.mean)}, SD ${n(s.sd)}, min -1000, max 1200 HU`);
    await page.screenshot({ path: path.join(SHOTS, 'measurement.png') });
    await page.getByRole('button', { name: 'W/L' }).click();
  });

  test('the metadata panel lists the instance as dcmkit dump does from its WADO-RS metadata, and filters it', async () => {
    const requests: string[] = [];
    const listen = (request: Request) => requests.push(new URL(request.url()).pathname);
    page.on('request', listen);
    await page.locator('[data-tab="metadata"]').click();
    const tree = page.getByTestId('metadata-tree');
    await tree.locator('.line').first().waitFor();
    page.off('request', listen);
    // The attributes come from the instance's metadata resource: the whole instance (pixel data with it) is not retrieved.
    const sop = sopOf(main.files[0]!);
    const instance = `/dicomweb/studies/${main.studyInstanceUID}/series/${main.seriesInstanceUID}/instances/${sop}`;
    expect(requests).toContain(`${instance}/metadata`);
    expect(requests.filter((p) => p.startsWith(instance) && !p.includes('/frames/'))).toEqual([`${instance}/metadata`]);
    const lines: string[] = [];
    for await (const line of dumpLines(parseDicom(main.files[0]!))) if (line) lines.push(line.trimStart());
    const shown = await tree.locator('.line').allTextContents();
    // The data set line for line as the file lists it, Pixel Data left empty (a BulkDataURI in the metadata), said first.
    const dataSet = lines.slice(lines.indexOf('# Dicom-Data-Set') + 2).map((line) => (line.startsWith('(7fe0,0010)') ? `(7fe0,0010) OW ${'(no value available)'.padEnd(40)} #   0, 1 PixelData` : line));
    expect(shown[0]).toMatch(/^# From the archive metadata \(WADO-RS\): bulk data such as Pixel Data is not retrieved/);
    expect(shown.slice(shown.indexOf('# Dicom-Data-Set') + 2)).toEqual(dataSet);
    await page.screenshot({ path: path.join(SHOTS, 'metadata.png') });
    await page.getByLabel('filter metadata').fill('PatientName');
    await expect.poll(() => tree.locator('.line:visible').allTextContents()).toEqual([expect.stringMatching(/^\(0010,0010\) PN \[Stackman\^Ada\]/)]);
    await page.screenshot({ path: path.join(SHOTS, 'metadata-filtered.png') });
    await page.getByLabel('filter metadata').fill('');
  });

  test('the HU readout under the cursor equals the modality value of the stored pixel (dcmkit hu)', async () => {
    await openStudy(page, served.url, 'CompressedSamples');
    const file = parseDicom(new Uint8Array(CT_SMALL));
    const frame = await decodeFrame(file, 0, { maskToBitsStored: true });
    const lut = modalityLut(file.dataset, 0);
    // The image as renderFrame shows it in the file's own window, pixel for pixel.
    const { rgba } = renderFrame(frame, file.dataset);
    for (const [x, y] of [[64, 64], [10, 100], [100, 30], [0, 0]] as const) expect(await displayedGrey(page, x, y)).toBe(rgba[(y * frame.columns + x) * 4]);
    for (const [x, y] of [[64, 64], [10, 100], [100, 30]] as const) {
      const expected = modalityValue(lut, frame.data[y * frame.columns + x]!);
      await page.mouse.move(...(await clientPoint(page, x + 0.5, y + 0.5)));
      await expect.poll(() => corner(page, 'bottom-right')).toContain(`(${x}, ${y}) ${expected} ${modalityUnit(lut, file.dataset)}`);
    }
  });

  test('an SR document is shown as text and a PDF inline', async () => {
    await openStudy(page, served.url, 'Stackman');
    await page.locator('.series').nth(2).click();
    await expect.poll(() => page.getByTestId('pdf').locator('object').getAttribute('data')).toMatch(/^blob:/);
    const pdfBytes = await page.getByTestId('pdf').locator('object').evaluate(async (o: HTMLObjectElement) => new TextDecoder().decode((await (await fetch(o.data)).arrayBuffer()).slice(0, 8)));
    expect(pdfBytes).toBe('%PDF-1.4');
    await page.screenshot({ path: path.join(SHOTS, 'pdf.png') });
    const srStudy = parseDicom(new Uint8Array(SR)).dataset.getText('StudyInstanceUID')!.trim();
    await page.goto(`${served.url}#/study/${srStudy}`);
    await page.getByTestId('report').waitFor();
    const text = await page.getByTestId('report').textContent();
    expect(text).toContain('Comprehensive SR Document');
    expect(text).toMatch(/<CONTAINER:/);
    await page.screenshot({ path: path.join(SHOTS, 'report.png') });
  });

  test('zoom, pan, rotate, flip, invert, fit and reset change the view', async () => {
    await page.goto(`${served.url}#/study/${main.studyInstanceUID}`);
    await waitForImage(page);
    const viewport = page.getByTestId('viewport').first();
    const corner0 = () => clientPoint(page, 0, 0);
    const [left, top] = await corner0();
    const [right, bottom] = await clientPoint(page, 64, 64);
    expect(right).toBeGreaterThan(left);
    expect(bottom).toBeGreaterThan(top);
    // A quarter turn clockwise puts the image's top-left corner at the top right.
    await page.getByRole('button', { name: 'Rotate' }).click();
    const [rx, ry] = await corner0();
    expect(rx).toBeCloseTo(right, 0);
    expect(ry).toBeCloseTo(top, 0);
    await page.getByRole('button', { name: 'Flip V' }).click();
    expect((await corner0())[1]).toBeCloseTo(bottom, 0);
    await page.getByRole('button', { name: 'Reset' }).click();
    expect(await corner0()).toEqual([left, top]);
    // Ctrl+wheel zooms about the pointer; a middle-button drag pans.
    const zoomText = async () => Number(/Zoom (\d+)%/.exec((await corner(page, 'bottom-right')) ?? '')?.[1]);
    const zoom = await zoomText();
    await page.mouse.move((left + right) / 2, (top + bottom) / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(zoomText).toBeGreaterThan(zoom);
    const [zx] = await corner0();
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move((left + right) / 2 + 50, (top + bottom) / 2, { steps: 3 });
    await page.mouse.up({ button: 'middle' });
    expect((await corner0())[0]).toBeCloseTo(zx + 50, 0);
    await page.getByRole('button', { name: 'Fit' }).click();
    expect(await corner0()).toEqual([left, top]);
    // Invert: air white, bone black.
    await viewport.press('i');
    expect(await displayedGrey(page, 2, 30)).toBe(255);
    expect(await displayedGrey(page, 60, 30)).toBe(0);
    await viewport.press('r');
    expect(await displayedGrey(page, 2, 30)).toBe(0);
  });

  test('a series whose Instance Numbers disagree with the slice positions is shown in spatial order', async () => {
    // Slice i lies at z = i mm with its marker on row i; the Instance Numbers are shuffled.
    const shuffled = ctSeries({ count: 5, seed: 41, patientName: 'Shuffled^Sam', patientID: 'SHUF1', instanceNumbers: [2, 5, 1, 4, 3] });
    expect((await stow(archive.url, shuffled.files)).status).toBe(200);
    await page.goto(`${served.url}#/study/${shuffled.studyInstanceUID}`);
    await page.getByTestId('patient-name').filter({ hasText: 'Shuffled, Sam' }).waitFor();
    await waitForImage(page);
    // Row r is lung (black in W 400 L 40) except on the slice at z = r mm, where it is the 3000 HU marker.
    const marker = (row: number) => displayedGrey(page, 20, row);
    for (let slice = 0; slice < 5; slice++) {
      if (slice > 0) await page.getByTestId('viewport').first().press('ArrowDown');
      await expect.poll(() => corner(page, 'bottom-left')).toContain(`Im ${slice + 1}/5`);
      await expect.poll(() => marker(slice)).toBe(255);
      expect(await marker((slice + 1) % 5)).toBe(0);
    }
    // The thumbnail is the middle slice in that order (z = 2 mm), not the middle Instance Number (z = 4 mm).
    const src = await page.locator('img.thumbnail').first().getAttribute('src');
    expect(src).toContain(`/instances/${sopOf(shuffled.files[2]!)}/frames/1/thumbnail`);
    await expect.poll(() => page.locator('img.thumbnail').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'spatial-order.png') });
  });

  test('a PALETTE COLOR image whose palettes come as BulkDataURIs is shown in its palette colours', async () => {
    // 65536-entry 16-bit palettes, 128 KiB each: above the archive's bulk threshold, so the metadata refers to them.
    const palette = paletteImage({ seed: 51, patientName: 'Palette^Pia' });
    expect((await stow(archive.url, [palette.file])).status).toBe(200);
    const requests: string[] = [];
    const listen = (request: Request) => requests.push(new URL(request.url()).pathname);
    page.on('request', listen);
    await openStudy(page, served.url, 'Palette');
    page.off('request', listen);
    // The viewer retrieved the three palettes, and no other bulk data, and rendered the frame itself.
    const instance = `/dicomweb/studies/${palette.studyInstanceUID}/series/${palette.seriesInstanceUID}/instances/${palette.sopInstanceUID}`;
    expect(requests.filter((p) => p.includes('/bulk/')).sort()).toEqual(['00281201', '00281202', '00281203'].map((tag) => `${instance}/bulk/${tag}`));
    expect(requests.filter((p) => p.endsWith('/rendered'))).toEqual([]);
    // Each band in its colour, as renderFrame shows the stored file: not grey, not black.
    const file = parseDicom(palette.file);
    const { rgba } = renderFrame(await decodeFrame(file, 0), file.dataset);
    for (let band = 0; band < 4; band++) {
      const [x, y] = [band * 16 + 8, 32];
      const at = (y * palette.columns + x) * 4;
      expect(await displayedColour(page, x, y)).toEqual(bandColour(band));
      expect(bandColour(band)).toEqual([...rgba.subarray(at, at + 3)]);
    }
    // The left band is cyan.
    expect(bandColour(0)).toEqual([0, 255, 255]);
    await page.screenshot({ path: path.join(SHOTS, 'palette.png') });
  });

  test('local files are uploaded to the archive with STOW-RS', async () => {
    const upload = ctSeries({ count: 4, seed: 31, patientName: 'Uploaded^Una' });
    await page.goto(`${served.url}#/local`);
    await page.getByTestId('file-input').setInputFiles(upload.files.map((bytes, i) => ({ name: `u${i}.dcm`, mimeType: 'application/dicom', buffer: Buffer.from(bytes) })));
    await page.getByTestId('study-view').waitFor();
    await waitForImage(page);
    await page.goBack();
    await page.getByTestId('upload').click();
    await expect.poll(() => page.getByTestId('local-status').textContent()).toBe('Uploaded: 4 stored');
    const found = await fetch(`${archive.url}/dicomweb/studies?PatientName=Uploaded*`, { headers: { accept: 'application/dicom+json' } });
    const studies = (await found.json()) as Record<string, { Value?: unknown[] }>[];
    expect(studies.map((s) => s['0020000D']?.Value?.[0])).toEqual([upload.studyInstanceUID]);
    expect(studies[0]!['00201208']?.Value?.[0]).toBe(4);
  });

  test('layouts show different series side by side; cine plays the stack', async () => {
    await openStudy(page, served.url, 'Stackman');
    await page.getByTestId('layout').selectOption('1x2');
    await waitForImage(page, 1);
    expect(await corner(page, 'bottom-left', 1)).toContain('Im 1/3');
    expect((await canvasStats(page, 1)).nonBlack).toBeGreaterThan(0.3);
    await page.getByTestId('layout').selectOption('2x2');
    await expect.poll(() => page.getByTestId('viewport').count()).toBe(4);
    await page.getByTestId('layout').selectOption('1x1');
    await page.locator('input.fps').fill('30');
    await page.getByTestId('cine').click();
    await expect.poll(() => corner(page, 'bottom-left'), { timeout: 5000 }).toMatch(/Im ([3-9]|10)\/10/);
    await page.getByTestId('cine').click();
    expect(await page.getByTestId('cine').textContent()).toBe('Play');
    expect(problems).toEqual([]);
  });
});
