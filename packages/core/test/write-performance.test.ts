// Write throughput on a 512x512 CT-like image (16-bit Pixel Data, 0.5 MiB). The writer sizes the
// output first and copies each raw value once; the bounds below are loose (a shared 2-core machine).
import { expect, it } from 'vitest';
import { DataSet, PersonName, TransferSyntax, parseDicom, writeDicom } from '@dcmkit/core';

function ctLike(): DataSet {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
  ds.set('SOPInstanceUID', '2.25.42');
  ds.set('ImageType', ['ORIGINAL', 'PRIMARY', 'AXIAL']);
  ds.set('Modality', 'CT');
  ds.set('PatientName', PersonName.fromComponents({ familyName: 'Doe', givenName: 'Jane' }));
  ds.set('PatientID', 'PERF-1');
  ds.set('StudyInstanceUID', '2.25.1');
  ds.set('SeriesInstanceUID', '2.25.2');
  ds.set('ImagePositionPatient', [-250, -250, 12.5]);
  ds.set('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]);
  ds.set('PixelSpacing', [0.976562, 0.976562]);
  ds.set('SliceThickness', 5);
  ds.set('SamplesPerPixel', 1);
  ds.set('PhotometricInterpretation', 'MONOCHROME2');
  ds.set('Rows', 512);
  ds.set('Columns', 512);
  ds.set('BitsAllocated', 16);
  ds.set('BitsStored', 12);
  ds.set('HighBit', 11);
  ds.set('PixelRepresentation', 0);
  ds.set('RescaleIntercept', -1024);
  ds.set('RescaleSlope', 1);
  const pixels = new Uint16Array(512 * 512).map((_, i) => (i * 7) & 0xfff);
  ds.set('PixelData', new Uint8Array(pixels.buffer), 'OW');
  return ds;
}

/** Median MB/s of `runs` writes of a data set of `size` bytes (uncompressed, so deflate compares). */
function throughput(size: number, write: () => Uint8Array, runs = 15): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    write();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return size / 1e6 / (times[runs >> 1]! / 1000);
}

it('writes a 512x512 CT at hundreds of MB/s (raw copy) and tens (byte swap, deflate)', () => {
  const created = ctLike();
  const bytes = writeDicom({ dataset: created });
  const parsed = parseDicom(bytes);
  const size = bytes.length;
  const figures = {
    created: throughput(size, () => writeDicom({ dataset: created })),
    parsedSameSyntax: throughput(size, () => writeDicom(parsed)),
    parsedToBigEndian: throughput(size, () => writeDicom(parsed, { transferSyntax: TransferSyntax.ExplicitVRBigEndian })),
    parsedToImplicit: throughput(size, () => writeDicom(parsed, { transferSyntax: TransferSyntax.ImplicitVRLittleEndian })),
    parsedToDeflated: throughput(size, () => writeDicom(parsed, { transferSyntax: TransferSyntax.DeflatedExplicitVRLittleEndian }), 5),
  };
  console.log('write throughput, MB/s:', Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v)])));
  expect(figures.parsedSameSyntax).toBeGreaterThan(50);
  expect(figures.parsedToBigEndian).toBeGreaterThan(20);
});
