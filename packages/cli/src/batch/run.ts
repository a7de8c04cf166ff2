// Running a folder command file by file: a few files at once, each failure reported and skipped, a
// summary at the end, and the exit code (0 all good, 1 some failed, 2 usage error: see program.ts).
import { EXIT_FAILED, EXIT_OK } from '../program.js';
import { failureMessage } from './failure.js';
import { progressBar } from './progress.js';
import type { InputFile } from './inputs.js';

export interface BatchReport {
  /** Files done. */
  done: number;
  failed: { path: string; message: string }[];
  /** Each warning once, with the number of files that gave it and the first of them. */
  warnings: Map<string, { count: number; path: string }>;
}

/** What the work on one file returns: the warnings to report for it. */
export type FileWork = (file: InputFile) => Promise<readonly string[]>;

/** Files worked on at a time: reading one overlaps the work on another. */
const CONCURRENCY = 4;

/** `concurrency`: files in progress at once (default 4; a worker pool wants at least one per thread). */
export async function runBatch(label: string, files: readonly InputFile[], work: FileWork, concurrency = CONCURRENCY): Promise<BatchReport> {
  const report: BatchReport = { done: 0, failed: [], warnings: new Map() };
  const progress = progressBar(label, files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i]!;
      try {
        for (const message of await work(file)) {
          const seen = report.warnings.get(message);
          if (seen) seen.count++;
          else report.warnings.set(message, { count: 1, path: file.path });
        }
        report.done++;
      } catch (e) {
        report.failed.push({ path: file.path, message: failureMessage(e) });
      }
      progress.tick();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  } finally {
    progress.stop();
  }
  report.failed.sort((a, b) => (a.path < b.path ? -1 : 1));
  return report;
}

/** The summary on stderr: counts, each failed file with its reason, each warning with how many files gave it. */
export function printSummary(command: string, report: BatchReport, what: string, stream: NodeJS.WritableStream = process.stderr): void {
  const total = report.done + report.failed.length;
  const lines = [`dcmkit ${command}: ${report.done} of ${total} file(s) ${what}${report.failed.length ? `, ${report.failed.length} failed` : ''}`];
  if (report.failed.length) lines.push('failed:', ...report.failed.map((f) => `  ${f.path}: ${f.message}`));
  if (report.warnings.size) {
    lines.push('warnings:');
    for (const [message, { count, path }] of report.warnings) lines.push(`  ${message} (${count === 1 ? path : `${count} files, e.g. ${path}`})`);
  }
  stream.write(`${lines.join('\n')}\n`);
}

/** 0 when every file was done, 1 when some failed. */
export const batchExitCode = (report: BatchReport): number => (report.failed.length ? EXIT_FAILED : EXIT_OK);
