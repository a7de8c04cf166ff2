// Fixed-size slots of one SharedArrayBuffer, reused: bytes handed to the writer threads without a new
// buffer per file (a transferred buffer is freed only when its thread collects garbage, which a thread
// that allocates almost nothing seldom does: dead buffers piled up to tens of MiB per thread).

export class SharedSlots {
  readonly #memory: SharedArrayBuffer;
  readonly #free: number[];

  constructor(
    readonly slotBytes: number,
    count: number,
  ) {
    // Pages are committed only where bytes are written, so an unused slot costs no memory.
    this.#memory = new SharedArrayBuffer(slotBytes * count);
    this.#free = Array.from({ length: count }, (_, i) => count - 1 - i);
  }

  /** A free slot holding a copy of `chunks` (at most slotBytes in all), or undefined when none is free. */
  take(chunks: readonly Uint8Array[], length: number): { slot: number; bytes: Uint8Array } | undefined {
    if (length > this.slotBytes) return undefined;
    const slot = this.#free.pop();
    if (slot === undefined) return undefined;
    const bytes = new Uint8Array(this.#memory, slot * this.slotBytes, length);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return { slot, bytes };
  }

  /** Returns a slot once its bytes are no longer read. */
  give(slot: number): void {
    this.#free.push(slot);
  }
}
