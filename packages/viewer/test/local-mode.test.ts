// Local mode in headless Chromium: the built viewer served statically with no archive behind it;
// files opened with the file picker or dropped are shown without uploading.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, runBrowserTests } from './support/browser.js';
import { ctSeries } from './support/ct-series.js';
import { buildToTemp, serveViewer, type ServedViewer } from './support/serve.js';
import { canvasStats, SHOTS, waitForImage } from './support/page.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/corpus/files');

describe.skipIf(!runBrowserTests)('local mode (no archive)', () => {
  let browser: Browser;
  let served: ServedViewer;
  let build: Awaited<ReturnType<typeof buildToTemp>>;
  const files = mkdtempSync(path.join(tmpdir(), 'dcmkit-local-'));

  beforeAll(async () => {
    build = await buildToTemp();
    served = await serveViewer(build.dir);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    build?.remove();
    rmSync(files, { recursive: true, force: true });
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // The probe for an archive (/dicomweb) answers 404 here: Chromium logs that as a failed resource.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
    await page.goto(served.url);
    await page.getByTestId('local-mode').waitFor();
    expect(problems).toEqual([]);
    return page;
  }

  test('a file from the file picker opens in the stack viewport', async () => {
    const page = await open();
    await page.getByTestId('file-input').setInputFiles(path.join(CORPUS, 'test_files/CT_small.dcm'));
    await page.getByTestId('study-view').waitFor();
    await waitForImage(page);
    const stats = await canvasStats(page);
    expect(stats.nonBlack).toBeGreaterThan(0.2);
    await expect.poll(() => page.getByTestId('patient-name').textContent()).toBe('CompressedSamples, CT1');
    await page.screenshot({ path: path.join(SHOTS, 'local-mode.png') });
    await page.close();
  });

  test('files of a CT series dropped on the page open with all their slices', async () => {
    const series = ctSeries({ count: 5, seed: 7 });
    const dir = path.join(files, 'series');
    mkdirSync(dir);
    const contents = series.files.map((bytes, i) => ({ name: `slice${i}.dcm`, bytes: Array.from(bytes) }));
    series.files.forEach((bytes, i) => writeFileSync(path.join(dir, `slice${i}.dcm`), bytes));
    const page = await open();
    // A drop event with a DataTransfer holding the files, as a drag from the desktop gives.
    await page.evaluate((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'application/dicom' }));
      document.querySelector('[data-testid="local-mode"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, contents);
    await page.getByTestId('study-view').waitFor();
    await waitForImage(page);
    await expect.poll(() => page.locator('[data-corner="bottom-left"]').first().textContent()).toContain('Im 1/5');
    await page.getByTestId('viewport').first().press('End');
    await expect.poll(() => page.locator('[data-corner="bottom-left"]').first().textContent()).toContain('Im 5/5');
    await page.close();
  });

  test('a folder picked with the folder input opens, non-DICOM files skipped', async () => {
    const series = ctSeries({ count: 3, seed: 8 });
    const dir = path.join(files, 'picked');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    series.files.forEach((bytes, i) => writeFileSync(path.join(dir, 'sub', `IM${i}`), bytes));
    writeFileSync(path.join(dir, 'notes.txt'), 'not DICOM');
    const page = await open();
    await page.getByTestId('folder-input').setInputFiles(dir);
    await page.getByTestId('study-view').waitFor();
    await waitForImage(page);
    await expect.poll(() => page.locator('[data-corner="bottom-left"]').first().textContent()).toContain('Im 1/3');
    await page.goBack();
    await expect.poll(() => page.getByTestId('local-status').textContent()).toBe('3 DICOM files in 1 study, 1 skipped (not DICOM or unreadable)');
    await page.close();
  });
});
