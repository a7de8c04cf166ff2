// The shared reference corpus (../shared/corpus beside the repository) for rendering tests.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDicom, type DicomFile } from '@dcmkit/core';

export const CORPUS = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)), '../shared/corpus');
export const hasCorpus = existsSync(path.join(CORPUS, 'manifest.json'));

export interface ManifestRecord {
  path: string;
  transferSyntaxUID: string | null;
  photometricInterpretation: string | null;
  numberOfFrames: number | string | null;
  pixelsCrossCheckDetails?: { decoder: string; pixels?: { sha256: string | null } }[];
}

export const manifest = (): ManifestRecord[] => JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as ManifestRecord[];

export const openCorpusFile = (p: string): DicomFile => parseDicom(readFileSync(path.join(CORPUS, 'files', p)), { name: p });
