// The header of one slice of a helical CT series, shaped like a scanner's output: the modules of
// the CT Image IOD (PS3.3 A.3) plus Siemens-like private blocks, about 140 elements.
import { el, sq } from './writer.mjs';
import { RESCALE_INTERCEPT, PIXEL_PADDING, uid, xorshift32 } from './phantom.mjs';
import { code, studyElements } from './study.mjs';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const SLICE_THICKNESS = 1.0;

/** Deterministic bytes standing in for a vendor's binary private header. */
function vendorBlob(length, seed) {
  const out = new Uint8Array(length);
  const rand = xorshift32(seed);
  out.set([0x53, 0x56, 0x31, 0x30, 4, 3, 2, 1]); // "SV10" and a version, as such headers start
  for (let i = 8; i < length; i++) out[i] = i % 64 < 48 ? 0x41 + (rand() % 26) : 0;
  return out;
}

/** Image Pixel module of 16-bit signed monochrome pixels (PS3.3 C.7.6.3). */
export const imagePixelElements = (rows, columns) => [
  el(0x00280002, 'US', 1),
  el(0x00280004, 'CS', 'MONOCHROME2'),
  el(0x00280010, 'US', rows),
  el(0x00280011, 'US', columns),
  el(0x00280100, 'US', 16),
  el(0x00280101, 'US', 16),
  el(0x00280102, 'US', 15),
  el(0x00280103, 'US', 1),
];

/** The SOP Instance UID of slice `index` (0-based) of a series. */
export const sliceUid = (series, index) => uid(series.seed, index + 1);

