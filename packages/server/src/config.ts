// Server settings from flags, DCMKIT_* environment variables and an optional JSON file (flags win, then env, then file).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { s3LocationOf } from './store/s3-location.js';

export interface ServerConfig {
  /** TCP port (0: any free port). */
  port: number;
  /** Address to bind; loopback by default. */
  host: string;
  /** Data folder: instances/ and, with SQLite, index.sqlite. */
  data: string;
  /** "sqlite" (the file <data>/index.sqlite), a path to a SQLite file, or a postgres:// URL. */
  db: string;
  /** Where instances are stored: empty for files under the data folder, or s3://bucket[/prefix] (see S3Store). */
  store: string;
  /** Require `Authorization: Bearer <token>` on /dicomweb (tokens from `dcmkit token create`). */
  auth: boolean;
  /** Allow a non-loopback host without --auth. */
  insecure: boolean;
  /** A re-sent SOP Instance UID with different bytes: rejected (default) or overwriting the stored one. */
  onDuplicate: 'reject' | 'overwrite';
  /** Largest accepted request body (STOW-RS) in bytes. */
  maxBodyBytes: number;
  /** Requests taking longer are aborted (milliseconds; 0: no limit). */
  requestTimeoutMs: number;
  /** How long an index insert waits for others to share its transaction (milliseconds; 0: those arriving while the previous one commits). */
  groupCommitMs: number;
  /** Largest page of QIDO-RS results. */
  maxQueryResults: number;
  /** pino log level ("info", "warn", "silent" ...). */
  logLevel: string;
  /** Log patient-identifying values (query strings, UIDs in URLs); off by default. */
  logPatientData: boolean;
  // DIMSE (see dimse-scp.ts): the SCP runs when dimsePort is set.
  /** TCP port of the DIMSE SCP (C-ECHO/STORE/FIND/MOVE/GET); 0: no DIMSE service. */
  dimsePort: number;
  /** The archive's AE title. */
  aeTitle: string;
  /** C-MOVE destinations: "NAME=host:port" entries separated by commas. */
  aeTable: string;
}

export const DEFAULT_CONFIG: ServerConfig = {
  port: 8080,
  host: '127.0.0.1',
  data: './dcmkit-data',
  db: 'sqlite',
  store: '',
  auth: false,
  insecure: false,
  onDuplicate: 'reject',
  maxBodyBytes: 16 * 1024 ** 3,
  requestTimeoutMs: 30 * 60_000,
  groupCommitMs: 0,
  maxQueryResults: 1000,
  logLevel: 'info',
  logPatientData: false,
  dimsePort: 0,
  aeTitle: 'DCMKIT',
  aeTable: '',
};

/** The environment variable of each setting: DCMKIT_PORT, DCMKIT_ON_DUPLICATE, ... */
const envName = (key: string) => 'DCMKIT_' + key.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();

/** A setting's value parsed to the type of its default; throws naming the source on a bad value. */
function coerce(key: keyof ServerConfig, value: unknown, source: string): unknown {
  const expected = typeof DEFAULT_CONFIG[key];
  if (expected === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    if (typeof value === 'boolean' || value === '' || !Number.isFinite(n) || n < 0) throw new Error(`${source}: ${key} must be a non-negative number`);
    return n;
  }
  if (expected === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (/^(1|true|yes|on)$/i.test(String(value))) return true;
    if (/^(0|false|no|off)$/i.test(String(value))) return false;
    throw new Error(`${source}: ${key} must be true or false`);
  }
  if (typeof value !== 'string') throw new Error(`${source}: ${key} must be a string`);
  if (key === 'onDuplicate' && value !== 'reject' && value !== 'overwrite') throw new Error(`${source}: onDuplicate must be "reject" or "overwrite"`);
  if (key === 'store' && value !== '' && !s3LocationOf(value)) {
    throw new Error(`${source}: store must be s3://bucket or s3://bucket/prefix (a bucket name of 3-63 lowercase letters, digits, dots and hyphens), not ${JSON.stringify(value)}`);
  }
  return value;
}

function settings(values: Record<string, unknown>, source: string): Partial<ServerConfig> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_CONFIG)) throw new Error(`${source}: unknown setting "${key}"`);
    out[key] = coerce(key as keyof ServerConfig, value, source);
  }
  return out as Partial<ServerConfig>;
}

/** Settings from DCMKIT_* variables. */
export function configFromEnv(env: Record<string, string | undefined>): Partial<ServerConfig> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_CONFIG)) values[key] = env[envName(key)];
  return settings(values, 'environment');
}

/** Settings of a JSON config file (an object with ServerConfig keys). */
export function configFromFile(path: string): Partial<ServerConfig> {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${path}: expected a JSON object of settings`);
  return settings(json as Record<string, unknown>, path);
}

/** Merges defaults < file < environment < flags; the data folder is made absolute. */
export function resolveConfig(flags: Partial<ServerConfig>, env: Record<string, string | undefined> = {}, file?: string): ServerConfig {
  const config = { ...DEFAULT_CONFIG, ...(file ? configFromFile(file) : {}), ...configFromEnv(env), ...settings(flags, 'option') };
  return { ...config, data: resolve(config.data) };
}

/** 127.0.0.0/8, ::1 and localhost. */
export const isLoopback = (host: string): boolean => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);

/** Refuses a configuration that would expose unauthenticated DICOMweb beyond this machine. */
export function checkExposure(config: ServerConfig): void {
  if (!isLoopback(config.host) && !config.auth && !config.insecure) {
    throw new Error(`refusing to listen on ${config.host} without --auth (tokens from "dcmkit token create"); pass --insecure to do so anyway`);
  }
}
