// Viewer performance in headless Chromium against an archive on loopback, with bench/generate.mjs's
// 512x512 CT series (300 slices; DCMKIT_VIEWER_PERF_SLICES changes it): time to the first image after
// opening the study, time until the series is prefetched, then the scroll and window repaint rates
// once cached. Reported as numbers (printed and written to /tmp/viewer-shots/performance.json); the
// assertions check what was measured, not how fast.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseDicom } from '@dcmkit/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error: a JavaScript module without types
import { ensureCtSeries } from '../../../bench/generate.mjs';
import { startArchive, stow, type TestArchive } from '../../server/test/support/archive.js';
import { launchChromium, runBrowserTests } from './support/browser.js';
import { SHOTS } from './support/page.js';
import { buildToTemp, serveViewer, type ServedViewer } from './support/serve.js';

const SLICES = Number(process.env.DCMKIT_VIEWER_PERF_SLICES ?? 300);
/** Files per STOW-RS request while loading the archive. */
const STOW_BATCH = 50;

describe.skipIf(!runBrowserTests)(`viewer performance: ${SLICES}-slice 512x512 CT`, () => {
  let archive: TestArchive;
  let browser: Browser;
  let served: ServedViewer;
  let build: Awaited<ReturnType<typeof buildToTemp>>;
  let studyUID: string;

  beforeAll(async () => {
    const paths: string[] = ensureCtSeries({ count: SLICES, log: () => undefined });
    archive = await startArchive();
    for (let i = 0; i < paths.length; i += STOW_BATCH) {
      const { status, json } = await stow(archive.url, paths.slice(i, i + STOW_BATCH).map((p) => readFileSync(p)));
      expect(status, JSON.stringify(json).slice(0, 500)).toBe(200);
    }
    studyUID = parseDicom(readFileSync(paths[0]!)).dataset.getText('StudyInstanceUID')!.trim();
    build = await buildToTemp();
    served = await serveViewer(build.dir, archive.url);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    build?.remove();
    await archive?.close();
  });

  test('first image, prefetch, scroll and window repaint rates', { timeout: 300_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${served.url}#/studies`);
    await page.locator('.study-row').first().waitFor();
    const numbers = await page.evaluate(async ({ uid, slices }) => {
      const app = (globalThis as any).dcmkitViewer;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const started = performance.now();
      location.hash = `#/study/${uid}`;
      while (!(app.studyView?.viewports[0]?.framesDrawn > 0)) await frame();
      const firstImageMs = performance.now() - started;
      const viewport = app.studyView.viewports[0];
      const cache = app.store.cache;
      // Every slice prefetched (the series fits the cache budget), or a minute passed.
      while (cache.size < slices && performance.now() - started < 60_000) await frame();
      const prefetchedMs = performance.now() - started;
      // Scrolling through the cached series, one slice per animation frame, as a held arrow key or wheel does.
      const before = viewport.framesDrawn;
      let t0 = performance.now();
      for (let i = 0; i < slices; i++) {
        viewport.show(i);
        await frame();
      }
      const scrollFps = (slices / (performance.now() - t0)) * 1000;
      const drawnPerShown = (viewport.framesDrawn - before) / slices;
      // The work of one scroll step without waiting for the display: show + LUT render + draw.
      t0 = performance.now();
      for (let i = 0; i < slices; i++) {
        viewport.show(slices - 1 - i);
        viewport.drawNow();
      }
      const scrollRenderMs = (performance.now() - t0) / slices;
      // A window drag: each step re-renders the frame through a new lookup table.
      t0 = performance.now();
      const steps = 200;
      for (let i = 0; i < steps; i++) {
        viewport.setWindow({ center: 40 + i, width: 400 + 2 * i });
        viewport.drawNow();
      }
      const windowRenderMs = (performance.now() - t0) / steps;
      return { firstImageMs, prefetchedMs, prefetched: cache.size, scrollFps, drawnPerShown, scrollRenderMs, windowRenderMs, cachedMiB: cache.bytes / 2 ** 20 };
    }, { uid: studyUID, slices: SLICES });
    const report = {
      slices: SLICES,
      size: '512x512 int16',
      firstImageMs: Math.round(numbers.firstImageMs),
      prefetched: numbers.prefetched,
      prefetchedAllMs: Math.round(numbers.prefetchedMs),
      scrollFps: Number(numbers.scrollFps.toFixed(1)),
      scrollRenderMsPerSlice: Number(numbers.scrollRenderMs.toFixed(2)),
      windowRenderMsPerStep: Number(numbers.windowRenderMs.toFixed(2)),
      cachedMiB: Math.round(numbers.cachedMiB),
    };
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(path.join(SHOTS, 'performance.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`viewer performance: ${JSON.stringify(report)}`);
    expect(numbers.prefetched).toBe(SLICES);
    expect(numbers.drawnPerShown).toBeGreaterThanOrEqual(0.99);
    expect(numbers.cachedMiB).toBeCloseTo((SLICES * 512 * 512 * 2) / 2 ** 20, 0);
    await page.screenshot({ path: path.join(SHOTS, 'performance-ct.png') });
    await page.close();
  });
});
