import { Command, CommanderError } from 'commander';
import { DicomParseError } from '@dcmkit/core';
import { commands } from './commands/index.js';
import { UsageError } from './io.js';

/** Exit codes of every command: 0 all good, 1 some input failed, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = new Command('dcmkit')
    .description('dcmkit: read, convert, render, de-identify and serve DICOM')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program);
  try {
    const code = await program.parseAsync(argv, { from: 'user' });
    void code;
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (e instanceof UsageError) {
      process.stderr.write(`dcmkit: ${e.message}\n`);
      return EXIT_USAGE;
    }
    const message = e instanceof DicomParseError ? e.message : e instanceof Error ? e.message : String(e);
    process.stderr.write(`dcmkit: ${message}\n`);
    return EXIT_FAILED;
  }
}
