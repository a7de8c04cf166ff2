// The LUT Data renderFrame reads, where the archive's metadata gives it as a BulkDataURI (PS3.18 F.2.6):
// the server sends large binary values by reference, and a 16-bit palette of 65536 entries is 128 KiB.
import { decodeNumbers, DicomParseError, type DataSet } from '@dcmkit/core';
import { lutDataHolders } from '@dcmkit/pixel';

/** The bytes a BulkDataURI points to (WADO-RS Retrieve Bulkdata). */
export type RetrieveBulkData = (uri: string) => Promise<Uint8Array>;

/**
 * Retrieves, all at once, every LUT Data and palette data value of `ds` that is a BulkDataURI and
 * sets it with the element's VR, so that the synchronous LUT readers of renderFrame find it. Other
 * bulk data (Pixel Data ...) is left alone; values already inline cost nothing.
 */
export async function retrieveLutData(ds: DataSet, retrieve: RetrieveBulkData): Promise<void> {
  await Promise.all(
    lutDataHolders(ds).map(async ([holder, keyword]) => {
      const el = holder.element(keyword);
      if (el?.bulkDataURI === undefined) return;
      const bytes = await retrieve(el.bulkDataURI);
      holder.set(el.tag, lutValue(bytes, el.vr, el.tag), el.vr);
    }),
  );
}

/**
 * The value of `bytes` for `vr`: Bulkdata is little endian (PS3.18 8.7.3.3.1); US and SS (LUT Data
 * of an Implicit VR file) become their 16-bit entries, OW (and OB, UN) stays bytes as InlineBinary would.
 */
function lutValue(bytes: Uint8Array, vr: string, tag: number): Uint8Array | number[] {
  if (vr !== 'US' && vr !== 'SS') return bytes;
  if (bytes.length % 2 !== 0) throw new DicomParseError(`LUT Data of 16-bit ${vr} entries, got ${bytes.length} bytes`, { source: 'WADO-RS bulk data', tag });
  return decodeNumbers(bytes, vr, true) as number[];
}
