// Runs the dcmkit CLI in-process for tests, capturing what it writes to stdout and stderr.
import { vi } from 'vitest';
import { run } from '../packages/cli/src/program.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dcmkit ...argv`; resolves to the exit code and the captured output. */
export async function cli(...argv: string[]): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array, ...rest: unknown[]) => {
    into.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
    rest.find((r): r is () => void => typeof r === 'function')?.();
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture(stdout) as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture(stderr) as typeof process.stderr.write);
  try {
    const code = await run(argv);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
}
