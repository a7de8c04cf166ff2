// Decoded frames kept in memory up to a byte budget, least recently used dropped first, so a
// 1,000-slice series cannot exhaust the browser.
import type { PixelFrame } from '@dcmkit/pixel';

/** 256 MiB: a 512x512 16-bit CT series of 500 slices. */
export const DEFAULT_BUDGET_BYTES = 256 * 1024 * 1024;

export class FrameCache {
  readonly #frames = new Map<string, PixelFrame>();
  #bytes = 0;

  constructor(readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#frames.size;
  }

  has(key: string): boolean {
    return this.#frames.has(key);
  }

  /** The frame, now the most recently used. */
  get(key: string): PixelFrame | undefined {
    const frame = this.#frames.get(key);
    if (frame) {
      this.#frames.delete(key);
      this.#frames.set(key, frame);
    }
    return frame;
  }

  /** Adds a frame, dropping the least recently used ones past the budget (never the one just added). */
  set(key: string, frame: PixelFrame): void {
    this.delete(key);
    this.#frames.set(key, frame);
    this.#bytes += frame.data.byteLength;
    for (const [oldest, old] of this.#frames) {
      if (this.#bytes <= this.budgetBytes || oldest === key) break;
      this.#frames.delete(oldest);
      this.#bytes -= old.data.byteLength;
    }
  }

  delete(key: string): void {
    const frame = this.#frames.get(key);
    if (!frame) return;
    this.#frames.delete(key);
    this.#bytes -= frame.data.byteLength;
  }

  /** Whether `bytes` more would fit without evicting anything. */
  fits(bytes: number): boolean {
    return this.#bytes + bytes <= this.budgetBytes;
  }
}
