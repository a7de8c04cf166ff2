import { formatTag, type Tag } from '../tag.js';
import { lookupTag } from '@dcmkit/dictionary';

// Attributes of the SR Document Content Module (PS3.3 C.17.3) and its macros, by tag.
export const RELATIONSHIP_TYPE = 0x0040a010;
export const VALUE_TYPE = 0x0040a040;
export const CONCEPT_NAME_CODE_SEQUENCE = 0x0040a043;
export const CONTENT_SEQUENCE = 0x0040a730;
export const OBSERVATION_DATETIME = 0x0040a032;
export const OBSERVATION_UID = 0x0040a171;
export const REFERENCED_CONTENT_ITEM_IDENTIFIER = 0x0040db73;
export const CONTINUITY_OF_CONTENT = 0x0040a050;
export const CONTENT_TEMPLATE_SEQUENCE = 0x0040a504;
export const MAPPING_RESOURCE = 0x00080105;
export const TEMPLATE_IDENTIFIER = 0x0040db00;
export const TEXT_VALUE = 0x0040a160;
export const CONCEPT_CODE_SEQUENCE = 0x0040a168;
export const MEASURED_VALUE_SEQUENCE = 0x0040a300;
export const NUMERIC_VALUE = 0x0040a30a;
export const FLOATING_POINT_VALUE = 0x0040a161;
export const RATIONAL_NUMERATOR_VALUE = 0x0040a162;
export const RATIONAL_DENOMINATOR_VALUE = 0x0040a163;
export const MEASUREMENT_UNITS_CODE_SEQUENCE = 0x004008ea;
export const NUMERIC_VALUE_QUALIFIER_CODE_SEQUENCE = 0x0040a301;
export const DATETIME = 0x0040a120;
export const DATE = 0x0040a121;
export const TIME = 0x0040a122;
export const PERSON_NAME = 0x0040a123;
export const UID = 0x0040a124;
export const REFERENCED_SOP_SEQUENCE = 0x00081199;
export const REFERENCED_SOP_CLASS_UID = 0x00081150;
export const REFERENCED_SOP_INSTANCE_UID = 0x00081155;
export const REFERENCED_FRAME_NUMBER = 0x00081160;
export const REFERENCED_SEGMENT_NUMBER = 0x0062000b;
export const REFERENCED_WAVEFORM_CHANNELS = 0x0040a0b0;
export const GRAPHIC_DATA = 0x00700022;
export const GRAPHIC_TYPE = 0x00700023;
export const REFERENCED_FRAME_OF_REFERENCE_UID = 0x30060024;
export const TEMPORAL_RANGE_TYPE = 0x0040a130;
export const REFERENCED_SAMPLE_POSITIONS = 0x0040a132;
export const REFERENCED_TIME_OFFSETS = 0x0040a138;
export const REFERENCED_DATETIME = 0x0040a13a;
// Code Sequence Macro (PS3.3 Table 8.8-1).
export const CODE_VALUE = 0x00080100;
export const CODING_SCHEME_DESIGNATOR = 0x00080102;
export const CODING_SCHEME_VERSION = 0x00080103;
export const CODE_MEANING = 0x00080104;
export const LONG_CODE_VALUE = 0x00080119;
export const URN_CODE_VALUE = 0x00080120;

/** "Text Value (0040,A160)": how errors name an attribute. */
export const attributeName = (tag: Tag): string => `${lookupTag(tag)?.name ?? 'Attribute'} ${formatTag(tag)}`;
