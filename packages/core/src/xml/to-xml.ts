import { lookupTag } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import { isPrivateTag, privateCreatorTag, tagHex } from '../tag.js';
import type { DicomJson, DicomJsonAttribute, DicomJsonPersonName, DicomJsonValue } from '../json/model.js';
import { numberText } from '../json/number-string.js';
import { COMPONENT_GROUPS } from '../json/person-name.js';
import { toDicomJson, type DicomJsonOptions } from '../json/to-json.js';
import { writeNested } from '../json/nested-text.js';
import { indent } from '../indent.js';

/** The name components of a component group, in PN order (PS3.19 A.1.5, PS3.5 6.2.1.1). */
export const NAME_COMPONENTS = ['FamilyName', 'GivenName', 'MiddleName', 'NamePrefix', 'NameSuffix'] as const;

/**
 * A data set in the Native DICOM Model (PS3.19 A.1): one DicomAttribute per attribute in tag order
 * with tag, vr, keyword (public tags) and privateCreator (private data elements); Value, PersonName
 * and Item elements numbered from 1; InlineBinary or BulkData. Values are those of toDicomJson,
 * with the same options; an empty value among several is an empty element. Written as UTF-8 text.
 */
export function toDicomXml(ds: DataSet, opts: DicomJsonOptions = {}): string {
  const body = writeNested<DataSetAt>({ json: toDicomJson(ds, opts), depth: 1 }, dataSetParts);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<NativeDicomModel xml:space="preserve">\n${body}</NativeDicomModel>\n`;
}


/** A data set to write at an indentation depth. */
interface DataSetAt {
  json: DicomJson;
  depth: number;
}
type Part = string | DataSetAt;

/** A data set's DicomAttribute elements; the data sets of its items are nested parts. */
function dataSetParts({ json, depth }: DataSetAt): Part[] {
  const parts: Part[] = [];
  for (const key of Object.keys(json).sort()) {
    const attr = json[key]!;
    const tag = parseInt(key, 16) >>> 0;
    let head = `${indent(depth)}<DicomAttribute tag="${key}" vr="${attr.vr}"`;
    const keyword = isPrivateTag(tag) ? undefined : lookupTag(tag)?.keyword;
    if (keyword) head += ` keyword="${keyword}"`;
    const creator = privateCreator(json, tag);
    if (creator !== undefined) head += ` privateCreator="${escapeXml(creator, true)}"`;
    if (attr.BulkDataURI === undefined && attr.InlineBinary === undefined && !attr.Value?.length) {
      parts.push(`${head}/>\n`);
      continue;
    }
    parts.push(`${head}>\n`);
    contentParts(attr, depth + 1, parts);
    parts.push(`${indent(depth)}</DicomAttribute>\n`);
  }
  return parts;
}

/** The Private Creator of a private data element, from the same data set (PS3.5 7.8.1). */
function privateCreator(json: DicomJson, tag: number): string | undefined {
  if (!isPrivateTag(tag) || (tag & 0xffff) < 0x1000) return undefined;
  const creator = json[tagHex(privateCreatorTag(tag))]?.Value?.[0];
  return typeof creator === 'string' ? creator : undefined;
}

function contentParts(attr: DicomJsonAttribute, depth: number, parts: Part[]): void {
  const p = indent(depth);
  if (attr.BulkDataURI !== undefined) parts.push(`${p}<BulkData uri="${escapeXml(attr.BulkDataURI, true)}"/>\n`);
  if (attr.InlineBinary !== undefined) parts.push(`${p}<InlineBinary>${attr.InlineBinary}</InlineBinary>\n`);
  attr.Value?.forEach((v, i) => {
    const number = `number="${i + 1}"`;
    if (attr.vr === 'SQ') {
      const item = v as DicomJson;
      if (Object.keys(item).length === 0) parts.push(`${p}<Item ${number}/>\n`);
      else parts.push(`${p}<Item ${number}>\n`, { json: item, depth: depth + 1 }, `${p}</Item>\n`);
    } else if (attr.vr === 'PN') {
      const groups = v ? personNameGroups(v as DicomJsonPersonName, depth + 1) : '';
      parts.push(groups ? `${p}<PersonName ${number}>\n${groups}${p}</PersonName>\n` : `${p}<PersonName ${number}/>\n`);
    } else {
      const text = valueText(attr.Value!, i, v);
      parts.push(text ? `${p}<Value ${number}>${escapeXml(text)}</Value>\n` : `${p}<Value ${number}/>\n`);
    }
  });
}

/** Numbers as the data set stored them (IS/DS) or in their shortest exact form. */
function valueText(values: DicomJsonValue[], i: number, v: DicomJsonValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return numberText(values, i) ?? String(v);
  return v as string;
}

function personNameGroups(pn: DicomJsonPersonName, depth: number): string {
  const p = indent(depth);
  const inner = indent(depth + 1);
  return COMPONENT_GROUPS.filter((g) => pn[g])
    .map((g) => {
      const components = pn[g]!.split('^')
        .map((c, k) => (c && k < NAME_COMPONENTS.length ? `${inner}<${NAME_COMPONENTS[k]}>${escapeXml(c)}</${NAME_COMPONENTS[k]}>\n` : ''))
        .join('');
      return `${p}<${g}>\n${components}${p}</${g}>\n`;
    })
    .join('');
}

/**
 * Text as XML character data: markup characters escaped, and control characters (which XML 1.0
 * cannot hold literally, e.g. the ESC of ISO 2022 text) as character references.
 */
function escapeXml(text: string, attribute = false): string {
  return text.replace(attribute ? /[&<>"\u0000-\u001f]/g : /[&<>\u0000-\u0008\u000b-\u001f]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      default: return `&#${c.charCodeAt(0)};`;
    }
  });
}
