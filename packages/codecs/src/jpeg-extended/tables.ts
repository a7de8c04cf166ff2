// Table-specification segments: DQT, DHT and DRI (T.81 B.2.4.1, B.2.4.2, B.2.4.4).
import { fail } from './fail.js';
import { HuffmanTable } from './huffman.js';
import { ZIGZAG } from './zigzag.js';

/** The tables installed so far; a scan uses those in place when it starts. */
export interface Tables {
  /** Qk by destination Tq, in natural (row-major) order. */
  quantization: (Uint16Array | undefined)[];
  /** Huffman tables by destination Th, for DC (Tc 0) and AC (Tc 1) coefficients. */
  dc: (HuffmanTable | undefined)[];
  ac: (HuffmanTable | undefined)[];
  /** Ri: MCUs per restart interval, 0 when restart is disabled. */
  restartInterval: number;
}

export function emptyTables(): Tables {
  return { quantization: [], dc: [], ac: [], restartInterval: 0 };
}

/** B.2.4.1: Pq 0 tables hold 8-bit values, Pq 1 tables 16-bit ones, each in zig-zag order. */
export function readQuantizationTables(bytes: Uint8Array, body: number, end: number, tables: Tables): void {
  for (let p = body; p < end; ) {
    const [pq, tq] = [bytes[p]! >> 4, bytes[p]! & 15];
    if (pq > 1 || tq > 3) fail('corrupt', `DQT at byte ${p} has Pq=${pq} Tq=${tq}; B.2.4.1 allows 0-1 and 0-3`);
    const size = pq === 0 ? 1 : 2;
    if (p + 1 + 64 * size > end) fail('corrupt', `DQT table at byte ${p} runs past its segment`);
    const table = new Uint16Array(64);
    for (let k = 0; k < 64; k++) {
      const q = p + 1 + k * size;
      table[ZIGZAG[k]!] = size === 1 ? bytes[q]! : (bytes[q]! << 8) | bytes[q + 1]!;
    }
    tables.quantization[tq] = table;
    p += 1 + 64 * size;
  }
}

/** B.2.4.2: each table is Tc/Th, BITS (16 counts of codes by length) and HUFFVAL. */
export function readHuffmanTables(bytes: Uint8Array, body: number, end: number, tables: Tables): void {
  for (let p = body; p < end; ) {
    const [tc, th] = [bytes[p]! >> 4, bytes[p]! & 15];
    if (tc > 1 || th > 3) fail('corrupt', `DHT at byte ${p} has Tc=${tc} Th=${th}; B.2.4.2 allows 0-1 and 0-3`);
    if (p + 17 > end) fail('corrupt', `DHT table at byte ${p} runs past its segment`);
    const counts = bytes.subarray(p + 1, p + 17);
    const total = counts.reduce((n, count) => n + count, 0);
    if (total > 256 || p + 17 + total > end) fail('corrupt', `DHT table at byte ${p} has ${total} codes, past its segment`);
    const table = new HuffmanTable(counts, bytes.subarray(p + 17, p + 17 + total));
    (tc === 0 ? tables.dc : tables.ac)[th] = table;
    p += 17 + total;
  }
}

/** B.2.4.4: Ri, the number of MCUs in a restart interval. */
export function readRestartInterval(bytes: Uint8Array, body: number, end: number, tables: Tables): void {
  if (end - body !== 2) fail('corrupt', `DRI at byte ${body} is ${end - body} bytes long; expected 2`);
  tables.restartInterval = (bytes[body]! << 8) | bytes[body + 1]!;
}
