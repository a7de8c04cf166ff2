// `dcmkit token create`: a bearer token for `dcmkit serve --auth` (only its SHA-256 is stored in the index).
import { createToken, openIndex } from '@dcmkit/server';
import { out } from '../io.js';
import { configOf, type StorageFlags } from './serve.js';
import type { RegisterCommand } from './index.js';

export const tokenCommand: RegisterCommand = (program) => {
  const token = program.command('token').description('manage bearer tokens of the archive server');
  token
    .command('create')
    .description('print a new bearer token (shown once) and store its hash in the index')
    .option('--name <name>', 'what the token is for', 'default')
    .option('--data <dir>', 'data folder (default ./dcmkit-data; env DCMKIT_DATA)')
    .option('--db <sqlite|path|postgres://...>', 'index database (default sqlite; env DCMKIT_DB)')
    .option('--config <file>', 'JSON file of settings')
    .action(async (opts: StorageFlags & { name: string }) => {
      const config = configOf({ data: opts.data, db: opts.db }, opts.config);
      const index = await openIndex(config);
      try {
        await out(`${await createToken(index, opts.name)}\n`);
      } finally {
        await index.close();
      }
    });
};
