// Test-only: a small sequential DCT encoder (T.81 F.1, Huffman coding) making 8- and 12-bit JPEG streams,
// with the samples a decoder must reconstruct, each computed on its own by the 2-D IDCT formula of A.3.3.

export interface FixtureComponent {
  h: number;
  v: number;
  /** The sample at (x, y) of the component's own grid (A.1.1). */
  sample(x: number, y: number): number;
}

export interface FixtureOptions {
  precision: 8 | 12;
  columns: number;
  rows: number;
  components: FixtureComponent[];
  /** Qk of component c's table at natural index k (default 1); 12-bit streams carry 16-bit DQT tables. */
  quantization?: (c: number, k: number) => number;
  restartInterval?: number;
  /** One scan per component, with a second DHT between scans, instead of one interleaved scan. */
  separateScans?: boolean;
}

export interface ComponentSamples {
  width: number;
  height: number;
  samples: Uint16Array;
}

export interface Fixture {
  bytes: Uint8Array;
  /** Each component's reconstruction on its own grid. */
  expected: ComponentSamples[];
}

/** Figure A.6 built by walking the anti-diagonals: natural indices in zig-zag order. */
export function zigzagWalk(): number[] {
  const order: number[] = [];
  for (let d = 0; d < 15; d++) {
    const rows = Array.from({ length: 8 }, (_, r) => r).filter((r) => d - r >= 0 && d - r < 8);
    for (const r of d % 2 === 0 ? rows.reverse() : rows) order.push(r * 8 + d - r);
  }
  return order;
}

const ZIGZAG = zigzagWalk();
const cosine = (i: number, u: number) => Math.cos(((2 * i + 1) * u * Math.PI) / 16);
const scale = (u: number, v: number) => ((u === 0 ? Math.SQRT1_2 : 1) * (v === 0 ? Math.SQRT1_2 : 1)) / 4;

/** DC categories 0-15 (Table F.6) and every AC run/size (Figure F.11), with codes of 2 to 16 bits. */
const DC_SYMBOLS = Array.from({ length: 16 }, (_, s) => s);
const DC_COUNTS = [0, 1, 2, 4, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_SYMBOLS = [0x00, 0xf0, ...Array.from({ length: 240 }, (_, i) => ((i % 16) << 4) | ((i >> 4) + 1))];
const AC_COUNTS = [0, 0, 2, 0, 6, 0, 0, 40, 0, 0, 100, 0, 0, 0, 0, 94];

/** Annex C: code and length of each symbol. */
function huffmanCodes(counts: number[], symbols: number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  counts.forEach((count, i) => {
    for (let n = 0; n < count; n++) codes.set(symbols[k++]!, [code++, i + 1]);
    code <<= 1;
  });
  return codes;
}
const DC_CODES = huffmanCodes(DC_COUNTS, DC_SYMBOLS);
const AC_CODES = huffmanCodes(AC_COUNTS, AC_SYMBOLS);

class BitWriter {
  readonly bytes: number[] = [];
  private byte = 0;
  private bits = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.byte = (this.byte << 1) | ((value >> i) & 1);
      if (++this.bits < 8) continue;
      this.bytes.push(this.byte);
      if (this.byte === 0xff) this.bytes.push(0); // B.1.1.5 byte stuffing
      this.byte = this.bits = 0;
    }
  }

  /** F.1.2.3: pad the last byte with 1-bits. */
  flush(): void {
    if (this.bits > 0) this.write((1 << (8 - this.bits)) - 1, 8 - this.bits);
  }

  segment(marker: number, body: number[]): void {
    this.bytes.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  }
}

/** F.1.2.1.1: the magnitude category of a value, and its additional bits (value - 1 when negative). */
function category(value: number): [number, number] {
  const size = value === 0 ? 0 : Math.floor(Math.log2(Math.abs(value))) + 1;
  return [size, value >= 0 ? value : value + (1 << size) - 1];
}

