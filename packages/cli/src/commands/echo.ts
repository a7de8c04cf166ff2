// `dcmkit echo HOST PORT`: C-ECHO (PS3.4 A.4, Verification), the DICOM ping.
import { formatStatus, statusCategory } from '@dcmkit/dimse';
import { echo } from '@dcmkit/dimse/node';
import { EXIT_FAILED, EXIT_OK } from '../program.js';
import { peerCommand, peerName, peerOf, type PeerFlags } from '../network/peer.js';
import type { RegisterCommand } from './index.js';

export const echoCommand: RegisterCommand = (program) => {
  peerCommand(program, 'echo', 'verify a DICOM peer answers (C-ECHO)').action(async (host: string, port: string, flags: PeerFlags) => {
    const peer = peerOf(host, port, flags);
    const started = performance.now();
    const status = await echo(peer);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`C-ECHO ${peerName(peer)}: ${statusCategory(status)} (${formatStatus(status)}) in ${ms} ms\n`);
    process.exitCode = statusCategory(status) === 'success' ? EXIT_OK : EXIT_FAILED;
  });
};
