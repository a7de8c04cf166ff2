// Graphic character sets of ISO/IEC 2022 as DICOM uses them (PS3.5 6.1.2.5; PS3.3 Tables C.12-2 to C.12-4).

const ESC = 0x1b;
const REPLACEMENT = 0xfffd;

/** A 94-, 96- or 94×94-character set that an escape sequence designates into G0 or G1. */
export interface GraphicSet {
  /** G0 is invoked in GL (bytes 0x21-0x7E), G1 in GR (bytes 0xA0-0xFF) (PS3.5 6.1.2.5.1). */
  readonly register: 'G0' | 'G1';
  /** The designating escape sequence, ESC included (PS3.3 Tables C.12-3, C.12-4). */
  readonly escape: Uint8Array;
  readonly bytesPerCharacter: 1 | 2;
  /** The character (a BMP code unit) at 7-bit byte `b1`, or pair `b1 b2`; 0xFFFD when unassigned. */
  decode(b1: number, b2: number): number;
  /** The 7-bit byte, or pair packed as `b1 << 8 | b2`, of code unit `c`; -1 when the set lacks it. */
  encode(c: number): number;
}

const escapeSequence = (finalBytes: string): Uint8Array =>
  Uint8Array.from([ESC, ...Array.from(finalBytes, (ch) => ch.charCodeAt(0))]);

/** What both sizes of set share: the designating escape, and a table read on first use. */
abstract class TableSet {
  readonly escape: Uint8Array;
  #chars?: Uint16Array;
  #positions?: Map<number, number>;

  constructor(
    readonly register: 'G0' | 'G1',
    finalBytes: string,
    private readonly table: () => Uint16Array,
  ) {
    this.escape = escapeSequence(finalBytes);
  }

  /** The table: the character at each position, 0xFFFD where unassigned. */
  protected get chars(): Uint16Array {
    return (this.#chars ??= this.table());
  }

  /** Whether the character at `position` may be written: all of them unless a set says otherwise. */
  protected encodable(_position: number): boolean {
    return true;
  }

  /** Code unit -> position for the assigned, encodable positions; the first position wins. */
  protected get positions(): Map<number, number> {
    if (!this.#positions) {
      const positions = new Map<number, number>();
      this.chars.forEach((c, position) => {
        if (c !== REPLACEMENT && this.encodable(position) && !positions.has(c)) positions.set(c, position);
      });
      this.#positions = positions;
    }
    return this.#positions;
  }
}

/** A 94- or 96-character set: one byte per character; `table` gives that of each 7-bit byte 0x00-0x7F (0xFFFD outside the set). */
export class OneByteSet extends TableSet implements GraphicSet {
  readonly bytesPerCharacter = 1;

  decode(b1: number): number {
    return this.chars[b1]!;
  }

  encode(c: number): number {
    return this.positions.get(c) ?? -1;
  }
}

/** A 94×94-character set: two bytes (row, cell) per character, each 0x21-0x7E. */
export class TwoByteSet extends TableSet implements GraphicSet {
  readonly bytesPerCharacter = 2;

  /**
   * `table` gives the characters of rows 1-94 × cells 1-94 in order (0xFFFD where unassigned);
   * only rows for which `encodableRow` holds are written.
   */
  constructor(
    register: 'G0' | 'G1',
    finalBytes: string,
    table: () => Uint16Array,
    private readonly encodableRow: (row: number) => boolean,
  ) {
    super(register, finalBytes, table);
  }

  protected override encodable(position: number): boolean {
    return this.encodableRow(Math.floor(position / 94) + 1);
  }

  decode(b1: number, b2: number): number {
    return this.chars[(b1 - 0x21) * 94 + (b2 - 0x21)]!;
  }

  encode(c: number): number {
    const position = this.positions.get(c);
    return position === undefined ? -1 : ((Math.floor(position / 94) + 0x21) << 8) | ((position % 94) + 0x21);
  }
}

/** The sets designated into G0 and G1; either may be absent. */
export interface Designation {
  readonly g0?: GraphicSet;
  readonly g1?: GraphicSet;
}

/** A designation with G0: that of every single-byte Defined Term, and the state within a value. */
export interface G0Designation extends Designation {
  readonly g0: GraphicSet;
}
