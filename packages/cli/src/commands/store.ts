// `dcmkit store HOST PORT FILES...`: C-STORE of files and folders (PS3.4 B), a progress bar on a
// terminal, a summary, exit 0 when every file was stored, 1 when some were not, 2 on usage errors.
import { formatStatus, statusCategory } from '@dcmkit/dimse';
import { store, type StoreFileResult } from '@dcmkit/dimse/node';
import { inputFiles } from '../batch/inputs.js';
import { progressBar } from '../batch/progress.js';
import { batchExitCode, printSummary, type BatchReport } from '../batch/run.js';
import { peerCommand, peerName, peerOf, type PeerFlags } from '../network/peer.js';
import type { RegisterCommand } from './index.js';

/** A file's result in the summary: stored (warnings counted by status), or failed with the reason. */
function record(report: BatchReport, r: StoreFileResult): void {
  const category = r.status === undefined ? 'failure' : statusCategory(r.status);
  if (category === 'failure') {
    const why = r.status === undefined ? r.error : `status ${formatStatus(r.status)}${r.error ? `: ${r.error}` : ''}`;
    report.failed.push({ path: r.path, message: why ?? 'not stored' });
    return;
  }
  report.done++;
  if (category === 'warning') {
    const message = `stored with warning status ${formatStatus(r.status!)}${r.error ? `: ${r.error}` : ''}`;
    const seen = report.warnings.get(message);
    if (seen) seen.count++;
    else report.warnings.set(message, { count: 1, path: r.path });
  }
}

export const storeCommand: RegisterCommand = (program) => {
  peerCommand(program, 'store', 'send DICOM files to a peer (C-STORE); folders are read recursively')
    .argument('<files...>', 'DICOM files and folders')
    .action(async (host: string, port: string, inputs: string[], flags: PeerFlags) => {
      const peer = peerOf(host, port, flags);
      const files = await inputFiles(inputs);
      const report: BatchReport = { done: 0, failed: [], warnings: new Map() };
      const progress = progressBar('store', files.length);
      const started = performance.now();
      try {
        await store(peer, files.map((f) => f.path), (r) => {
          record(report, r);
          progress.tick();
        });
      } finally {
        progress.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      report.failed.sort((a, b) => (a.path < b.path ? -1 : 1));
      printSummary('store', report, `stored at ${peerName(peer)} in ${seconds.toFixed(1)} s (${(report.done / Math.max(seconds, 1e-3)).toFixed(0)}/s)`);
      process.exitCode = batchExitCode(report);
    });
};
