import { lookupUid } from '@dcmkit/dictionary';
import { formatCode } from './code.js';
import type { StructuredReport } from './read.js';
import { isReference, type ContentItem, type ContentNode, type SopReference } from './types.js';
import { indent } from '../indent.js';

export interface FormatOptions {
  /** Print long text values and all coordinates instead of shortening them with "...". */
  long?: boolean;
}

/** Characters of a value printed before it is shortened with "...". */
const SHORT_TEXT = 40;

/** A value in quotes with control characters escaped, as dsrdump prints them. */
function quoted(value: string, opts: FormatOptions): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/"/g, '\\"');
  return `"${!opts.long && escaped.length > SHORT_TEXT ? `${escaped.slice(0, SHORT_TEXT - 3)}...` : escaped}"`;
}

/** An SOP Class by its registry keyword ("CTImageStorage"), else its UID. */
const sopClass = (uid: string) => lookupUid(uid)?.keyword || uid;
const reference = (r: SopReference, extra: string[] = []) => `(${[sopClass(r.sopClassUID), r.sopInstanceUID, ...extra].join(',')})`;

/** Groups of `size` numbers joined by "/" ("0/0,10/10"), all of them or the first and "..." */
function points(data: readonly (number | string)[], size: number, opts: FormatOptions): string {
  const groups: string[] = [];
  for (let i = 0; i < data.length; i += size) groups.push(data.slice(i, i + size).join('/'));
  return !opts.long && groups.length > 1 ? `${groups[0]},...` : groups.join(',');
}

function valueText(item: ContentItem, opts: FormatOptions): string {
  switch (item.valueType) {
    case 'TEXT':
      return quoted(item.text, opts);
    case 'CODE':
      return formatCode(item.code);
    case 'NUM': {
      const m = item.measurement;
      const value = m ? `${quoted(m.value, opts)} ${formatCode(m.units)}` : '<no value>';
      return item.qualifier ? `${value} ${formatCode(item.qualifier)}` : value;
    }
    case 'DATETIME':
      return quoted(item.dateTime, opts);
    case 'DATE':
      return quoted(item.date, opts);
    case 'TIME':
      return quoted(item.time, opts);
    case 'UIDREF':
      return quoted(item.uid, opts);
    case 'PNAME':
      return quoted(item.personName, opts);
    case 'COMPOSITE':
      return reference(item.reference);
    case 'IMAGE': {
      const r = item.reference;
      const extra = [...(r.frames ? [`frames ${r.frames.join('/')}`] : []), ...(r.segments ? [`segments ${r.segments.join('/')}`] : [])];
      return reference(r, extra) + (r.presentationState ? `,${reference(r.presentationState)}` : '');
    }
    case 'WAVEFORM':
      return reference(item.reference, item.reference.channels ? [points(item.reference.channels, 2, { long: true })] : []);
    case 'SCOORD':
      return `(${item.graphicType},${points(item.graphicData, 2, opts)})`;
    case 'SCOORD3D':
      return `(${item.graphicType},${points(item.graphicData, 3, opts)},${item.frameOfReferenceUID})`;
    case 'TCOORD': {
      const at = item.samplePositions ?? item.timeOffsets ?? item.dateTimes ?? [];
      return `(${item.temporalRangeType},${points(at, 1, opts)})`;
    }
    case 'CONTAINER':
      return item.continuity;
  }
}

/** One line of the tree: <has properties NUM:(code)="3" (units)> {observation date/time}. */
export function formatContentNode(node: ContentNode, opts: FormatOptions = {}): string {
  const rel = node.relationship ? `${node.relationship.toLowerCase()} ` : '';
  if (isReference(node)) return `<${rel}${node.referencedContentItem.join('.')}>`;
  const concept = node.conceptName ? formatCode(node.conceptName) : '';
  const line = `<${rel}${node.valueType}:${concept}=${valueText(node, opts)}>`;
  return node.observationDateTime ? `${line} {${node.observationDateTime}}` : line;
}

const label = (name: string) => `${name.padEnd(20)}: `;
const INDENT = ' '.repeat(22);

/** The document header, as dsrdump prints it. */
function header(report: StructuredReport): string[] {
  const lines = [report.documentType.endsWith('Document') ? report.documentType : `${report.documentType} Document`, ''];
  lines.push(label('Patient') + [report.patient.name, report.patient.sex && `(${report.patient.sex})`, report.patient.id && `#${report.patient.id}`].filter(Boolean).join(' '));
  lines.push(label('Study') + (report.study.description || report.study.instanceUID));
  lines.push(label('Series') + [report.series.description || report.series.modality, report.series.number !== undefined && `(#${report.series.number})`].filter(Boolean).join(' '));
  if (report.completionFlag) {
    lines.push(label('Completion Flag') + report.completionFlag);
    if (report.completionFlagDescription) lines.push(INDENT + report.completionFlagDescription);
  }
  if (report.predecessorDocuments) lines.push(label('Predecessor Docs') + report.predecessorDocuments);
  if (report.verificationFlag) lines.push(label('Verification Flag') + report.verificationFlag);
  report.verifyingObservers.forEach((o, i) => {
    lines.push((i === 0 ? label('Verifying Observers') : INDENT) + [o.dateTime, o.name, o.organization].filter(Boolean).join(', '));
  });
  if (report.contentDate) lines.push(label('Content Date/Time') + [report.contentDate, report.contentTime].filter(Boolean).join(' '));
  lines.push('');
  return lines;
}

/**
 * An SR document as indented text, like dcmtk's dsrdump: the header (type, patient, study, series,
 * completion and verification flags), then one line per content item, children indented by two spaces.
 */
export function formatStructuredReport(report: StructuredReport, opts: FormatOptions = {}): string {
  const lines = header(report);
  const stack: { node: ContentNode; depth: number }[] = [{ node: report.root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    lines.push(indent(depth) + formatContentNode(node, opts));
    const children = isReference(node) ? [] : (node.children ?? []);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: depth + 1 });
  }
  return `${lines.join('\n')}\n`;
}
