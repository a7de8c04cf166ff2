// The built viewer served from a folder by a tiny HTTP server with the archive's Content-Security-Policy,
// and /dicomweb passed on to an archive when one is given (or answered 404: no archive).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { VIEWER_CONTENT_SECURITY_POLICY } from '../../../server/src/viewer/static.js';
import { buildViewer } from '../../build.mjs';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.map': 'application/json' };

export interface ServedViewer {
  url: string;
  close(): Promise<void>;
}

/** Builds the viewer into a temporary folder (removed by `close`). */
export async function buildToTemp(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'dcmkit-viewer-'));
  await buildViewer(dir, { minify: false });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function serveViewer(dir: string, archive?: string): Promise<ServedViewer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/dicomweb')) {
      if (!archive) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no archive"}');
        return;
      }
      const target = new URL(req.url!, archive);
      const forward = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
      return;
    }
    const name = path === '/' ? 'index.html' : path.slice(1);
    if (name.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    try {
      const body = readFileSync(join(dir, name));
      res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream', 'content-security-policy': VIEWER_CONTENT_SECURITY_POLICY }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
