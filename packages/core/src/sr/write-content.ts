import type { DataSet } from '../dataset.js';
import * as SR from './attributes.js';
import { setCode } from './code.js';
import { isReference, type ContentItem, type ContentNode, type SopReference, type ValueType } from './types.js';

/** A Referenced SOP Sequence item (PS3.3 Table 10-11). */
function sopItem(ds: DataSet, r: SopReference): DataSet {
  const item = ds.createItem();
  item.set(SR.REFERENCED_SOP_CLASS_UID, r.sopClassUID);
  item.set(SR.REFERENCED_SOP_INSTANCE_UID, r.sopInstanceUID);
  return item;
}

/** Writes the value of each Value Type (PS3.3 C.17.3.2.1, C.18): the inverse of the reader. */
const VALUE_WRITERS: { [V in ValueType]: (ds: DataSet, item: Extract<ContentItem, { valueType: V }>) => void } = {
  TEXT: (ds, i) => ds.set(SR.TEXT_VALUE, i.text),
  CODE: (ds, i) => setCode(ds, SR.CONCEPT_CODE_SEQUENCE, i.code),
  NUM: (ds, i) => {
    const items: DataSet[] = [];
    if (i.measurement) {
      const m = ds.createItem();
      m.set(SR.NUMERIC_VALUE, i.measurement.value);
      setCode(m, SR.MEASUREMENT_UNITS_CODE_SEQUENCE, i.measurement.units);
      if (i.measurement.floatingPointValue !== undefined) m.set(SR.FLOATING_POINT_VALUE, i.measurement.floatingPointValue);
      if (i.measurement.rational) {
        m.set(SR.RATIONAL_NUMERATOR_VALUE, i.measurement.rational.numerator);
        m.set(SR.RATIONAL_DENOMINATOR_VALUE, i.measurement.rational.denominator);
      }
      items.push(m);
    }
    ds.set(SR.MEASURED_VALUE_SEQUENCE, items);
    if (i.qualifier) setCode(ds, SR.NUMERIC_VALUE_QUALIFIER_CODE_SEQUENCE, i.qualifier);
  },
  DATETIME: (ds, i) => ds.set(SR.DATETIME, i.dateTime),
  DATE: (ds, i) => ds.set(SR.DATE, i.date),
  TIME: (ds, i) => ds.set(SR.TIME, i.time),
  UIDREF: (ds, i) => ds.set(SR.UID, i.uid),
  PNAME: (ds, i) => ds.set(SR.PERSON_NAME, i.personName),
  COMPOSITE: (ds, i) => ds.set(SR.REFERENCED_SOP_SEQUENCE, [sopItem(ds, i.reference)]),
  IMAGE: (ds, i) => {
    const item = sopItem(ds, i.reference);
    if (i.reference.frames?.length) item.set(SR.REFERENCED_FRAME_NUMBER, i.reference.frames);
    if (i.reference.segments?.length) item.set(SR.REFERENCED_SEGMENT_NUMBER, i.reference.segments);
    if (i.reference.presentationState) item.set(SR.REFERENCED_SOP_SEQUENCE, [sopItem(item, i.reference.presentationState)]);
    ds.set(SR.REFERENCED_SOP_SEQUENCE, [item]);
  },
  WAVEFORM: (ds, i) => {
    const item = sopItem(ds, i.reference);
    if (i.reference.channels?.length) item.set(SR.REFERENCED_WAVEFORM_CHANNELS, i.reference.channels);
    ds.set(SR.REFERENCED_SOP_SEQUENCE, [item]);
  },
  SCOORD: (ds, i) => {
    ds.set(SR.GRAPHIC_TYPE, i.graphicType);
    ds.set(SR.GRAPHIC_DATA, i.graphicData);
  },
  SCOORD3D: (ds, i) => {
    ds.set(SR.GRAPHIC_TYPE, i.graphicType);
    ds.set(SR.GRAPHIC_DATA, i.graphicData);
    ds.set(SR.REFERENCED_FRAME_OF_REFERENCE_UID, i.frameOfReferenceUID);
  },
  TCOORD: (ds, i) => {
    ds.set(SR.TEMPORAL_RANGE_TYPE, i.temporalRangeType);
    if (i.samplePositions) ds.set(SR.REFERENCED_SAMPLE_POSITIONS, i.samplePositions);
    if (i.timeOffsets) ds.set(SR.REFERENCED_TIME_OFFSETS, i.timeOffsets);
    if (i.dateTimes) ds.set(SR.REFERENCED_DATETIME, i.dateTimes);
  },
  CONTAINER: (ds, i) => {
    ds.set(SR.CONTINUITY_OF_CONTENT, i.continuity);
    if (i.template) {
      const t = ds.createItem();
      t.set(SR.MAPPING_RESOURCE, i.template.mappingResource);
      t.set(SR.TEMPLATE_IDENTIFIER, i.template.identifier);
      ds.set(SR.CONTENT_TEMPLATE_SEQUENCE, [t]);
    }
  },
};

/** The attributes of one content item or by-reference relationship, without its children. */
function writeNode(ds: DataSet, node: ContentNode): void {
  if (node.relationship) ds.set(SR.RELATIONSHIP_TYPE, node.relationship);
  if (isReference(node)) {
    ds.set(SR.REFERENCED_CONTENT_ITEM_IDENTIFIER, node.referencedContentItem);
    return;
  }
  ds.set(SR.VALUE_TYPE, node.valueType);
  if (node.conceptName) setCode(ds, SR.CONCEPT_NAME_CODE_SEQUENCE, node.conceptName);
  if (node.observationDateTime) ds.set(SR.OBSERVATION_DATETIME, node.observationDateTime);
  if (node.observationUID) ds.set(SR.OBSERVATION_UID, node.observationUID);
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
    target.set(SR.CONTENT_SEQUENCE, items);
  }
}
