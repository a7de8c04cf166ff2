import { floatText } from './float-text.js';
import type { DicomJson, DicomJsonAttribute, DicomJsonPersonName, DicomJsonValue } from './model.js';
import { writeNested } from './nested-text.js';
import { numberText } from './number-string.js';
import { COMPONENT_GROUPS } from './person-name.js';
import { indent } from '../indent.js';


/** A data set to write at an indentation depth. */
interface DataSetAt {
  json: DicomJson;
  depth: number;
}
type Part = string | DataSetAt;

/**
 * DICOM JSON text in dcm2json's layout: two-space indentation, attributes in tag order, FL/FD
 * with dcm2json's digits, IS/DS numbers as stored (when the object came from toDicomJson), a final newline.
 */
export function formatDicomJson(json: DicomJson): string {
  return `${writeNested<DataSetAt>({ json, depth: 0 }, dataSetParts)}\n`;
}

/** A data set's text; those of its items are nested parts. */
function dataSetParts({ json, depth }: DataSetAt): Part[] {
  // Keys are fixed-width uppercase hex, so text order is tag order.
  const keys = Object.keys(json).sort();
  if (!keys.length) return ['{}'];
  const parts: Part[] = ['{\n'];
  keys.forEach((key, i) => {
    parts.push(`${i ? ',\n' : ''}${indent(depth + 1)}${JSON.stringify(key)}: `);
    attributeParts(json[key]!, depth + 1, parts);
  });
  parts.push(`\n${indent(depth)}}`);
  return parts;
}

function attributeParts(attr: DicomJsonAttribute, depth: number, parts: Part[]): void {
  const inner = indent(depth + 1);
  parts.push(`{\n${inner}"vr": ${JSON.stringify(attr.vr)}`);
  if (attr.Value) {
    parts.push(`,\n${inner}"Value": [\n`);
    attr.Value.forEach((v, i) => {
      parts.push(`${i ? ',\n' : ''}${indent(depth + 2)}`);
      valueParts(attr, attr.Value!, i, v, depth + 2, parts);
    });
    parts.push(`\n${inner}]`);
  }
  if (attr.InlineBinary !== undefined) parts.push(`,\n${inner}"InlineBinary": ${JSON.stringify(attr.InlineBinary)}`);
  if (attr.BulkDataURI !== undefined) parts.push(`,\n${inner}"BulkDataURI": ${JSON.stringify(attr.BulkDataURI)}`);
  parts.push(`\n${indent(depth)}}`);
}

function valueParts(attr: DicomJsonAttribute, values: DicomJsonValue[], i: number, v: DicomJsonValue, depth: number, parts: Part[]): void {
  if (typeof v === 'number') {
    parts.push(numberValueText(attr.vr, values, i, v));
  } else if (v !== null && typeof v === 'object') {
    if (attr.vr === 'PN') parts.push(personNameText(v as DicomJsonPersonName, depth));
    else parts.push({ json: v as DicomJson, depth });
  } else {
    parts.push(JSON.stringify(v));
  }
}

function numberValueText(vr: string, values: DicomJsonValue[], i: number, v: number): string {
  if (vr === 'FL') return floatText(v, 9);
  if (vr === 'FD') return floatText(v, 17);
  return numberText(values, i) ?? JSON.stringify(v);
}

function personNameText(pn: DicomJsonPersonName, depth: number): string {
  const groups = COMPONENT_GROUPS.filter((g) => pn[g] !== undefined);
  if (!groups.length) return '{}';
  return `{\n${groups.map((g) => `${indent(depth + 1)}"${g}": ${JSON.stringify(pn[g])}`).join(',\n')}\n${indent(depth)}}`;
}
