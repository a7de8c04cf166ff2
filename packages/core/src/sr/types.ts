// The SR content tree (PS3.3 C.17.3): content items linked by relationships, one model for reading and writing.

/** A coded entry (PS3.3 8.8, Code Sequence Macro): value, coding scheme and meaning. */
export interface Code {
  /** Code Value (0008,0100), Long Code Value (0008,0119) or URN Code Value (0008,0120). */
  value: string;
  /** Coding Scheme Designator (0008,0102); empty for a URN code. */
  scheme: string;
  /** Code Meaning (0008,0104). */
  meaning: string;
  /** Coding Scheme Version (0008,0103). */
  schemeVersion?: string;
}

/** Relationship Type (0040,A010) of a child to its parent (PS3.3 C.17.3.2.4). */
export type RelationshipType =
  | 'CONTAINS'
  | 'HAS PROPERTIES'
  | 'HAS OBS CONTEXT'
  | 'HAS ACQ CONTEXT'
  | 'INFERRED FROM'
  | 'SELECTED FROM'
  | 'HAS CONCEPT MOD';

export const RELATIONSHIP_TYPES: readonly RelationshipType[] = [
  'CONTAINS',
  'HAS PROPERTIES',
  'HAS OBS CONTEXT',
  'HAS ACQ CONTEXT',
  'INFERRED FROM',
  'SELECTED FROM',
  'HAS CONCEPT MOD',
];

/** A referenced SOP Instance (PS3.3 Table 10-11 SOP Instance Reference Macro). */
export interface SopReference {
  sopClassUID: string;
  sopInstanceUID: string;
}

/** What every content item has (PS3.3 Table C.17-2 Document Relationship Macro, Table C.17-5 Document Content Macro). */
interface ItemBase {
  /** Position in the tree: "1" for the root, "1.2.3" for the third child of the second child. Set by the reader. */
  path?: string;
  /** How the item relates to its parent; absent for the root. */
  relationship?: RelationshipType;
  /** Concept Name Code Sequence (0040,A043). */
  conceptName?: Code;
  /** Observation DateTime (0040,A032). */
  observationDateTime?: string;
  /** Observation UID (0040,A171). */
  observationUID?: string;
  children?: ContentNode[];
}

export interface TextItem extends ItemBase {
  valueType: 'TEXT';
  /** Text Value (0040,A160). */
  text: string;
}

export interface CodeItem extends ItemBase {
  valueType: 'CODE';
  /** Concept Code Sequence (0040,A168). */
  code: Code;
}

/** One numeric value of a NUM item (PS3.3 Table C.18.1-1 Numeric Measurement Macro). */
export interface Measurement {
  /** Numeric Value (0040,A30A), as stored (DS). */
  value: string;
  /** Measurement Units Code Sequence (0040,08EA). */
  units: Code;
  /** Floating Point Value (0040,A161). */
  floatingPointValue?: number;
  /** Rational Numerator/Denominator Value (0040,A162/A163). */
  rational?: { numerator: number; denominator: number };
}

export interface NumItem extends ItemBase {
  valueType: 'NUM';
  /** Measured Value Sequence (0040,A300): empty when the value is missing (then a qualifier says why). */
  measurement?: Measurement;
  /** Numeric Value Qualifier Code Sequence (0040,A301). */
  qualifier?: Code;
}

export interface DateTimeItem extends ItemBase {
  valueType: 'DATETIME';
  /** DateTime (0040,A120). */
  dateTime: string;
}

export interface DateItem extends ItemBase {
  valueType: 'DATE';
  /** Date (0040,A121). */
  date: string;
}

export interface TimeItem extends ItemBase {
  valueType: 'TIME';
  /** Time (0040,A122). */
  time: string;
}

export interface UidRefItem extends ItemBase {
  valueType: 'UIDREF';
  /** UID (0040,A124). */
  uid: string;
}

export interface PNameItem extends ItemBase {
  valueType: 'PNAME';
  /** Person Name (0040,A123), as stored. */
  personName: string;
}

export interface CompositeItem extends ItemBase {
  valueType: 'COMPOSITE';
  /** Referenced SOP Sequence (0008,1199). */
  reference: SopReference;
}

export interface ImageItem extends ItemBase {
  valueType: 'IMAGE';
  reference: SopReference & {
    /** Referenced Frame Number (0008,1160). */
    frames?: number[];
    /** Referenced Segment Number (0062,000B). */
    segments?: number[];
    /** A Softcopy Presentation State to show the image with (nested Referenced SOP Sequence). */
    presentationState?: SopReference;
  };
}

export interface WaveformItem extends ItemBase {
  valueType: 'WAVEFORM';
  reference: SopReference & {
    /** Referenced Waveform Channels (0040,A0B0): pairs of multiplex group and channel numbers. */
    channels?: number[];
  };
}

export interface ScoordItem extends ItemBase {
  valueType: 'SCOORD';
  /** Graphic Type (0070,0023): POINT, MULTIPOINT, POLYLINE, CIRCLE, ELLIPSE. */
  graphicType: string;
  /** Graphic Data (0070,0022): column/row pairs in image pixels. */
  graphicData: number[];
}

export interface Scoord3dItem extends ItemBase {
  valueType: 'SCOORD3D';
  /** Graphic Type (0070,0023): POINT, MULTIPOINT, POLYLINE, POLYGON, ELLIPSE, ELLIPSOID. */
  graphicType: string;
  /** Graphic Data (0070,0022): x/y/z triplets in the frame of reference. */
  graphicData: number[];
  /** Referenced Frame of Reference UID (3006,0024). */
  frameOfReferenceUID: string;
}

export interface TcoordItem extends ItemBase {
  valueType: 'TCOORD';
  /** Temporal Range Type (0040,A130): POINT, MULTIPOINT, SEGMENT, MULTISEGMENT, BEGIN, END. */
  temporalRangeType: string;
  /** Referenced Sample Positions (0040,A132). */
  samplePositions?: number[];
  /** Referenced Time Offsets (0040,A138). */
  timeOffsets?: number[];
  /** Referenced DateTime (0040,A13A). */
  dateTimes?: string[];
}

export interface ContainerItem extends ItemBase {
  valueType: 'CONTAINER';
  /** Continuity Of Content (0040,A050). */
  continuity: 'SEPARATE' | 'CONTINUOUS';
  /** Content Template Sequence (0040,A504): Mapping Resource (0008,0105) and Template Identifier (0040,DB00). */
  template?: { mappingResource: string; identifier: string };
}

export type ContentItem =
  | TextItem
  | CodeItem
  | NumItem
  | DateTimeItem
  | DateItem
  | TimeItem
  | UidRefItem
  | PNameItem
  | CompositeItem
  | ImageItem
  | WaveformItem
  | ScoordItem
  | Scoord3dItem
  | TcoordItem
  | ContainerItem;

export type ValueType = ContentItem['valueType'];

/**
 * A by-reference relationship (PS3.3 C.17.3.2.5): the child is another item of the tree, named by
 * Referenced Content Item Identifier (0040,DB73), the item's position as numbers ([1, 3, 2] is "1.3.2").
 */
export interface ContentReference {
  valueType?: undefined;
  path?: string;
  relationship: RelationshipType;
  referencedContentItem: number[];
}

export type ContentNode = ContentItem | ContentReference;

export const isReference = (node: ContentNode): node is ContentReference => node.valueType === undefined;
