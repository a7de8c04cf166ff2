// `dcmkit repair`: the archive's start-up repair on its own, listing the store even when replicas share it.
import { repairStore } from '@dcmkit/server';
import { out } from '../io.js';
import { EXIT_FAILED } from '../program.js';
import type { RegisterCommand } from './index.js';
import { configOf, repairLines, type StorageFlags } from './serve.js';

export const repairCommand: RegisterCommand = (program) => {
  program
    .command('repair')
    .description(
      'make the index and the stored instances agree, as `serve` does at start-up, and also list an S3 store (which start-up skips): objects a crashed replica uploaded but did not index get their rows',
    )
    .option('--data <dir>', 'data folder (default ./dcmkit-data; env DCMKIT_DATA)')
    .option('--db <sqlite|path|postgres://...>', 'index database (default sqlite; env DCMKIT_DB)')
    .option('--store <s3://bucket[/prefix]>', 'instances in an S3-compatible bucket (env DCMKIT_STORE)')
    .option('--config <file>', 'JSON file of settings')
    .action(async (opts: StorageFlags) => {
      const report = await repairStore(configOf({ data: opts.data, db: opts.db, store: opts.store }, opts.config));
      const lines = repairLines(report);
      await out(lines.length ? lines.map((l) => `dcmkit: repair: ${l}\n`).join('') : 'dcmkit: repair: the index and the stored instances agree\n');
      // Files that could not be indexed are left in place: the archive still needs a look.
      if (report.unindexable.length) process.exitCode = EXIT_FAILED;
    });
};
