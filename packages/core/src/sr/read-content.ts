import type { DataSet } from '../dataset.js';
import * as SR from './attributes.js';
import { readCode } from './code.js';
import { StructuredReportError } from './error.js';
import {
  RELATIONSHIP_TYPES,
  isReference,
  type Code,
  type ContainerItem,
  type ContentItem,
  type ContentNode,
  type ContentReference,
  type ImageItem,
  type Measurement,
  type RelationshipType,
  type SopReference,
  type ValueType,
} from './types.js';

/** A value as stored, trailing padding removed; undefined when absent. */
const textOf = (ds: DataSet, tag: number): string | undefined => {
  const t = ds.getText(tag);
  return t === undefined ? undefined : t.replace(/[\0 ]+$/, '');
};

/** A Type 1 value: present and not empty. */
function required(ds: DataSet, tag: number, path: string): string {
  const t = textOf(ds, tag);
  if (t === undefined) throw new StructuredReportError(SR.attributeName(tag), path, 'missing');
  if (t === '') throw new StructuredReportError(SR.attributeName(tag), path, 'empty');
  return t;
}

/** The numbers of a multi-valued element (IS, DS, UL, US, FL ...), checked to be numbers. */
function numbers(ds: DataSet, tag: number, path: string): number[] | undefined {
  if (!ds.has(tag)) return undefined;
  const values = ds.getNumbers(tag);
  if (values.some((n) => Number.isNaN(n))) throw new StructuredReportError(SR.attributeName(tag), path, `holds a value that is not a number: '${ds.getText(tag) ?? ''}'`);
  return values;
}

function requiredNumbers(ds: DataSet, tag: number, path: string): number[] {
  const values = numbers(ds, tag, path);
  if (values === undefined) throw new StructuredReportError(SR.attributeName(tag), path, 'missing');
  if (values.length === 0) throw new StructuredReportError(SR.attributeName(tag), path, 'empty');
  return values;
}

function requiredItem(ds: DataSet, sequence: number, path: string): DataSet {
  if (!ds.has(sequence)) throw new StructuredReportError(SR.attributeName(sequence), path, 'missing');
  const item = ds.items(sequence)[0];
  if (!item) throw new StructuredReportError(SR.attributeName(sequence), path, 'has no item');
  return item;
}

function requiredCode(ds: DataSet, sequence: number, path: string): Code {
  const c = readCode(ds, sequence, path);
  if (!c) throw new StructuredReportError(SR.attributeName(sequence), path, ds.has(sequence) ? 'has no item' : 'missing');
  return c;
}

/** The SOP Instance Reference Macro in a Referenced SOP Sequence item (PS3.3 Table 10-11). */
const sopReference = (item: DataSet, path: string): SopReference => ({
  sopClassUID: required(item, SR.REFERENCED_SOP_CLASS_UID, path),
  sopInstanceUID: required(item, SR.REFERENCED_SOP_INSTANCE_UID, path),
});

function imageReference(ds: DataSet, path: string): ImageItem['reference'] {
  const item = requiredItem(ds, SR.REFERENCED_SOP_SEQUENCE, path);
  const reference: ImageItem['reference'] = sopReference(item, path);
  const frames = numbers(item, SR.REFERENCED_FRAME_NUMBER, path);
  if (frames?.length) reference.frames = frames;
  const segments = numbers(item, SR.REFERENCED_SEGMENT_NUMBER, path);
  if (segments?.length) reference.segments = segments;
  // The Softcopy Presentation State to apply (PS3.3 Table C.18.4-1).
  const state = item.items(SR.REFERENCED_SOP_SEQUENCE)[0];
  if (state) reference.presentationState = sopReference(state, path);
  return reference;
}

function measurement(ds: DataSet, path: string): Measurement | undefined {
  const item = ds.items(SR.MEASURED_VALUE_SEQUENCE)[0];
  if (!item) return undefined;
  const m: Measurement = { value: required(item, SR.NUMERIC_VALUE, path), units: requiredCode(item, SR.MEASUREMENT_UNITS_CODE_SEQUENCE, path) };
  const fp = item.getNumber(SR.FLOATING_POINT_VALUE);
  if (fp !== undefined) m.floatingPointValue = fp;
  const numerator = item.getNumber(SR.RATIONAL_NUMERATOR_VALUE);
  const denominator = item.getNumber(SR.RATIONAL_DENOMINATOR_VALUE);
  if (numerator !== undefined && denominator !== undefined) m.rational = { numerator, denominator };
  return m;
}

