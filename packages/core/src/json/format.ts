import { floatText } from './float-text.js';
import type { DicomJson, DicomJsonAttribute, DicomJsonPersonName, DicomJsonValue } from './model.js';
import { numberText } from './number-string.js';
import { COMPONENT_GROUPS } from './person-name.js';

const pad = (depth: number) => '  '.repeat(depth);

/**
 * DICOM JSON text in dcm2json's layout: two-space indentation, attributes in tag order, FL/FD
 * with dcm2json's digits, IS/DS numbers as stored (when the object came from toDicomJson), a final newline.
 */
export function formatDicomJson(json: DicomJson): string {
  const out: string[] = [];
  writeDataSet(json, 0, out);
  out.push('\n');
  return out.join('');
}

function writeDataSet(json: DicomJson, depth: number, out: string[]): void {
  // Keys are fixed-width uppercase hex, so text order is tag order.
  const keys = Object.keys(json).sort();
  if (!keys.length) {
    out.push('{}');
    return;
  }
  out.push('{\n');
  keys.forEach((key, i) => {
    out.push(`${i ? ',\n' : ''}${pad(depth + 1)}${JSON.stringify(key)}: `);
    writeAttribute(json[key]!, depth + 1, out);
  });
  out.push(`\n${pad(depth)}}`);
}

function writeAttribute(attr: DicomJsonAttribute, depth: number, out: string[]): void {
  const inner = pad(depth + 1);
  out.push(`{\n${inner}"vr": ${JSON.stringify(attr.vr)}`);
  if (attr.Value) {
    out.push(`,\n${inner}"Value": [\n`);
    attr.Value.forEach((v, i) => {
      out.push(`${i ? ',\n' : ''}${pad(depth + 2)}`);
      writeValue(attr, attr.Value!, i, v, depth + 2, out);
    });
    out.push(`\n${inner}]`);
  }
  if (attr.InlineBinary !== undefined) out.push(`,\n${inner}"InlineBinary": ${JSON.stringify(attr.InlineBinary)}`);
  if (attr.BulkDataURI !== undefined) out.push(`,\n${inner}"BulkDataURI": ${JSON.stringify(attr.BulkDataURI)}`);
  out.push(`\n${pad(depth)}}`);
}

function writeValue(attr: DicomJsonAttribute, values: DicomJsonValue[], i: number, v: DicomJsonValue, depth: number, out: string[]): void {
  if (typeof v === 'number') {
    out.push(numberValueText(attr.vr, values, i, v));
  } else if (v !== null && typeof v === 'object') {
    if (attr.vr === 'PN') writePersonName(v as DicomJsonPersonName, depth, out);
    else writeDataSet(v as DicomJson, depth, out);
  } else {
    out.push(JSON.stringify(v));
  }
}

function numberValueText(vr: string, values: DicomJsonValue[], i: number, v: number): string {
  if (vr === 'FL') return floatText(v, 9);
  if (vr === 'FD') return floatText(v, 17);
  return numberText(values, i) ?? JSON.stringify(v);
}

function writePersonName(pn: DicomJsonPersonName, depth: number, out: string[]): void {
  const groups = COMPONENT_GROUPS.filter((g) => pn[g] !== undefined);
  if (!groups.length) {
    out.push('{}');
    return;
  }
  out.push(`{\n${groups.map((g) => `${pad(depth + 1)}"${g}": ${JSON.stringify(pn[g])}`).join(',\n')}\n${pad(depth)}}`);
}
