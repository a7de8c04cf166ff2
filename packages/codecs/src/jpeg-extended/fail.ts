// Errors of our sequential DCT decoder (ITU-T T.81), reported as CodecError like the other codecs'.
import { CodecError, type CodecErrorReason } from '../errors.js';

export const NAME = 'jpeg-extended';

export function fail(reason: CodecErrorReason, message: string): never {
  throw new CodecError(NAME, reason, message);
}
