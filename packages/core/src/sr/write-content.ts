import type { DataSet } from '../dataset.js';
import {
  CONCEPT_CODE_SEQUENCE,
  CONCEPT_NAME_CODE_SEQUENCE,
  CONTENT_SEQUENCE,
  CONTENT_TEMPLATE_SEQUENCE,
  CONTINUITY_OF_CONTENT,
  DATE,
  DATETIME,
  FLOATING_POINT_VALUE,
  GRAPHIC_DATA,
  GRAPHIC_TYPE,
  MAPPING_RESOURCE,
  MEASURED_VALUE_SEQUENCE,
  MEASUREMENT_UNITS_CODE_SEQUENCE,
  NUMERIC_VALUE,
  NUMERIC_VALUE_QUALIFIER_CODE_SEQUENCE,
  OBSERVATION_DATETIME,
  OBSERVATION_UID,
  PERSON_NAME,
  RATIONAL_DENOMINATOR_VALUE,
  RATIONAL_NUMERATOR_VALUE,
  REFERENCED_CONTENT_ITEM_IDENTIFIER,
  REFERENCED_DATETIME,
  REFERENCED_FRAME_NUMBER,
  REFERENCED_FRAME_OF_REFERENCE_UID,
  REFERENCED_SAMPLE_POSITIONS,
  REFERENCED_SEGMENT_NUMBER,
  REFERENCED_SOP_CLASS_UID,
  REFERENCED_SOP_INSTANCE_UID,
  REFERENCED_SOP_SEQUENCE,
  REFERENCED_TIME_OFFSETS,
  REFERENCED_WAVEFORM_CHANNELS,
  RELATIONSHIP_TYPE,
  TEMPLATE_IDENTIFIER,
  TEMPORAL_RANGE_TYPE,
  TEXT_VALUE,
  TIME,
  UID,
  VALUE_TYPE,
} from './attributes.js';
import { setCode } from './code.js';
import { isReference, type ContentItem, type ContentNode, type SopReference, type ValueType } from './types.js';

/** A Referenced SOP Sequence item (PS3.3 Table 10-11). */
function sopItem(ds: DataSet, r: SopReference): DataSet {
  const item = ds.createItem();
  item.set(REFERENCED_SOP_CLASS_UID, r.sopClassUID);
  item.set(REFERENCED_SOP_INSTANCE_UID, r.sopInstanceUID);
  return item;
}

