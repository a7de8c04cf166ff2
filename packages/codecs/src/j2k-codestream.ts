// JPEG 2000 codestream main header (ITU-T T.800 Annex A): frame size and the component transform flag.
import { CodecError } from './errors.js';
import type { StreamHeader } from './samples.js';

const SOT = 0xff90;
const COD = 0xff52;

export interface J2kHeader extends StreamHeader {
  signed: boolean;
  /** COD SGcod: the multiple component transform is applied to components 0-2. */
  mct: boolean;
}

/** Offset of SOC followed by SIZ (T.800 A.4.1, A.5.1); a JP2 wrapper puts it inside its jp2c box. */
function findCodestream(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0x4f && bytes[i + 2] === 0xff && bytes[i + 3] === 0x51) return i;
  }
  return -1;
}

export function readJ2kHeader(codec: string, bytes: Uint8Array): J2kHeader {
  const soc = findCodestream(bytes);
  if (soc < 0) throw new CodecError(codec, 'corrupt', 'no JPEG 2000 codestream (SOC, SIZ)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const siz = soc + 4; // at Lsiz
  if (siz + 41 > bytes.length) throw new CodecError(codec, 'truncated', 'JPEG 2000 SIZ cut short');
  // T.800 A.5.1: Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz Csiz, then Ssiz of component 0.
  const ssiz = bytes[siz + 38]!;
  const header: J2kHeader = {
    columns: view.getUint32(siz + 4) - view.getUint32(siz + 12),
    rows: view.getUint32(siz + 8) - view.getUint32(siz + 16),
    components: view.getUint16(siz + 36),
    precision: (ssiz & 0x7f) + 1,
    signed: (ssiz & 0x80) !== 0,
    mct: false,
  };
  // T.800 A.6.1: COD is Lcod, Scod, then SGcod = progression order, layers (2 bytes), MCT.
  for (let p = siz + view.getUint16(siz); p + 9 <= bytes.length && view.getUint16(p) !== SOT; p += 2 + view.getUint16(p + 2)) {
    if (view.getUint16(p) === COD) {
      header.mct = bytes[p + 8] === 1;
      break;
    }
  }
  return header;
}
