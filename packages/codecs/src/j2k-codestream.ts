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

/**
 * T.800 A.5.1: each component's Ssiz, XRsiz, YRsiz. A DICOM frame holds every sample of every pixel, so
 * a subsampled component (XRsiz or YRsiz other than 1) is refused before the native decoder sees it
 * (OpenJPH can loop forever on some of them).
 */
function checkComponents(codec: string, bytes: Uint8Array, siz: number, components: number): void {
  if (components < 1 || siz + 38 + 3 * components > bytes.length) throw new CodecError(codec, 'truncated', `JPEG 2000 SIZ cut short for ${components} components`);
  for (let c = 0; c < components; c++) {
    const [x, y] = [bytes[siz + 39 + 3 * c]!, bytes[siz + 40 + 3 * c]!];
    if (x === 0 || y === 0) throw new CodecError(codec, 'corrupt', `JPEG 2000 component ${c} has a subsampling factor of 0 (XRsiz ${x}, YRsiz ${y})`);
    if (x !== 1 || y !== 1) throw new CodecError(codec, 'unsupported', `JPEG 2000 component ${c} is subsampled (XRsiz ${x}, YRsiz ${y}); a DICOM frame needs full-resolution components`);
  }
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
  checkComponents(codec, bytes, siz, header.components);
  // T.800 A.6.1: COD is Lcod, Scod, then SGcod = progression order, layers (2 bytes), MCT.
  for (let p = siz + view.getUint16(siz); p + 9 <= bytes.length && view.getUint16(p) !== SOT; p += 2 + view.getUint16(p + 2)) {
    if (view.getUint16(p) === COD) {
      header.mct = bytes[p + 8] === 1;
      break;
    }
  }
  return header;
}
