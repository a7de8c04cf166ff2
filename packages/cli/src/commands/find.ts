// `dcmkit find HOST PORT -k PatientName=DOE* [-L STUDY]`: C-FIND (PS3.4 C.4.1), one match per line,
// as Keyword=value pairs or, with --json, as DICOM JSON (PS3.18 F.2) lines.
import { toDicomJson, lookupTag, type DataSet } from '@dcmkit/core';
import type { QueryLevel } from '@dcmkit/dimse';
import { find } from '@dcmkit/dimse/node';
import { out } from '../io.js';
import { peerCommand, peerOf, type PeerFlags } from '../network/peer.js';
import { identifierOf, keyOption, levelOption, modelOption, type QueryFlags } from '../network/query-keys.js';
import type { RegisterCommand } from './index.js';

/** Keys asked back at each level when not given (the levels' unique and most used keys, PS3.4 C.6.1.1, C.6.2.1). */
const RETURN_KEYS: Record<QueryLevel, string[]> = {
  PATIENT: ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'NumberOfPatientRelatedStudies'],
  STUDY: ['PatientName', 'PatientID', 'StudyDate', 'StudyTime', 'AccessionNumber', 'StudyID', 'StudyDescription', 'ModalitiesInStudy', 'StudyInstanceUID', 'NumberOfStudyRelatedInstances'],
  SERIES: ['StudyInstanceUID', 'SeriesInstanceUID', 'Modality', 'SeriesNumber', 'SeriesDescription', 'NumberOfSeriesRelatedInstances'],
  IMAGE: ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID', 'SOPClassUID', 'InstanceNumber'],
};

/** "Keyword=value" of each element of a match, multiple values joined by backslashes. */
function line(match: DataSet): string {
  const pairs: string[] = [];
  for (const el of match) {
    if (el.vr === 'SQ') continue;
    pairs.push(`${lookupTag(el.tag)?.keyword || el.tag.toString(16).padStart(8, '0')}=${match.getText(el.tag) ?? ''}`);
  }
  return pairs.join('  ');
}

export const findCommand: RegisterCommand = (program) => {
  peerCommand(program, 'find', 'search a peer (C-FIND) and print each match')
    .addOption(keyOption())
    .addOption(levelOption().default('STUDY'))
    .addOption(modelOption())
    .option('--json', 'print DICOM JSON, one match per line')
    .action(async (host: string, port: string, flags: PeerFlags & QueryFlags & { json?: boolean }) => {
      const peer = peerOf(host, port, flags);
      const { identifier, model } = identifierOf(flags, (level) => RETURN_KEYS[level]);
      let count = 0;
      for await (const match of find(peer, identifier, { model })) {
        count++;
        await out(`${flags.json ? JSON.stringify(toDicomJson(match)) : line(match)}\n`);
      }
      process.stderr.write(`dcmkit find: ${count} match(es)\n`);
    });
};
