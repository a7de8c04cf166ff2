// Helpers of the server benchmarks: the real `dcmkit serve` process, latency percentiles, templated instances.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../packages/cli/bin/dcmkit.js', import.meta.url));

/** V8 settings `npm start` runs the archive with (see the README's Server section). */
const SERVE_NODE_FLAGS = ['--max-semi-space-size=1'];

/** Starts `dcmkit serve` as `npm start` runs it, on an ephemeral loopback port; resolves to { url, child, stop() }. */
export function startDcmkit(args, env = {}) {
  const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, cli, 'serve', '--port', '0', '--log-level', 'warn', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /DICOMweb at (http:\/\/\S+)\/dicomweb/.exec(out);
      if (m) resolve({ url: m[1], child, stop: () => stopProcess(child) });
    });
    child.on('exit', (code) => reject(new Error(`dcmkit serve exited with ${code}: ${err}`)));
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
export function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Peak resident set size (VmHWM) of a process in MiB (Linux). */
export const peakRssMiB = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Connections kept open between requests, as a DICOMweb client would. */
const agent = new Agent({ keepAlive: true });

/**
 * One HTTP request with node:http; resolves to { status, body } (body: a Buffer). The benchmark client
 * shares the machine's cores with the server under test: node:http costs it about a quarter of the CPU
 * time per request that fetch (undici) does, which would otherwise be taken from the server. `body` may
 * be given in pieces (an array), written one after another without joining them into one copy.
 */
export function request(url, { method = 'GET', headers = {}, body } = {}) {
  const pieces = body === undefined ? [] : Array.isArray(body) ? body : [body];
  const length = pieces.reduce((n, piece) => n + piece.length, 0);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent, headers: body ? { ...headers, 'Content-Length': length } : headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // Written before the socket is assigned, the pieces go out together (one writev) with the head.
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

/** `request` of a JSON resource; throws unless 2xx. */
export async function getJson(url, headers = {}) {
  const { status, body } = await request(url, { headers });
  if (status < 200 || status > 299) throw new Error(`GET ${url}: ${status}`);
  return JSON.parse(body.toString());
}

/** Latencies (ms) of `count` sequential GETs of `urls(i)`; every answer must be 2xx. */
export async function latencies(count, urlOf, headers = {}) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const { status } = await request(urlOf(i), { headers });
    if (status < 200 || status > 299) throw new Error(`GET ${urlOf(i)}: ${status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Runs `task(i)` for i in [0, count) with `concurrency` workers. */
export async function pool(count, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const encoder = new TextEncoder();

/** A multipart/related STOW-RS body of one Part 10 file (bytes, or pieces as `templated` makes): pieces for `request`, not copied. */
export function stowRequest(file, boundary = 'dcmkitbenchboundary') {
  const head = encoder.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`);
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  return { body: [head, ...(Array.isArray(file) ? file : [file]), tail], contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` };
}

/**
 * Instances made from one template by replacing fixed-width placeholders in its bytes (UIDs, patient
 * name, study date): `make(fields)` returns the new file as pieces in order, views of the template
 * between the new values (each of its placeholder's length), so no instance copies the template.
 */
export function templated(template, placeholders) {
  const at = [];
  for (const [key, text] of Object.entries(placeholders)) {
    const bytes = encoder.encode(text);
    const before = at.length;
    for (let i = template.indexOf(bytes[0]); i >= 0; i = template.indexOf(bytes[0], i + 1)) {
      if (bytes.every((b, j) => template[i + j] === b)) at.push({ key, offset: i, length: bytes.length });
    }
    if (at.length === before) throw new Error(`placeholder ${text} not in the template`);
  }
  at.sort((a, b) => a.offset - b.offset);
  at.forEach((p, i) => {
    if (i > 0 && p.offset < at[i - 1].offset + at[i - 1].length) throw new Error(`placeholders ${at[i - 1].key} and ${p.key} overlap`);
  });
  return (fields) => {
    const values = {};
    for (const [key, value] of Object.entries(fields)) {
      const length = placeholders[key]?.length;
      if (value.length !== length) throw new Error(`${key}: ${value} is not ${length} characters`);
      values[key] = encoder.encode(value);
    }
    const pieces = [];
    let from = 0;
    for (const { key, offset, length } of at) {
      if (!values[key]) continue;
      pieces.push(template.subarray(from, offset), values[key]);
      from = offset + length;
    }
    pieces.push(template.subarray(from));
    return pieces;
  };
}
