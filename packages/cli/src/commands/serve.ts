// `dcmkit serve`: the archive server (DICOMweb at /dicomweb, the viewer at /).
import { buildServer, checkExposure, resolveConfig, type RepairReport, type ServerConfig } from '@dcmkit/server';
import { UsageError } from '../io.js';
import type { RegisterCommand } from './index.js';

/** Server options shared by `serve` and `token` (where the data and the index are). */
export interface StorageFlags {
  data?: string;
  db?: string;
  store?: string;
  config?: string;
}

/** The configuration of flags, DCMKIT_* variables and --config FILE; bad values are usage errors. */
export function configOf(flags: Partial<ServerConfig>, file?: string): ServerConfig {
  try {
    return resolveConfig(flags, process.env, file ?? process.env.DCMKIT_CONFIG);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** A database setting with any password masked. */
const maskedDb = (db: string) => db.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');

/** What a repair did, a line each (none when the index and the stored instances agreed). */
export function repairLines(r: RepairReport): string[] {
  const lines: string[] = [];
  if (r.temporaryFilesRemoved) lines.push(`removed ${r.temporaryFilesRemoved} temporary file(s) of interrupted stores`);
  if (r.rolledForward.length) lines.push(`completed the interrupted replacement or deletion of ${r.rolledForward.length} stored file(s)`);
  if (r.reindexed.length) lines.push(`indexed ${r.reindexed.length} stored file(s) that had no index entry`);
  for (const u of r.unindexable) lines.push(`cannot index ${u.key}: ${u.reason}`);
  for (const k of r.missingFilesRemoved) lines.push(`removed the index entry of missing file ${k}`);
  return lines;
}

export const serveCommand: RegisterCommand = (program) => {
  program
    .command('serve')
    .description('run the archive: DICOMweb (STOW-RS, QIDO-RS, WADO-RS) at /dicomweb and the viewer at /')
    .option('--port <n>', 'TCP port (default 8080; env DCMKIT_PORT)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1; env DCMKIT_HOST)')
    .option('--data <dir>', 'data folder (default ./dcmkit-data; env DCMKIT_DATA)')
    .option('--db <sqlite|path|postgres://...>', 'index database (default sqlite: <data>/index.sqlite; env DCMKIT_DB)')
    .option('--store <s3://bucket[/prefix]>', 'keep instances in an S3-compatible bucket instead of <data>/instances (env DCMKIT_STORE; endpoint and credentials from AWS_* variables)')
    .option('--auth', 'require Authorization: Bearer tokens on /dicomweb (see dcmkit token create; env DCMKIT_AUTH)')
    .option('--insecure', 'allow a non-loopback host without --auth (env DCMKIT_INSECURE)')
    .option('--on-duplicate <policy>', 'a re-sent instance with different content: reject or overwrite (default reject)')
    .option('--log-level <level>', 'log level: fatal, error, warn, info, debug, silent (default info)')
    .option('--config <file>', 'JSON file of settings (keys as in the README; env DCMKIT_CONFIG)')
    .option('--dimse-port <n>', 'also run the DIMSE SCP (C-ECHO/STORE/FIND/MOVE/GET) on this TCP port (env DCMKIT_DIMSE_PORT)')
    .option('--ae-title <aet>', "the archive's AE title for DIMSE (default DCMKIT; env DCMKIT_AE_TITLE)")
    .option('--ae <NAME=host:port>', 'a C-MOVE destination AE (repeatable; env DCMKIT_AE_TABLE, comma-separated)', (entry: string, table?: string) => (table ? `${table},${entry}` : entry))
    .action(async (opts: { port?: string; host?: string; data?: string; db?: string; store?: string; auth?: boolean; insecure?: boolean; onDuplicate?: string; logLevel?: string; config?: string; dimsePort?: string; aeTitle?: string; ae?: string }) => {
      const { config: file, ae: aeTable, ...flags } = opts;
      const config = configOf({ ...flags, aeTable } as Partial<ServerConfig>, file);
      try {
        checkExposure(config);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const server = await buildServer(config);
      for (const line of repairLines(server.repair)) process.stderr.write(`dcmkit: repair: ${line}\n`);
      const url = await server.listen();
      process.stdout.write(`dcmkit: DICOMweb at ${url}/dicomweb, viewer at ${url}/\n`);
      if (config.dimsePort) process.stdout.write(`dcmkit: DIMSE SCP ${config.aeTitle} on ${config.host}:${config.dimsePort}\n`);
      const instances = config.store ? `, instances in ${config.store}` : '';
      process.stdout.write(`dcmkit: data in ${config.data}${instances}, index ${maskedDb(config.db === 'sqlite' ? `${config.data}/index.sqlite` : config.db)}${config.auth ? ', bearer tokens required' : ''}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.stderr.write(`dcmkit: ${signal}: finishing in-flight requests\n`);
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(resolve, (e) => {
            process.stderr.write(`dcmkit: ${e instanceof Error ? e.message : String(e)}\n`);
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
};
