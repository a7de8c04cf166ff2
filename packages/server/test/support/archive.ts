// Test archives: a server on an ephemeral loopback port with a temporary data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, resolveConfig, type DcmkitServer, type ServerConfig } from '../../src/index.js';
import { encodeMultipart, newBoundary } from '@dcmkit/dicomweb';

export interface TestArchive {
  server: DcmkitServer;
  url: string;
  data: string;
  close(): Promise<void>;
}

/** Starts an archive on 127.0.0.1:0 with a fresh data folder (removed on close). */
export async function startArchive(settings: Partial<ServerConfig> = {}): Promise<TestArchive> {
  const data = mkdtempSync(join(tmpdir(), 'dcmkit-server-'));
  const server = await buildServer(resolveConfig({ port: 0, data, logLevel: 'silent', ...settings }));
  const url = await server.listen();
  return {
    server,
    url,
    data,
    async close() {
      await server.close();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** A STOW-RS request body of Part 10 files. */
export function stowBody(files: Uint8Array[], partType = 'application/dicom'): { body: Uint8Array; contentType: string } {
  const boundary = newBoundary();
  return {
    body: encodeMultipart(files.map((f) => ({ headers: { 'Content-Type': partType }, body: f })), boundary),
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
}

/** POSTs files to /dicomweb/studies[/study]; resolves to the status and the DICOM JSON body. */
export async function stow(url: string, files: Uint8Array[], study?: string, headers: Record<string, string> = {}) {
  const { body, contentType } = stowBody(files);
  const res = await fetch(`${url}/dicomweb/studies${study ? '/' + study : ''}`, { method: 'POST', headers: { 'Content-Type': contentType, ...headers }, body });
  return { status: res.status, json: (await res.json()) as Record<string, { vr: string; Value?: unknown[] }> };
}
