// -k KEY=VALUE query keys and the Query/Retrieve level and model of find, move and get (PS3.4 C.3, C.6).
import { Option } from 'commander';
import type { DataSet } from '@dcmkit/core';
import { parseQueryKey, queryIdentifier, type InformationModel, type QueryLevel } from '@dcmkit/dimse';
import { UsageError } from '../io.js';

export interface QueryFlags {
  key: string[];
  level?: string;
  model?: string;
}

const LEVELS: QueryLevel[] = ['PATIENT', 'STUDY', 'SERIES', 'IMAGE'];

export const keyOption = (): Option =>
  new Option('-k, --key <KEY=VALUE>', 'a matching or return key by keyword or (gggg,eeee), repeatable; VALUE may use * ? wildcards, ranges a-b, UID lists a\\b; empty: return it').argParser((v: string, all: string[] = []) => [...all, v]).default([]);
export const levelOption = (): Option => new Option('-L, --level <level>', 'Query/Retrieve level').choices(LEVELS);
export const modelOption = (): Option => new Option('-m, --model <model>', 'information model: study (Study Root) or patient (Patient Root)').choices(['study', 'patient']).default('study');

/** The level a retrieve names by its most specific unique key, when -L is not given (PS3.4 C.6.2.1). */
function impliedLevel(keys: [string, string][]): QueryLevel {
  const has = (k: string) => keys.some(([key, value]) => key === k && value !== '');
  return has('SOPInstanceUID') ? 'IMAGE' : has('SeriesInstanceUID') ? 'SERIES' : has('StudyInstanceUID') ? 'STUDY' : 'PATIENT';
}

/** The identifier of -k keys at -L (or the level `extra` keys and the keys imply), plus keys to ask back. */
export function identifierOf(flags: QueryFlags, returnKeys: (level: QueryLevel) => string[] = () => []): { identifier: DataSet; level: QueryLevel; model: InformationModel } {
  const keys = flags.key.map(parseQueryKey);
  const level = (flags.level as QueryLevel | undefined) ?? impliedLevel(keys);
  const model = flags.model as InformationModel;
  if (model === 'study' && level === 'PATIENT') throw new UsageError('the Study Root model has no PATIENT level: use -m patient, or give a StudyInstanceUID key');
  const given = new Set(keys.map(([k]) => k));
  const all = [...returnKeys(level).filter((k) => !given.has(k)).map((k): [string, string] => [k, '']), ...keys];
  try {
    return { identifier: queryIdentifier(level, all), level, model };
  } catch (e) {
    throw new UsageError(`-k: ${(e as Error).message}`);
  }
}
