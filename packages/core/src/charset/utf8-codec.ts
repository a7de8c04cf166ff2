// ISO_IR 192: Unicode in UTF-8, without code extensions (PS3.3 Table C.12-5).
import { CharacterSetError } from './character-set-error.js';
import type { TextCodec } from './text-codec.js';
import { decoder } from './whatwg.js';

/** A UTF-16 surrogate without its partner: no character, so nothing to encode. */
const LONE_SURROGATE = /\p{Surrogate}/u;

const encoder = new TextEncoder();

export class Utf8Codec implements TextCodec {
  constructor(private readonly terms: readonly string[]) {}

  decode(bytes: Uint8Array): string {
    return decoder('utf-8').decode(bytes);
  }

  encode(text: string): Uint8Array {
    const lone = LONE_SURROGATE.exec(text);
    if (lone) throw new CharacterSetError(lone[0], this.terms);
    return encoder.encode(text);
  }
}
