// Splits the bytes of a transport connection into PDUs (PS3.8 9.3.1), never trusting a length field
// beyond the limit of its PDU type: P-DATA-TF up to the Maximum Length we announced, the rest small.
import { PduError } from '../errors.js';
import { AbortReason, PduType } from './types.js';

/** PDU header: type, reserved, 4-byte length (PS3.8 9.3.1). */
export const PDU_HEADER = 6;
/** A-ASSOCIATE-RQ/AC carry at most 128 presentation contexts of a few UIDs each: 1 MiB is far beyond any real one. */
export const ASSOCIATE_PDU_LIMIT = 1 << 20;
/** A-ASSOCIATE-RJ, A-RELEASE-RQ/RP and A-ABORT have 4 bytes after the header (PS3.8 9.3.4, 9.3.6-8). */
const SHORT_PDU_LENGTH = 4;

/** Accumulates received chunks and hands out whole PDUs (header included); copies only PDUs split across chunks. */
export class PduFramer {
  #chunks: Uint8Array[] = [];
  #buffered = 0;

  /** @param maxPDataLength the Maximum Length Received we announced (PS3.8 D.1): larger P-DATA-TF PDUs are refused */
  constructor(readonly maxPDataLength: number) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /** The next whole PDU, or undefined until more bytes arrive; a PduError when its header is unacceptable. */
  next(): Uint8Array | undefined {
    if (this.#buffered < PDU_HEADER) return undefined;
    const header = this.#peek(PDU_HEADER);
    const type = header[0]!;
    const length = ((header[2]! << 24) >>> 0) + (header[3]! << 16) + (header[4]! << 8) + header[5]!;
    this.#check(type, length);
    const total = PDU_HEADER + length;
    if (this.#buffered < total) return undefined;
    return this.#take(total);
  }

  #check(type: number, length: number): void {
    switch (type) {
      case PduType.PDataTF:
        if (length > this.maxPDataLength) throw new PduError(`a P-DATA-TF of at most ${this.maxPDataLength} bytes (our Maximum Length Received), got ${length}`, 2, type);
        return;
      case PduType.AssociateRQ:
      case PduType.AssociateAC:
        if (length > ASSOCIATE_PDU_LIMIT) throw new PduError(`an A-ASSOCIATE PDU of at most ${ASSOCIATE_PDU_LIMIT} bytes, got ${length}`, 2, type);
        return;
      case PduType.AssociateRJ:
      case PduType.ReleaseRQ:
      case PduType.ReleaseRP:
      case PduType.Abort:
        if (length !== SHORT_PDU_LENGTH) throw new PduError(`a PDU length of ${SHORT_PDU_LENGTH}, got ${length}`, 2, type);
        return;
      default:
        throw new PduError(`a PDU type of 0x01-0x07, got 0x${type.toString(16)}`, 0, type, AbortReason.UnrecognizedPdu);
    }
  }

  /** The first `n` buffered bytes without consuming them. */
  #peek(n: number): Uint8Array {
    const first = this.#chunks[0]!;
    if (first.length >= n) return first;
    return this.#gather(n, false);
  }

  #take(n: number): Uint8Array {
    const first = this.#chunks[0]!;
    if (first.length >= n) {
      const pdu = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      this.#buffered -= n;
      return pdu;
    }
    return this.#gather(n, true);
  }

  /** Copies `n` bytes spread over several chunks into one array, consuming them when `consume`. */
  #gather(n: number, consume: boolean): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    let i = 0;
    while (filled < n) {
      const c = this.#chunks[i]!;
      const part = Math.min(c.length, n - filled);
      out.set(c.subarray(0, part), filled);
      filled += part;
      if (consume) {
        if (part === c.length) this.#chunks.shift();
        else this.#chunks[0] = c.subarray(part);
      } else i++;
    }
    if (consume) this.#buffered -= n;
    return out;
  }
}
