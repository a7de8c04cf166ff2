// The study, series and instance a request path names (PS3.18 10.4), each UID checked against
// the UID grammar (PS3.5 9.1) before anything reads the index or the file system.
import { isValidUid } from '@dcmkit/dicomweb';
import { HttpError } from '../errors.js';
import type { ArchiveIndex, InstanceRecord, InstanceScope } from '../index/types.js';

/** Path parameters as the routes name them. */
export interface ResourceParams {
  study: string;
  series?: string;
  instance?: string;
}

/** `value` when it is a UID; 400 naming `name` otherwise. */
export function checkedUid(value: string, name: string): string {
  if (!isValidUid(value)) throw new HttpError(400, `${name}: "${value.slice(0, 80)}" is not a UID (PS3.5 9.1)`, name);
  return value;
}

/** The scope of a path: 400 naming the first malformed UID. */
export function resourceScope(params: ResourceParams): InstanceScope {
  return {
    study: checkedUid(params.study, 'study'),
    ...(params.series !== undefined && { series: checkedUid(params.series, 'series') }),
    ...(params.instance !== undefined && { instance: checkedUid(params.instance, 'instance') }),
  };
}

/** What a scope names, for messages: "study 1.2.3", "series 1.2.3.4 of study 1.2.3" ... */
export function describeScope(scope: InstanceScope): string {
  const study = `study ${scope.study}`;
  const series = scope.series === undefined ? study : `series ${scope.series} of ${study}`;
  return scope.instance === undefined ? series : `instance ${scope.instance} of ${series}`;
}

/** What was found of a scope's instances; 404 when nothing was. */
export function foundIn<T>(found: T[], scope: InstanceScope): T[] {
  if (found.length === 0) throw new HttpError(404, `no ${describeScope(scope)}`);
  return found;
}

/** The instances in scope, ordered by series then Instance Number; 404 when there are none. */
export const instancesIn = async (index: ArchiveIndex, scope: InstanceScope): Promise<InstanceRecord[]> => foundIn(await index.listInstances(scope), scope);

/** The one instance a path names (study, series and instance must all match); 404 otherwise. */
export async function instanceIn(index: ArchiveIndex, params: Required<ResourceParams>): Promise<InstanceRecord> {
  const scope = resourceScope(params);
  const record = await index.getInstance(scope.instance!);
  if (!record || record.studyInstanceUID !== scope.study || record.seriesInstanceUID !== scope.series) {
    throw new HttpError(404, `no ${describeScope(scope)}`);
  }
  return record;
}