export function encodeFixture(options: FixtureOptions): Fixture {
  const { precision, columns, rows, components, restartInterval = 0 } = options;
  const quantization = options.quantization ?? (() => 1);
  const hMax = Math.max(...components.map((c) => c.h));
  const vMax = Math.max(...components.map((c) => c.v));
  const mcusPerLine = Math.ceil(columns / (8 * hMax));
  const mcuRows = Math.ceil(rows / (8 * vMax));
  const shift = 1 << (precision - 1);
  const max = (1 << precision) - 1;

  const coded = components.map((component, c) => {
    const width = Math.ceil((columns * component.h) / hMax);
    const height = Math.ceil((rows * component.v) / vMax);
    const blocksPerLine = mcusPerLine * component.h;
    const q = Array.from({ length: 64 }, (_, k) => quantization(c, k));
    // A.3.3 FDCT of every block, edges repeated past the component, then quantized (A.3.4).
    const blocks = Array.from({ length: blocksPerLine * mcuRows * component.v }, (_, b) => {
      const [bx, by] = [(b % blocksPerLine) * 8, Math.floor(b / blocksPerLine) * 8];
      const s = (x: number, y: number) => component.sample(Math.min(bx + x, width - 1), Math.min(by + y, height - 1)) - shift;
      return Int32Array.from({ length: 64 }, (_, k) => {
        const [v, u] = [k >> 3, k & 7];
        let sum = 0;
        for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) sum += s(x, y) * cosine(x, u) * cosine(y, v);
        return Math.round((scale(u, v) * sum) / q[k]!);
      });
    });
    const samples = new Uint16Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const block = blocks[(y >> 3) * blocksPerLine + (x >> 3)]!;
        let sum = 0;
        for (let k = 0; k < 64; k++) if (block[k]) sum += scale(k & 7, k >> 3) * block[k]! * q[k]! * cosine(x & 7, k & 7) * cosine(y & 7, k >> 3);
        samples[y * width + x] = Math.min(Math.max(Math.floor(sum + shift + 0.5), 0), max);
      }
    }
    return { ...component, width, height, blocksPerLine, blocks, q, samples };
  });

  const out = new BitWriter();
  out.bytes.push(0xff, 0xd8);
  const pq = precision === 12 ? 1 : 0;
  coded.forEach(({ q }, c) => out.segment(0xdb, [(pq << 4) | c, ...ZIGZAG.flatMap((k) => (pq ? [q[k]! >> 8, q[k]! & 0xff] : [q[k]!]))]));
  out.segment(precision === 12 ? 0xc1 : 0xc0, [precision, rows >> 8, rows & 0xff, columns >> 8, columns & 0xff, components.length, ...components.flatMap((c, i) => [i + 1, (c.h << 4) | c.v, i])]);
  const huffman = (th: number) => [th, ...DC_COUNTS, ...DC_SYMBOLS, 0x10 | th, ...AC_COUNTS, ...AC_SYMBOLS];
  out.segment(0xc4, huffman(0));
  if (restartInterval) out.segment(0xdd, [restartInterval >> 8, restartInterval & 0xff]);

  const scans = options.separateScans ? coded.map((c) => [c]) : [coded];
  scans.forEach((scan, s) => {
    const table = s % 2;
    if (s === 1) out.segment(0xc4, huffman(1));
    out.segment(0xda, [scan.length, ...scan.flatMap((c) => [coded.indexOf(c) + 1, (table << 4) | table]), 0, 63, 0]);
    const only = scan.length === 1 ? scan[0] : undefined;
    const perLine = only ? Math.ceil(only.width / 8) : mcusPerLine;
    const count = perLine * (only ? Math.ceil(only.height / 8) : mcuRows);
    const predictors = scan.map(() => 0);
    for (let mcu = 0; mcu < count; mcu++) {
      if (restartInterval && mcu && mcu % restartInterval === 0) {
        out.flush();
        out.bytes.push(0xff, 0xd0 + ((mcu / restartInterval - 1) & 7));
        predictors.fill(0);
      }
      const [row, column] = [Math.floor(mcu / perLine), mcu % perLine];
      scan.forEach((c, i) => {
        const [h, v] = only ? [1, 1] : [c.h, c.v];
        for (let y = 0; y < v; y++) {
          for (let x = 0; x < h; x++) {
            const block = c.blocks[(row * v + y) * c.blocksPerLine + column * h + x]!;
            const [size, bits] = category(block[0]! - predictors[i]!);
            predictors[i] = block[0]!;
            out.write(...DC_CODES.get(size)!);
            out.write(bits, size);
            let run = 0;
            for (let k = 1; k < 64; k++) {
              const value = block[ZIGZAG[k]!]!;
              if (value === 0) {
                run++;
                continue;
              }
              for (; run > 15; run -= 16) out.write(...AC_CODES.get(0xf0)!);
              const [acSize, acBits] = category(value);
              out.write(...AC_CODES.get((run << 4) | acSize)!);
              out.write(acBits, acSize);
              run = 0;
            }
            if (run > 0) out.write(...AC_CODES.get(0x00)!);
          }
        }
      });
    }
    out.flush();
  });
  out.bytes.push(0xff, 0xd9);
  return { bytes: Uint8Array.from(out.bytes), expected: coded.map(({ width, height, samples }) => ({ width, height, samples })) };
}
