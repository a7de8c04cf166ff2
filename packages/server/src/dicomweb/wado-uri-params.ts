// Query parameters of WADO-URI (PS3.18 9.1.2): the instance's UIDs, and the rendering of an image
// (window, rows/columns, region, frame, quality); a bad value is a 400 naming the parameter.
import { HttpError } from '../errors.js';
import type { InstanceRecord } from '../index/types.js';
import { frameIndexes } from './frame-list.js';
import type { SourceRegion } from './image-region.js';
import { single, type QueryParams } from './query-params.js';
import type { RenderRequest } from './render-image.js';
import { checkedWindow, decimal, parseQuality, positiveInteger } from './rendered-params.js';
import { checkedUid, type ResourceParams } from './resource-scope.js';

/** Parameters of rendered images only: not with application/dicom (PS3.18 9.1.2). */
export const IMAGE_ONLY = ['annotation', 'rows', 'columns', 'region', 'windowCenter', 'windowWidth', 'frameNumber'];

export function required(query: QueryParams, name: string): string {
  const value = single(query, name);
  if (value === undefined || value === '') throw new HttpError(400, `${name}: required`, name);
  return value;
}

const requiredUid = (query: QueryParams, name: string): string => checkedUid(required(query, name), name);

/** PS3.18 9.1.2.1: the UIDs of the instance, each checked (PS3.5 9.1). */
export const instanceParams = (query: QueryParams): Required<ResourceParams> => ({
  study: requiredUid(query, 'studyUID'),
  series: requiredUid(query, 'seriesUID'),
  instance: requiredUid(query, 'objectUID'),
});

/** PS3.18 9.1.2 region: x1,y1,x2,y2 as fractions of the image (0.0 to 1.0), top left then bottom right. */
function parseRegion(text: string): [number, number, number, number] {
  const values = text.split(',').map((v) => decimal(v, 'region'));
  const [x1, y1, x2, y2] = values;
  if (values.length !== 4 || !values.every((v) => v >= 0 && v <= 1) || !(x1! < x2!) || !(y1! < y2!)) {
    throw new HttpError(400, `region: "${text}" is not x1,y1,x2,y2 with 0 <= x1 < x2 <= 1 and 0 <= y1 < y2 <= 1`, 'region');
  }
  return values as [number, number, number, number];
}

/** The rendering the image parameters ask for (PS3.18 9.1.2), less the media type. */
export function imageRequest(query: QueryParams, record: InstanceRecord): { request: Omit<RenderRequest, 'mediaType'>; frame: number } {
  const center = single(query, 'windowCenter');
  const width = single(query, 'windowWidth');
  // PS3.18 9.1.2: Window Center and Window Width come together.
  if ((center === undefined) !== (width === undefined)) {
    const missing = center === undefined ? 'windowCenter' : 'windowWidth';
    throw new HttpError(400, `${missing}: required with ${missing === 'windowCenter' ? 'windowWidth' : 'windowCenter'}`, missing);
  }
  const rows = single(query, 'rows');
  const columns = single(query, 'columns');
  const quality = single(query, 'imageQuality');
  const regionText = single(query, 'region');
  const frameText = single(query, 'frameNumber');
  const frame = frameText === undefined ? 0 : frameIndexes([positiveInteger(frameText, 'frameNumber')], record)[0]!;
  let region: SourceRegion | undefined;
  if (regionText !== undefined) {
    const [x1, y1, x2, y2] = parseRegion(regionText);
    const c = record.columns ?? 0;
    const r = record.rows ?? 0;
    region = { x: Math.round(x1 * c), y: Math.round(y1 * r), width: Math.max(1, Math.round((x2 - x1) * c)), height: Math.max(1, Math.round((y2 - y1) * r)) };
  }
  const request = {
    ...(center !== undefined && { window: checkedWindow({ center: decimal(center, 'windowCenter'), width: decimal(width!, 'windowWidth') }, 'windowWidth') }),
    ...((rows !== undefined || columns !== undefined) && {
      size: { ...(rows !== undefined && { height: positiveInteger(rows, 'rows') }), ...(columns !== undefined && { width: positiveInteger(columns, 'columns') }) },
    }),
    ...(quality !== undefined && { quality: parseQuality(quality, 'imageQuality') }),
    ...(region && { region, regionParameter: 'region' }),
  };
  return { request, frame };
}
