// Decode workers on the page's side: requests go to the least busy worker, answers come back as promises.
import type { PixelFrame } from '@dcmkit/pixel';
import type { DecodeRequest, DecodeResponse } from './decode-messages.js';

interface Pending {
  resolve(frame: PixelFrame): void;
  reject(error: Error): void;
  worker: WorkerSlot;
}

interface WorkerSlot {
  worker: Worker;
  busy: number;
}

export class DecoderPool {
  readonly #slots: WorkerSlot[];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  /** `url`: the bundled decode-worker.js; one worker per spare core, at most 4. */
  constructor(url: URL, count = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1))) {
    this.#slots = Array.from({ length: count }, () => {
      const slot: WorkerSlot = { worker: new Worker(url, { type: 'module' }), busy: 0 };
      slot.worker.onmessage = (event: MessageEvent<DecodeResponse>) => this.#answer(event.data);
      slot.worker.onerror = (event) => this.#failAll(slot, new Error(`decode worker failed: ${event.message}`));
      return slot;
    });
  }

  decode(request: DecodeRequest): Promise<PixelFrame> {
    const slot = this.#slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.#nextId++;
    slot.busy++;
    return new Promise<PixelFrame>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, worker: slot });
      // Encoded bytes are transferred (in a buffer of their own): the page has no further use for them.
      if (request.kind === 'file') {
        slot.worker.postMessage({ id, request });
        return;
      }
      const b = request.bytes;
      const bytes = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();
      slot.worker.postMessage({ id, request: { ...request, bytes } }, [bytes.buffer as ArrayBuffer]);
    });
  }

  #answer(response: DecodeResponse): void {
    const pending = this.#pending.get(response.id);
    if (!pending) return;
    this.#pending.delete(response.id);
    pending.worker.busy--;
    if ('frame' in response) pending.resolve(response.frame);
    else pending.reject(new Error(response.error));
  }

  #failAll(slot: WorkerSlot, error: Error): void {
    for (const [id, pending] of this.#pending) {
      if (pending.worker !== slot) continue;
      this.#pending.delete(id);
      slot.busy--;
      pending.reject(error);
    }
  }

  terminate(): void {
    for (const slot of this.#slots) slot.worker.terminate();
  }
}
