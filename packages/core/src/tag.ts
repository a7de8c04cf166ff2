import { tagOf, type Keyword } from '@dcmkit/dictionary';

/** A data element tag as one number: group << 16 | element (PS3.5 7.1). */
export type Tag = number;

export const makeTag = (group: number, element: number): Tag => ((group << 16) | element) >>> 0;
export const tagGroup = (tag: Tag): number => tag >>> 16;
export const tagElement = (tag: Tag): number => tag & 0xffff;

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
/** "(0010,0010)" */
export const formatTag = (tag: Tag): string => `(${hex4(tag >>> 16)},${hex4(tag & 0xffff)})`;
/** "00100010", the DICOM JSON key form (PS3.18 F.2.1). */
export const tagHex = (tag: Tag): string => hex4(tag >>> 16) + hex4(tag & 0xffff);
/** Parses "00100010", "(0010,0010)", "0010,0010" or a keyword. */
export function parseTag(text: string): Tag {
  const m = /^\(?([0-9a-f]{4}),?([0-9a-f]{4})\)?$/i.exec(text.trim());
  if (m) return makeTag(parseInt(m[1]!, 16), parseInt(m[2]!, 16));
  return tagOf(text.trim());
}

/** A tag or a keyword of the dictionary. */
export type TagLike = Tag | Keyword;
export const toTag = (t: TagLike | string): Tag => (typeof t === 'number' ? t : tagOf(t));

/** Private data elements have an odd group number (PS3.5 7.8). */
export const isPrivateTag = (tag: Tag): boolean => (tag >>> 16) % 2 === 1 && tag >>> 16 > 8;
/** (gggg,0010-00FF) in an odd group reserves a private block (PS3.5 7.8.1). */
export const isPrivateCreator = (tag: Tag): boolean => isPrivateTag(tag) && (tag & 0xffff) >= 0x10 && (tag & 0xffff) <= 0xff;
/** The Private Creator tag that reserves a private element's block: (gggg,00xx) for (gggg,xxee). */
export const privateCreatorTag = (tag: Tag): Tag => ((tag & 0xffff0000) | ((tag >>> 8) & 0xff)) >>> 0;

// Item and delimitation tags (PS3.5 7.5).
export const ITEM = 0xfffee000;
export const ITEM_DELIMITATION = 0xfffee00d;
export const SEQUENCE_DELIMITATION = 0xfffee0dd;
export const PIXEL_DATA = 0x7fe00010;
export const FLOAT_PIXEL_DATA = 0x7fe00008;
export const DOUBLE_FLOAT_PIXEL_DATA = 0x7fe00009;
export const EXTENDED_OFFSET_TABLE = 0x7fe00001;
export const EXTENDED_OFFSET_TABLE_LENGTHS = 0x7fe00002;
export const SPECIFIC_CHARACTER_SET = 0x00080005;
export const TRANSFER_SYNTAX_UID = 0x00020010;
/** Value length of undefined-length sequences, items and encapsulated Pixel Data. */
export const UNDEFINED_LENGTH = 0xffffffff;