function continuity(ds: DataSet, path: string): ContainerItem['continuity'] {
  const c = required(ds, SR.CONTINUITY_OF_CONTENT, path);
  if (c !== 'SEPARATE' && c !== 'CONTINUOUS') throw new StructuredReportError(SR.attributeName(SR.CONTINUITY_OF_CONTENT), path, `'${c}' is neither SEPARATE nor CONTINUOUS`);
  return c;
}

function template(ds: DataSet, path: string): ContainerItem['template'] {
  const item = ds.items(SR.CONTENT_TEMPLATE_SEQUENCE)[0];
  if (!item) return undefined;
  return { mappingResource: required(item, SR.MAPPING_RESOURCE, path), identifier: required(item, SR.TEMPLATE_IDENTIFIER, path) };
}

type ValueOf<V extends ValueType> = Omit<Extract<ContentItem, { valueType: V }>, 'valueType' | keyof ContentReference | 'conceptName' | 'observationDateTime' | 'observationUID' | 'children'>;

/** The value of each Value Type (PS3.3 C.17.3.2.1, C.18). */
const VALUE_READERS: { [V in ValueType]: (ds: DataSet, path: string) => ValueOf<V> } = {
  TEXT: (ds, path) => ({ text: required(ds, SR.TEXT_VALUE, path) }),
  CODE: (ds, path) => ({ code: requiredCode(ds, SR.CONCEPT_CODE_SEQUENCE, path) }),
  NUM: (ds, path) => {
    if (!ds.has(SR.MEASURED_VALUE_SEQUENCE)) throw new StructuredReportError(SR.attributeName(SR.MEASURED_VALUE_SEQUENCE), path, 'missing');
    const m = measurement(ds, path);
    const qualifier = readCode(ds, SR.NUMERIC_VALUE_QUALIFIER_CODE_SEQUENCE, path);
    return { ...(m && { measurement: m }), ...(qualifier && { qualifier }) };
  },
  DATETIME: (ds, path) => ({ dateTime: required(ds, SR.DATETIME, path) }),
  DATE: (ds, path) => ({ date: required(ds, SR.DATE, path) }),
  TIME: (ds, path) => ({ time: required(ds, SR.TIME, path) }),
  UIDREF: (ds, path) => ({ uid: required(ds, SR.UID, path) }),
  PNAME: (ds, path) => ({ personName: required(ds, SR.PERSON_NAME, path) }),
  COMPOSITE: (ds, path) => ({ reference: sopReference(requiredItem(ds, SR.REFERENCED_SOP_SEQUENCE, path), path) }),
  IMAGE: (ds, path) => ({ reference: imageReference(ds, path) }),
  WAVEFORM: (ds, path) => {
    const item = requiredItem(ds, SR.REFERENCED_SOP_SEQUENCE, path);
    const channels = numbers(item, SR.REFERENCED_WAVEFORM_CHANNELS, path);
    return { reference: { ...sopReference(item, path), ...(channels?.length && { channels }) } };
  },
  SCOORD: (ds, path) => ({ graphicType: required(ds, SR.GRAPHIC_TYPE, path), graphicData: requiredNumbers(ds, SR.GRAPHIC_DATA, path) }),
  SCOORD3D: (ds, path) => ({
    graphicType: required(ds, SR.GRAPHIC_TYPE, path),
    graphicData: requiredNumbers(ds, SR.GRAPHIC_DATA, path),
    frameOfReferenceUID: required(ds, SR.REFERENCED_FRAME_OF_REFERENCE_UID, path),
  }),
  TCOORD: (ds, path) => {
    const samplePositions = numbers(ds, SR.REFERENCED_SAMPLE_POSITIONS, path);
    const timeOffsets = numbers(ds, SR.REFERENCED_TIME_OFFSETS, path);
    const dateTimes = ds.has(SR.REFERENCED_DATETIME) ? ds.getStrings(SR.REFERENCED_DATETIME) : undefined;
    // Exactly one of the three references the samples (PS3.3 C.18.7).
    if (!samplePositions && !timeOffsets && !dateTimes) {
      throw new StructuredReportError(`${SR.attributeName(SR.REFERENCED_SAMPLE_POSITIONS)}, ${SR.attributeName(SR.REFERENCED_TIME_OFFSETS)} or ${SR.attributeName(SR.REFERENCED_DATETIME)}`, path, 'missing');
    }
    return { temporalRangeType: required(ds, SR.TEMPORAL_RANGE_TYPE, path), ...(samplePositions && { samplePositions }), ...(timeOffsets && { timeOffsets }), ...(dateTimes && { dateTimes }) };
  },
  CONTAINER: (ds, path) => {
    const t = template(ds, path);
    return { continuity: continuity(ds, path), ...(t && { template: t }) };
  },
};