/** Elements of slice `index` (0-based) of `count`, Pixel Data excepted (it is written separately). */
export function ctSliceElements(series, index, count, rows = 512, columns = 512) {
  const z = -(index * SLICE_THICKNESS) - 50;
  const time = `1015${String(10 + Math.floor(index / 60)).padStart(2, '0')}.${String(123456 + index * 371).slice(0, 6)}`;
  const neighbour = (k) => sliceUid(series, Math.min(count - 1, Math.max(0, k)));
  return [
    ...studyElements(series),
    ...imagePixelElements(rows, columns),
    // SOP Common, General Image, General Series (PS3.3 C.12.1, C.7.6.1, C.7.3.1).
    el(0x00080008, 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL', 'CT_SOM5 SPI']),
    el(0x00080012, 'DA', '20240312'),
    el(0x00080013, 'TM', time),
    el(0x00080016, 'UI', CT_IMAGE_STORAGE),
    el(0x00080018, 'UI', sliceUid(series, index)),
    el(0x00080033, 'TM', time),
    el(0x0008103e, 'LO', 'Thorax 1.0 Br40 3'),
    sq(0x00081140, [index - 2, index - 1, index + 1].map((k) => [el(0x00081150, 'UI', CT_IMAGE_STORAGE), el(0x00081155, 'UI', neighbour(k))]), true),
    sq(0x00082112, [[el(0x00081150, 'UI', CT_IMAGE_STORAGE), el(0x00081155, 'UI', uid(series.seed, 9000 + index)), sq(0x0040a170, [code('121322', 'DCM', 'Source image for image processing operation')])]], true),
    // Siemens-like private block of group 0019 (PS3.5 7.8).
    el(0x00190010, 'LO', 'SIEMENS CT VA0  COAD'),
    el(0x00191090, 'DS', '180'),
    el(0x00191092, 'DS', '0.6'),
    el(0x00191093, 'DS', '500'),
    el(0x00191094, 'DS', '0.33'),
    el(0x00191095, 'SS', [1, 0]),
    el(0x00191096, 'UL', 672),
    el(0x001910b0, 'DS', '1.2'),
    el(0x001910b1, 'LO', 'Spiral'),
    el(0x001910b2, 'LO', 'T'),
    // CT Image and acquisition (PS3.3 C.8.2.1, C.8.15).
    el(0x00180022, 'CS', 'HELICAL_CT'),
    el(0x00180050, 'DS', SLICE_THICKNESS.toFixed(1)),
    el(0x00180060, 'DS', '120'),
    el(0x00180088, 'DS', SLICE_THICKNESS.toFixed(1)),
    el(0x00180090, 'DS', '500'),
    el(0x00181100, 'DS', '380'),
    el(0x00181110, 'DS', '1085.6'),
    el(0x00181111, 'DS', '595'),
    el(0x00181120, 'DS', '0'),
    el(0x00181130, 'DS', '165'),
    el(0x00181140, 'CS', 'CW'),
    el(0x00181150, 'IS', '500'),
    el(0x00181151, 'IS', String(180 + (index % 40))),
    el(0x00181152, 'IS', '90'),
    el(0x00181160, 'SH', 'FLAT'),
    el(0x00181170, 'IS', '22'),
    el(0x00181190, 'DS', '1.2'),
    el(0x00181200, 'DA', '20240311'),
    el(0x00181201, 'TM', '071522.000000'),
    el(0x00181210, 'SH', ['B40f', 'medium']),
    el(0x00189302, 'CS', 'SPIRAL'),
    el(0x00189305, 'FD', 0.5),
    el(0x00189306, 'FD', 0.6),
    el(0x00189307, 'FD', 38.4),
    el(0x00189309, 'FD', 46.08),
    el(0x00189310, 'FD', 23.04),
    el(0x00189311, 'FD', 0.6),
    el(0x00189313, 'FD', [0, -165, z]),
    el(0x00189318, 'FD', [0.5, -165.3, z]),
    el(0x00189323, 'CS', 'XYZ_EC'),
    el(0x00189324, 'FD', 31.2),
    el(0x00189345, 'FD', 7.84),
    sq(0x00189346, [code('113691', 'DCM', 'IEC Body Dosimetry Phantom')]),
    // Image plane (PS3.3 C.7.6.2).
    el(0x00200012, 'IS', '1'),
    el(0x00200013, 'IS', String(index + 1)),
    el(0x00200032, 'DS', ['-189.6289062', '-354.6289062', z.toFixed(1)]),
    el(0x00200037, 'DS', ['1', '0', '0', '0', '1', '0']),
    el(0x00201041, 'DS', z.toFixed(1)),
    el(0x00204000, 'LT', 'Arterial phase'),
    el(0x00280030, 'DS', ['0.7421875', '0.7421875']),
    // CT Image pixel value range, padding, VOI LUT and rescale (PS3.3 C.8.2.1, C.11.2).
    el(0x00280106, 'SS', PIXEL_PADDING),
    el(0x00280107, 'SS', 2046),
    el(0x00280120, 'SS', PIXEL_PADDING),
    el(0x00281050, 'DS', ['40', '-600']),
    el(0x00281051, 'DS', ['400', '1200']),
    el(0x00281052, 'DS', String(RESCALE_INTERCEPT)),
    el(0x00281053, 'DS', '1'),
    el(0x00281054, 'LO', 'HU'),
    el(0x00281055, 'LO', ['WINDOW1', 'WINDOW2']),
    // Siemens-like CSA headers of group 0029.
    el(0x00290010, 'LO', 'SIEMENS CSA HEADER'),
    el(0x00290011, 'LO', 'SIEMENS MEDCOM HEADER'),
    el(0x00291008, 'CS', 'IMAGE NUM 4'),
    el(0x00291009, 'LO', '20240312'),
    el(0x00291010, 'OB', vendorBlob(6012, series.seed ^ index)),
    el(0x00291018, 'CS', 'SERIES NUM 4'),
    el(0x00291019, 'LO', '20240312'),
    el(0x00291020, 'OB', vendorBlob(9236, series.seed)),
    el(0x00291131, 'LO', '4.0.23130115'),
    el(0x00291132, 'LO', '0.0'),
    el(0x00291134, 'CS', 'DB TO DICOM'),
  ];
}
