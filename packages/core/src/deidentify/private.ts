import type { Tag } from '../tag.js';

/** A private attribute by its Private Creator and tag, the block byte masked: (gggg,xxee) (PS3.5 7.8.1). */
export interface SafePrivateAttribute {
  creator: string;
  group: number;
  /** The element byte ee of (gggg,xxee). */
  element: number;
}

// Private attributes thought to be safe, from the sample list of PS3.15 E.3.10 (Table E.3.10-1):
// acquisition technique and pixel value scaling, no names, dates, text or identifiers.
const SAMPLE_SAFE_PRIVATE: readonly [string, number, number][] = [
  ['Philips PET Private Group', 0x7053, 0x00], // SUV Factor
  ['Philips PET Private Group', 0x7053, 0x09], // Activity Concentration Factor
  ['ELSCINT1', 0x00e1, 0x21], // DLP
  ['ELSCINT1', 0x00e1, 0x50], // Acquisition Duration
  ['ELSCINT1', 0x01f1, 0x01], // Acquisition Type
  ['ELSCINT1', 0x01f1, 0x07], // Table Velocity
  ['ELSCINT1', 0x01f1, 0x26], // Pitch
  ['ELSCINT1', 0x01f1, 0x27], // Rotation Time
  ['GEMS_ACQU_01', 0x0019, 0x23], // Table Speed
  ['GEMS_ACQU_01', 0x0019, 0x24], // Mid Scan Time
  ['GEMS_ACQU_01', 0x0019, 0x27], // Rotation Speed
  ['GEMS_PARM_01', 0x0043, 0x27], // Scan Pitch Ratio
  ['GEMS_PARM_01', 0x0043, 0x39], // B Value (first of slop_int_6..9)
  ['GEMS_HELIOS_01', 0x0045, 0x01], // Number of Macro Rows in Detector
  ['GEMS_HELIOS_01', 0x0045, 0x02], // Macro width at ISO Center
  ['Philips Imaging DD 001', 0x2001, 0x03], // Diffusion B-Factor
  ['Philips Imaging DD 001', 0x2001, 0x04], // Diffusion Direction
  ['Philips MR Imaging DD 001', 0x2005, 0x0d], // Scale Intercept
  ['Philips MR Imaging DD 001', 0x2005, 0x0e], // Scale Slope
  ['SIEMENS MR HEADER', 0x0019, 0x0c], // B Value
  ['SIEMENS MR HEADER', 0x0019, 0x0d], // Diffusion Directionality
  ['SIEMENS MR HEADER', 0x0019, 0x0e], // Diffusion Gradient Direction
  ['SIEMENS MR HEADER', 0x0019, 0x27], // B Matrix
];

const key = (creator: string, group: number, element: number) => `${creator.trim()}\u0000${group}\u0000${element & 0xff}`;

/** The Retain Safe Private Option's list: the sample list and the caller's attributes. */
export class SafePrivateList {
  readonly #keys: Set<string>;

  constructor(extra: readonly SafePrivateAttribute[] = []) {
    this.#keys = new Set([...SAMPLE_SAFE_PRIVATE.map(([c, g, e]) => key(c, g, e)), ...extra.map((a) => key(a.creator, a.group, a.element))]);
  }

  /** Element `tag` of the block reserved by `creator` is on the list. */
  has(creator: string, tag: Tag): boolean {
    return this.#keys.has(key(creator, tag >>> 16, tag & 0xff));
  }
}
