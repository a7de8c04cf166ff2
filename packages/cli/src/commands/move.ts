// `dcmkit move HOST PORT -k StudyInstanceUID=... --dest AE`: C-MOVE (PS3.4 C.4.2): the peer sends the
// matches to the AE titled --dest (which it must know); exit 0 when every sub-operation succeeded.
import { formatStatus, statusCategory, type RetrieveResult } from '@dcmkit/dimse';
import { move } from '@dcmkit/dimse/node';
import { EXIT_FAILED, EXIT_OK } from '../program.js';
import { peerCommand, peerName, peerOf, type PeerFlags } from '../network/peer.js';
import { identifierOf, keyOption, levelOption, modelOption, type QueryFlags } from '../network/query-keys.js';
import type { RegisterCommand } from './index.js';

/** One line of sub-operation counts and the final status. */
export function retrieveSummary(command: string, result: RetrieveResult, what: string): string {
  const failed = result.failedSOPInstanceUIDs.length ? `\nfailed SOP instances:\n${result.failedSOPInstanceUIDs.map((u) => `  ${u}`).join('\n')}` : '';
  return `dcmkit ${command}: ${statusCategory(result.status)} (${formatStatus(result.status)}${result.errorComment ? `: ${result.errorComment}` : ''}): ${result.completed} ${what}, ${result.warning} with warnings, ${result.failed} failed${failed}\n`;
}

/** Exit 0 only for Success with nothing failed. */
export const retrieveExitCode = (result: RetrieveResult): number => (statusCategory(result.status) === 'success' && result.failed === 0 ? EXIT_OK : EXIT_FAILED);

export const moveCommand: RegisterCommand = (program) => {
  peerCommand(program, 'move', 'have a peer send matching instances to an AE (C-MOVE)')
    .addOption(keyOption())
    .addOption(levelOption())
    .addOption(modelOption())
    .requiredOption('--dest <aet>', 'the destination AE title (as the peer knows it)')
    .action(async (host: string, port: string, flags: PeerFlags & QueryFlags & { dest: string }) => {
      const peer = peerOf(host, port, flags);
      const { identifier, model } = identifierOf(flags);
      const result = await move(peer, identifier, flags.dest, { model });
      process.stderr.write(retrieveSummary('move', result, `sent by ${peerName(peer)} to ${flags.dest}`));
      process.exitCode = retrieveExitCode(result);
    });
};
