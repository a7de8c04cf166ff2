// One scan of a sequential DCT frame: MCUs, restart intervals and Huffman-coded blocks (T.81 A.2, E.2.3-E.2.5, F.2.2).
import { EntropyReader } from './entropy-reader.js';
import { fail } from './fail.js';
import type { Frame, FrameComponent, ScanComponent } from './headers.js';
import type { HuffmanTable } from './huffman.js';
import { inverseDct } from './idct.js';
import type { Tables } from './tables.js';
import { ZIGZAG } from './zigzag.js';

/** A scan component with the tables in place when the scan started. */
interface ScanUnit {
  component: FrameComponent;
  dc: HuffmanTable;
  ac: HuffmanTable;
  quantization: Uint16Array;
  /** F.2.1.3.1: PRED, the previous block's DC coefficient, zero at each scan and restart interval. */
  predictor: number;
}

/** The block being decoded, dequantized, in natural order. */
const coefficients = new Float64Array(64);

/** Decodes the entropy-coded data from `start` into the components' planes; returns the offset of the marker after it. */
export function decodeScan(bytes: Uint8Array, start: number, frame: Frame, scan: ScanComponent[], tables: Tables): number {
  const units = scan.map(({ component, dcTable, acTable }): ScanUnit => ({
    component,
    dc: tables.dc[dcTable] ?? fail('corrupt', `component ${component.id} needs DC Huffman table ${dcTable}, which no DHT defined`),
    ac: tables.ac[acTable] ?? fail('corrupt', `component ${component.id} needs AC Huffman table ${acTable}, which no DHT defined`),
    quantization: tables.quantization[component.quantizationTable] ?? fail('corrupt', `component ${component.id} needs quantization table ${component.quantizationTable}, which no DQT defined`),
    predictor: 0,
  }));
  const reader = new EntropyReader(bytes, start);
  coefficients.fill(0); // a failed decode may have left a block behind
  // A.2.2: a non-interleaved scan's MCU is one block, covering just the component; A.2.3: interleaved MCUs cover the frame.
  const only = units.length === 1 ? units[0]!.component : undefined;
  const mcusPerLine = only ? Math.ceil(only.width / 8) : frame.mcusPerLine;
  const mcuCount = mcusPerLine * (only ? Math.ceil(only.height / 8) : frame.mcuRows);
  const interval = tables.restartInterval;
  for (let mcu = 0; mcu < mcuCount; mcu++) {
    if (interval !== 0 && mcu !== 0 && mcu % interval === 0) {
      reader.restart((mcu / interval - 1) & 7);
      for (const unit of units) unit.predictor = 0;
    }
    const row = Math.floor(mcu / mcusPerLine);
    const column = mcu - row * mcusPerLine;
    if (only) decodeBlock(reader, units[0]!, row, column, frame.precision);
    else {
      for (const unit of units) {
        const { h, v } = unit.component;
        for (let y = 0; y < v; y++) for (let x = 0; x < h; x++) decodeBlock(reader, unit, row * v + y, column * h + x, frame.precision);
      }
    }
    reader.checkInside(`MCU ${mcu + 1} of ${mcuCount}`);
  }
  return reader.nextMarker();
}

/** F.2.2.1 and F.2.2.2: one block's DC difference and AC coefficients, dequantized, then its samples. */
function decodeBlock(reader: EntropyReader, unit: ScanUnit, blockRow: number, blockColumn: number, precision: number): void {
  const q = unit.quantization;
  const size = reader.decode(unit.dc);
  if (size > 15) reader.corrupt(`DC difference category ${size}; Tables F.1 and F.6 (12-bit) allow 0-15`);
  if (size !== 0) unit.predictor += reader.receiveExtend(size);
  coefficients[0] = unit.predictor * q[0]!;
  let acZero = true;
  for (let k = 1; k < 64; k++) {
    const rs = reader.decode(unit.ac);
    const size = rs & 15;
    const run = rs >> 4;
    if (size === 0) {
      if (run !== 15) break; // EOB: the rest are zero
      k += 15; // ZRL: sixteen zeros
      continue;
    }
    k += run;
    if (k > 63) reader.corrupt(`AC run past coefficient 63 in component ${unit.component.id}`);
    const z = ZIGZAG[k]!;
    coefficients[z] = reader.receiveExtend(size) * q[z]!;
    acZero = false;
  }
  const { plane, stride } = unit.component;
  inverseDct(coefficients, acZero, plane, blockRow * 8 * stride + blockColumn * 8, stride, precision);
  if (acZero) coefficients[0] = 0;
  else coefficients.fill(0);
}
