import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const utf8 = new TextEncoder();

/**
 * HMAC-SHA256 keyed by the de-identification secret: the same secret and text give the same bytes in
 * every run, in Node and in browsers. The key schedule is computed once and cloned for each message.
 */
export class KeyedHash {
  readonly #base: ReturnType<typeof hmac.create>;

  static #last?: { secret: string | Uint8Array; hash: KeyedHash };

  /** The hash of a secret; the last one is kept, so a run over many files computes its key schedule once. */
  static of(secret: string | Uint8Array): KeyedHash {
    const last = KeyedHash.#last;
    if (last?.secret === secret) return last.hash;
    const hash = new KeyedHash(secret);
    KeyedHash.#last = { secret, hash };
    return hash;
  }

  constructor(secret: string | Uint8Array) {
    this.#base = hmac.create(sha256, typeof secret === 'string' ? utf8.encode(secret) : secret);
  }

  digest(text: string): Uint8Array {
    return this.#base.clone().update(utf8.encode(text)).digest();
  }
}
