// The page at / until the viewer lands: served with a strict Content-Security-Policy.
import type { FastifyPluginAsync } from 'fastify';

export const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>dcmkit</title></head>
<body>
<h1>dcmkit archive</h1>
<p>DICOMweb is served at <a href="/dicomweb/studies">/dicomweb</a> (STOW-RS, QIDO-RS, WADO-RS). The viewer will be served here.</p>
</body>
</html>
`;

export const viewerRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (_request, reply) =>
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY).header('X-Content-Type-Options', 'nosniff').type('text/html; charset=utf-8').send(PAGE),
  );
};