const isValueType = (v: string): v is ValueType => Object.hasOwn(VALUE_READERS, v);

/** Value Types whose items must name their concept (PS3.3 Table C.17-5, Concept Name Code Sequence). */
const NAMED = new Set<ValueType>(['TEXT', 'NUM', 'CODE', 'DATETIME', 'DATE', 'TIME', 'UIDREF', 'PNAME']);

function relationship(ds: DataSet, path: string): RelationshipType {
  const r = required(ds, SR.RELATIONSHIP_TYPE, path);
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(r)) throw new StructuredReportError(SR.attributeName(SR.RELATIONSHIP_TYPE), path, `'${r}' is not a Relationship Type`);
  return r as RelationshipType;
}

/** One content item, or a by-reference relationship (PS3.3 C.17.3.2.5), without its children. */
function readNode(ds: DataSet, path: string, root: boolean): ContentNode {
  const rel = root ? undefined : relationship(ds, path);
  if (rel && !ds.has(SR.VALUE_TYPE) && ds.has(SR.REFERENCED_CONTENT_ITEM_IDENTIFIER)) {
    const referencedContentItem = requiredNumbers(ds, SR.REFERENCED_CONTENT_ITEM_IDENTIFIER, path);
    return { path, relationship: rel, referencedContentItem };
  }
  const valueType = required(ds, SR.VALUE_TYPE, path);
  if (!isValueType(valueType)) throw new StructuredReportError(SR.attributeName(SR.VALUE_TYPE), path, `'${valueType}' is not a Value Type`);
  const conceptName = readCode(ds, SR.CONCEPT_NAME_CODE_SEQUENCE, path);
  if (!conceptName && (root || NAMED.has(valueType))) throw new StructuredReportError(SR.attributeName(SR.CONCEPT_NAME_CODE_SEQUENCE), path, 'missing');
  const observationDateTime = textOf(ds, SR.OBSERVATION_DATETIME);
  const observationUID = textOf(ds, SR.OBSERVATION_UID);
  return {
    path,
    ...(rel && { relationship: rel }),
    valueType,
    ...(conceptName && { conceptName }),
    ...(observationDateTime && { observationDateTime }),
    ...(observationUID && { observationUID }),
    ...VALUE_READERS[valueType](ds, path),
  } as ContentItem;
}

/**
 * The content tree under a root content item (PS3.3 C.17.3), read with an explicit stack so that any
 * depth of nesting is safe. By-reference relationships must name an item of the tree.
 */
export function readContentTree(rootItem: DataSet): ContainerItem {
  // The root content item is a CONTAINER (PS3.3 C.17.3).
  const rootType = required(rootItem, SR.VALUE_TYPE, '1');
  if (rootType !== 'CONTAINER') throw new StructuredReportError(SR.attributeName(SR.VALUE_TYPE), '1', `is ${rootType}: the root content item is a CONTAINER`);
  const root = readNode(rootItem, '1', true) as ContainerItem;
  const paths = new Set<string>(['1']);
  const references: ContentReference[] = [];
  const stack: { ds: DataSet; node: ContentItem }[] = [{ ds: rootItem, node: root }];
  while (stack.length > 0) {
    const { ds, node } = stack.pop()!;
    const items = ds.items(SR.CONTENT_SEQUENCE);
    if (items.length === 0) continue;
    node.children = items.map((item, i) => {
      const child = readNode(item, `${node.path}.${i + 1}`, false);
      paths.add(child.path!);
      if (isReference(child)) references.push(child);
      else stack.push({ ds: item, node: child });
      return child;
    });
  }
  for (const r of references) {
    if (!paths.has(r.referencedContentItem.join('.'))) {
      throw new StructuredReportError(SR.attributeName(SR.REFERENCED_CONTENT_ITEM_IDENTIFIER), r.path!, `names ${r.referencedContentItem.join('.')}, which is not an item of the tree`);
    }
  }
  return root;
}
