// `dcmkit get HOST PORT -k ... -o DIR`: C-GET (PS3.4 C.4.3): the matches come back on the same
// association and are written to DIR as <SOP Instance UID>.dcm.
import { get } from '@dcmkit/dimse/node';
import { peerCommand, peerName, peerOf, type PeerFlags } from '../network/peer.js';
import { identifierOf, keyOption, levelOption, modelOption, type QueryFlags } from '../network/query-keys.js';
import { retrieveExitCode, retrieveSummary } from './move.js';
import type { RegisterCommand } from './index.js';

export const getCommand: RegisterCommand = (program) => {
  peerCommand(program, 'get', 'retrieve matching instances from a peer into a folder (C-GET)')
    .addOption(keyOption())
    .addOption(levelOption())
    .addOption(modelOption())
    .requiredOption('-o, --output <dir>', 'folder for the received files')
    .action(async (host: string, port: string, flags: PeerFlags & QueryFlags & { output: string }) => {
      const peer = peerOf(host, port, flags);
      const { identifier, model } = identifierOf(flags);
      const result = await get(peer, identifier, flags.output, { model });
      process.stderr.write(retrieveSummary('get', result, `received from ${peerName(peer)} into ${flags.output}`));
      process.exitCode = retrieveExitCode(result);
    });
};
