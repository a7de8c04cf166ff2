// The web viewer at /: the files of packages/viewer/dist (built by `npm run build`), served with a
// Content-Security-Policy that allows only this origin, WebAssembly compilation for the codecs, the
// decode workers, and blob: URLs for rendered images and inline PDFs.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** packages/viewer/dist, from src/viewer/ and dist/viewer/ alike. */
export const VIEWER_DIST = fileURLToPath(new URL('../../../viewer/dist/', import.meta.url));

export const VIEWER_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  // blob: URLs are made by this page (rendered frames, documents).
  "connect-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  // Encapsulated PDFs are shown inline from blob: URLs.
  "object-src 'self' blob:",
  "frame-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** Names of the viewer's files: no path separators, no "..", a known extension. */
const FILE_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(html|js|css|wasm|map)$/;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dcmkit</title></head>
<body><h1>dcmkit archive</h1><p>The viewer is not built: run <code>npm run build</code>. DICOMweb is served at <a href="/dicomweb/studies">/dicomweb</a>.</p></body></html>
`;

async function sendFile(request: FastifyRequest, reply: FastifyReply, path: string, immutable: boolean): Promise<FastifyReply | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const modified = new Date(Math.floor(info.mtimeMs / 1000) * 1000);
  reply
    .header('Last-Modified', modified.toUTCString())
    // Chunk names carry a content hash; the other files keep their names from build to build.
    .header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  if (!Number.isNaN(since) && modified.getTime() <= since) return reply.code(304).send();
  return reply.type(TYPES[extname(path)]!).header('Content-Length', info.size).send(createReadStream(path));
}

export const viewerRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', VIEWER_CONTENT_SECURITY_POLICY).header('X-Content-Type-Options', 'nosniff');
  });
  app.get('/', async (request, reply) => {
    const sent = await sendFile(request, reply, join(VIEWER_DIST, 'index.html'), false);
    return sent ?? reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  });
  const files = (folder: string, immutable: boolean) => async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    const { file } = request.params;
    const sent = FILE_NAME.test(file) ? await sendFile(request, reply, join(VIEWER_DIST, folder, file), immutable) : undefined;
    if (sent) return sent;
    reply.callNotFound();
    return reply;
  };
  app.get('/:file', files('', false));
  app.get('/chunks/:file', files('chunks', true));
};
