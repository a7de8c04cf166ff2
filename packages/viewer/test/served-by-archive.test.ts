// The archive serves the built viewer at / (packages/server/src/viewer/static.ts): the files with
// their media types and the Content-Security-Policy, nothing outside dist/, and the viewer working
// under that policy in Chromium.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { VIEWER_CONTENT_SECURITY_POLICY, VIEWER_DIST } from '../../server/src/viewer/static.js';
import { startArchive, stow, type TestArchive } from '../../server/test/support/archive.js';
import { buildViewer } from '../build.mjs';
import { launchChromium, runBrowserTests } from './support/browser.js';
import { ctSeries } from './support/ct-series.js';
import { waitForImage, canvasStats } from './support/page.js';

describe('the archive serves the viewer', () => {
  let archive: TestArchive;
  const series = ctSeries({ count: 3, seed: 21, patientName: 'Served^Viewer' });

  beforeAll(async () => {
    await buildViewer(VIEWER_DIST);
    archive = await startArchive();
    expect((await stow(archive.url, series.files)).status).toBe(200);
  });
  afterAll(() => archive?.close());

  const get = (url: string, headers: Record<string, string> = {}) => archive.server.app.inject({ method: 'GET', url, headers });

  test('/ is the viewer page with the Content-Security-Policy', async () => {
    const page = await get('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(VIEWER_CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<script type="module" src="viewer.js"></script>');
    expect(VIEWER_CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(VIEWER_CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });

  test('scripts, styles, WebAssembly and hashed chunks with their media types and caching', async () => {
    const script = await get('/viewer.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('no-cache');
    expect((await get('/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/decode-worker.js')).statusCode).toBe(200);
    const wasm = await get('/openjpegwasm.wasm');
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    const chunk = readdirSync(path.join(VIEWER_DIST, 'chunks')).find((f) => f.endsWith('.js'))!;
    expect((await get(`/chunks/${chunk}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await get('/viewer.js', { 'if-modified-since': String(script.headers['last-modified']) });
    expect(again.statusCode).toBe(304);
  });

  test('nothing else: unknown names, other folders and parent paths are 404, DICOMweb is untouched', async () => {
    for (const url of ['/nope.js', '/package.json', '/build.mjs', '/%2e%2e%2fpackage.json', '/chunks/..%2f..%2fpackage.json', '/src/main.ts']) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.json().status).toBe(404);
    }
    const studies = await get('/dicomweb/studies');
    expect(studies.statusCode).toBe(200);
    expect(studies.headers['content-type']).toContain('application/dicom+json');
  });

  test.skipIf(!runBrowserTests)('the viewer works from the archive under its policy', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.goto(`${archive.url}/`);
      await page.locator('.study-row').first().click();
      await waitForImage(page);
      expect((await canvasStats(page)).nonBlack).toBeGreaterThan(0.3);
      expect(await page.getByTestId('patient-name').textContent()).toBe('Served, Viewer');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
