import { lookupTag } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import { DicomParseError } from '../errors.js';
import { isPrivateCreator, isPrivateTag, tagHex } from '../tag.js';
import { fromDicomJson } from '../json/from-json.js';
import type { DicomJson, DicomJsonAttribute, DicomJsonPersonName, DicomJsonValue } from '../json/model.js';
import { COMPONENT_GROUPS } from '../json/person-name.js';
import { NAME_COMPONENTS } from './to-xml.js';
import { parseXml, type XmlElement } from './xml-reader.js';

const SOURCE = 'Native DICOM Model';
const TAG = /^[0-9A-Fa-f]{8}$/;
/** "SingleByte" is the Alphabetic group's name in PS3.19 editions before 2011, still written by DCMTK. */
const GROUP_NAMES: Record<string, (typeof COMPONENT_GROUPS)[number]> = { Alphabetic: 'Alphabetic', SingleByte: 'Alphabetic', Ideographic: 'Ideographic', Phonetic: 'Phonetic' };

/**
 * A data set from the Native DICOM Model (PS3.19 A.1), typed as fromDicomJson types them: a Value
 * element's text is read by the attribute's VR, an empty or missing numbered value is an empty
 * value, BulkData keeps its uri as `element.bulkDataURI` (a uuid as "urn:uuid:..."). A missing vr
 * is taken from the data dictionary.
 */
export function fromDicomXml(text: string): DataSet {
  const root = parseXml(text, SOURCE);
  if (root.name !== 'NativeDicomModel') throw fail(`a NativeDicomModel root element, found <${root.name}>`, root);
  const json: DicomJson = {};
  // Data sets are read from an explicit stack, each before its items: any nesting depth reads.
  const stack: DataSetAt[] = [{ parent: root, json }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const items = dataSetJson(next);
    // The items go on the stack last first, so that the first is read next.
    for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]!);
  }
  return fromDicomJson(json);
}

const fail = (expected: string, at: XmlElement) => new DicomParseError(expected, { source: SOURCE, offset: at.offset });

/** The element of a data set (NativeDicomModel or Item) and the DICOM JSON object it is read into. */
interface DataSetAt {
  parent: XmlElement;
  json: DicomJson;
}

/** Reads the DicomAttribute elements of a data set into its object; returns its items, still to be read. */
function dataSetJson({ parent, json }: DataSetAt): DataSetAt[] {
  const items: DataSetAt[] = [];
  const blocks = privateBlocks(parent);
  for (const el of parent.children) {
    if (el.name !== 'DicomAttribute') throw fail(`a DicomAttribute element, found <${el.name}>`, el);
    const text = el.attributes['tag'];
    if (!text || !TAG.test(text)) throw fail('a tag attribute of 8 hex digits', el);
    let tag = parseInt(text, 16) >>> 0;
    const vr = el.attributes['vr'] ?? lookupTag(tag)?.vr;
    if (!vr) throw fail(`a vr attribute for ${text}`, el);
    // A private data element written without its block (gggg00ee, as DCMTK writes it) gets the
    // block its privateCreator reserved: (gggg,00xx) reserves gggg,xx00-xxFF (PS3.5 7.8.1).
    const creator = el.attributes['privateCreator'];
    const block = creator === undefined ? undefined : blocks.get(`${tag >>> 16}:${creator.trim()}`);
    if (block !== undefined && isPrivateTag(tag) && (tag & 0xff00) === 0) tag = ((tag & 0xffff00ff) | (block << 8)) >>> 0;
    json[tagHex(tag)] = attributeJson(el, vr, items);
  }
  return items;
}

/** The Private Creators of a data set: "group:creator" to block number (gggg,00xx reserves xx). */
function privateBlocks(parent: XmlElement): Map<string, number> {
  const blocks = new Map<string, number>();
  for (const el of parent.children) {
    const tag = parseInt(el.attributes['tag'] ?? '', 16) >>> 0;
    if (!isPrivateCreator(tag) || el.attributes['privateCreator'] !== undefined) continue;
    const creator = el.children.find((c) => c.name === 'Value')?.text;
    if (creator !== undefined) blocks.set(`${tag >>> 16}:${creator.trim()}`, tag & 0xff);
  }
  return blocks;
}

/** An attribute; the objects of its items are left empty and added to `items`. */
function attributeJson(el: XmlElement, vr: string, items: DataSetAt[]): DicomJsonAttribute {
  const attr: DicomJsonAttribute = { vr };
  const values: DicomJsonValue[] = [];
  for (const child of el.children) {
    switch (child.name) {
      case 'Value':
        values[position(child)] = child.text === '' ? null : child.text;
        break;
      case 'PersonName':
        values[position(child)] = personNameJson(child);
        break;
      case 'Item': {
        const item: DicomJson = {};
        values[position(child)] = item;
        items.push({ parent: child, json: item });
        break;
      }
      case 'InlineBinary':
        attr.InlineBinary = child.text;
        break;
      case 'BulkData': {
        const { uri, uuid } = child.attributes;
        if (uri === undefined && uuid === undefined) throw fail('a uri or uuid attribute on BulkData', child);
        attr.BulkDataURI = uri ?? `urn:uuid:${uuid}`;
        break;
      }
      default:
        throw fail(`Value, PersonName, Item, InlineBinary or BulkData, found <${child.name}>`, child);
    }
  }
  // Numbers missing from 1..n are empty values.
  if (values.length) attr.Value = Array.from(values, (v) => v ?? null);
  return attr;
}

/** The 0-based index of a numbered element (number="1" first). */
function position(el: XmlElement): number {
  const n = Number(el.attributes['number']);
  if (!Number.isInteger(n) || n < 1) throw fail(`a number attribute of 1 or more on <${el.name}>`, el);
  return n - 1;
}

function personNameJson(el: XmlElement): DicomJsonPersonName | null {
  const pn: DicomJsonPersonName = {};
  for (const group of el.children) {
    const name = GROUP_NAMES[group.name];
    if (!name) throw fail(`Alphabetic, Ideographic or Phonetic, found <${group.name}>`, group);
    const components = NAME_COMPONENTS.map((c) => group.children.find((x) => x.name === c)?.text ?? '');
    while (components.length && components.at(-1) === '') components.pop();
    if (components.length) pn[name] = components.join('^');
  }
  return Object.keys(pn).length ? pn : null;
}