/** Writes the value of each Value Type (PS3.3 C.17.3.2.1, C.18): the inverse of the reader. */
const VALUE_WRITERS: { [V in ValueType]: (ds: DataSet, item: Extract<ContentItem, { valueType: V }>) => void } = {
  TEXT: (ds, i) => ds.set(TEXT_VALUE, i.text),
  CODE: (ds, i) => setCode(ds, CONCEPT_CODE_SEQUENCE, i.code),
  NUM: (ds, i) => {
    const items: DataSet[] = [];
    if (i.measurement) {
      const m = ds.createItem();
      m.set(NUMERIC_VALUE, i.measurement.value);
      setCode(m, MEASUREMENT_UNITS_CODE_SEQUENCE, i.measurement.units);
      if (i.measurement.floatingPointValue !== undefined) m.set(FLOATING_POINT_VALUE, i.measurement.floatingPointValue);
      if (i.measurement.rational) {
        m.set(RATIONAL_NUMERATOR_VALUE, i.measurement.rational.numerator);
        m.set(RATIONAL_DENOMINATOR_VALUE, i.measurement.rational.denominator);
      }
      items.push(m);
    }
    ds.set(MEASURED_VALUE_SEQUENCE, items);
    if (i.qualifier) setCode(ds, NUMERIC_VALUE_QUALIFIER_CODE_SEQUENCE, i.qualifier);
  },
  DATETIME: (ds, i) => ds.set(DATETIME, i.dateTime),
  DATE: (ds, i) => ds.set(DATE, i.date),
  TIME: (ds, i) => ds.set(TIME, i.time),
  UIDREF: (ds, i) => ds.set(UID, i.uid),
  PNAME: (ds, i) => ds.set(PERSON_NAME, i.personName),
  COMPOSITE: (ds, i) => ds.set(REFERENCED_SOP_SEQUENCE, [sopItem(ds, i.reference)]),
  IMAGE: (ds, i) => {
    const item = sopItem(ds, i.reference);
    if (i.reference.frames?.length) item.set(REFERENCED_FRAME_NUMBER, i.reference.frames);
    if (i.reference.segments?.length) item.set(REFERENCED_SEGMENT_NUMBER, i.reference.segments);
    if (i.reference.presentationState) item.set(REFERENCED_SOP_SEQUENCE, [sopItem(item, i.reference.presentationState)]);
    ds.set(REFERENCED_SOP_SEQUENCE, [item]);
  },
  WAVEFORM: (ds, i) => {
    const item = sopItem(ds, i.reference);
    if (i.reference.channels?.length) item.set(REFERENCED_WAVEFORM_CHANNELS, i.reference.channels);
    ds.set(REFERENCED_SOP_SEQUENCE, [item]);
  },
  SCOORD: (ds, i) => {
    ds.set(GRAPHIC_TYPE, i.graphicType);
    ds.set(GRAPHIC_DATA, i.graphicData);
  },
  SCOORD3D: (ds, i) => {
    ds.set(GRAPHIC_TYPE, i.graphicType);
    ds.set(GRAPHIC_DATA, i.graphicData);
    ds.set(REFERENCED_FRAME_OF_REFERENCE_UID, i.frameOfReferenceUID);
  },
  TCOORD: (ds, i) => {
    ds.set(TEMPORAL_RANGE_TYPE, i.temporalRangeType);
    if (i.samplePositions) ds.set(REFERENCED_SAMPLE_POSITIONS, i.samplePositions);
    if (i.timeOffsets) ds.set(REFERENCED_TIME_OFFSETS, i.timeOffsets);
    if (i.dateTimes) ds.set(REFERENCED_DATETIME, i.dateTimes);
  },
  CONTAINER: (ds, i) => {
    ds.set(CONTINUITY_OF_CONTENT, i.continuity);
    if (i.template) {
      const t = ds.createItem();
      t.set(MAPPING_RESOURCE, i.template.mappingResource);
      t.set(TEMPLATE_IDENTIFIER, i.template.identifier);
      ds.set(CONTENT_TEMPLATE_SEQUENCE, [t]);
    }
  },
};

/** The attributes of one content item or by-reference relationship, without its children. */
function writeNode(ds: DataSet, node: ContentNode): void {
  if (node.relationship) ds.set(RELATIONSHIP_TYPE, node.relationship);
  if (isReference(node)) {
    ds.set(REFERENCED_CONTENT_ITEM_IDENTIFIER, node.referencedContentItem);
    return;
  }
  ds.set(VALUE_TYPE, node.valueType);
  if (node.conceptName) setCode(ds, CONCEPT_NAME_CODE_SEQUENCE, node.conceptName);
  if (node.observationDateTime) ds.set(OBSERVATION_DATETIME, node.observationDateTime);
  if (node.observationUID) ds.set(OBSERVATION_UID, node.observationUID);
  (VALUE_WRITERS[node.valueType] as (ds: DataSet, item: ContentItem) => void)(ds, node);
}

/**
 * Writes a content tree into `ds` (the root content item's attributes go into the document data set,
 * PS3.3 C.17.3), children as Content Sequence items, with an explicit stack for any depth.
 */
export function writeContentTree(ds: DataSet, root: ContentItem): void {
  const stack: { ds: DataSet; node: ContentNode }[] = [{ ds, node: root }];
  while (stack.length > 0) {
    const { ds: target, node } = stack.pop()!;
    writeNode(target, node);
    const children = isReference(node) ? [] : (node.children ?? []);
    if (children.length === 0) continue;
    const items = children.map((child) => {
      const item = target.createItem();
      stack.push({ ds: item, node: child });
      return item;
    });
    target.set(CONTENT_SEQUENCE, items);
  }
}
