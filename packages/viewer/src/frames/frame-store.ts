// Decoded frames for every viewport: the LRU cache, loads shared while in flight, and prefetching
// around each viewport's current image within the memory budget.
import type { PixelFrame } from '@dcmkit/pixel';
import { FrameCache } from './frame-cache.js';
import { frameByteLength, type StackImage } from './image-stack.js';

/** Loads running at once for prefetching (the current image of a viewport never waits for them). */
const PREFETCH_CONCURRENCY = 6;
/** The part of the cache budget prefetching may fill; the rest keeps recently shown images. */
const PREFETCH_SHARE = 0.8;

export class FrameStore {
  readonly #inflight = new Map<string, Promise<PixelFrame>>();
  /** Each viewport's images still to prefetch, nearest first. */
  readonly #queues = new Map<object, StackImage[]>();
  #prefetching = 0;

  constructor(readonly cache = new FrameCache()) {}

  cached(image: StackImage): PixelFrame | undefined {
    return this.cache.get(image.key);
  }

  load(image: StackImage): Promise<PixelFrame> {
    const cached = this.cache.get(image.key);
    if (cached) return Promise.resolve(cached);
    let loading = this.#inflight.get(image.key);
    if (!loading) {
      loading = image.load().then((frame) => {
        this.cache.set(image.key, frame);
        return frame;
      });
      const done = () => this.#inflight.delete(image.key);
      loading.then(done, done);
      this.#inflight.set(image.key, loading);
    }
    return loading;
  }

  /**
   * Prefetches the images around `center` for `owner` (a viewport), alternating after and before,
   * as many as PREFETCH_SHARE of the budget holds, shared among the viewports; replaces the owner's earlier queue.
   */
  prefetch(owner: object, images: readonly StackImage[], center: number): void {
    this.#queues.delete(owner);
    const first = images[center];
    if (!first) return;
    const perViewport = (this.cache.budgetBytes * PREFETCH_SHARE) / (this.#queues.size + 1);
    const reach = Math.floor(perViewport / Math.max(1, frameByteLength(first.dataset)));
    const queue: StackImage[] = [];
    for (let step = 1; queue.length < reach && (center + step < images.length || center - step >= 0); step++) {
      for (const i of [center + step, center - step]) {
        const image = images[i];
        if (image && queue.length < reach && !this.cache.has(image.key)) queue.push(image);
      }
    }
    this.#queues.set(owner, queue);
    this.#pump();
  }

  /** Stops prefetching for `owner`. */
  cancel(owner: object): void {
    this.#queues.delete(owner);
  }

  #pump(): void {
    while (this.#prefetching < PREFETCH_CONCURRENCY) {
      const image = this.#next();
      if (!image) return;
      this.#prefetching++;
      const done = () => {
        this.#prefetching--;
        this.#pump();
      };
      this.load(image).then(done, done);
    }
  }

  /** The next image to prefetch, taking one from each viewport's queue in turn. */
  #next(): StackImage | undefined {
    for (const [owner, queue] of this.#queues) {
      this.#queues.delete(owner);
      let image: StackImage | undefined;
      while ((image = queue.shift()) && (this.cache.has(image.key) || this.#inflight.has(image.key)));
      if (queue.length) this.#queues.set(owner, queue);
      if (image) return image;
    }
    return undefined;
  }
}
