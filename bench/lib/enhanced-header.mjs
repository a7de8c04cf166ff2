// The header of an Enhanced CT image (PS3.3 A.38): shared and per-frame functional groups, one
// Per-frame Functional Groups item of six macros for every frame, as scanners write them.
import { el, sq } from './writer.mjs';
import { RESCALE_INTERCEPT, uid } from './phantom.mjs';
import { studyElements } from './study.mjs';
import { imagePixelElements } from './ct-header.mjs';

export const ENHANCED_CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2.1';
const IN_STACK_POSITION_NUMBER = 0x00209057;
const STACK_ID = 0x00209056;
const FRAME_CONTENT_SEQUENCE = 0x00209111;

const ACQUISITION_START = 10 * 3600 + 14 * 60 + 18.482411;
/** HHMMSS.FFFFFF of seconds since midnight (PS3.5 Table 6.2-1 TM). */
const dicomTime = (t) => {
  const two = (n) => String(Math.floor(n)).padStart(2, '0');
  return `${two(t / 3600)}${two((t % 3600) / 60)}${(t % 60).toFixed(6).padStart(9, '0')}`;
};

/** Per-frame functional groups of frame `index` (PS3.3 C.7.6.16.2). */
function perFrameItem(index) {
  const z = -index * 0.5 - 50;
  return [
    sq(0x00189321, [[el(0x00189328, 'FD', 500), el(0x00189330, 'FD', 180 + (index % 40)), el(0x00189332, 'FD', 90), el(0x00189345, 'FD', 7.84)]]),
    sq(0x00189326, [[el(0x00189313, 'FD', [0, -165, z]), el(0x00189318, 'FD', [0.5, -165.3, z]), el(0x00189327, 'FD', z - 1250)]]),
    sq(FRAME_CONTENT_SEQUENCE, [[
      el(0x00189074, 'DT', `20240312${dicomTime(ACQUISITION_START + index * 0.0125)}`),
      el(0x00189151, 'DT', `20240312${dicomTime(ACQUISITION_START)}`),
      el(0x00189220, 'FD', 500),
      el(STACK_ID, 'SH', '1'),
      el(IN_STACK_POSITION_NUMBER, 'UL', index + 1),
      el(0x00209157, 'UL', [1, index + 1]),
    ]]),
    sq(0x00209113, [[el(0x00200032, 'DS', ['-189.6289062', '-354.6289062', z.toFixed(1)])]]),
    sq(0x00289132, [[el(0x00281050, 'DS', ['40', '-600']), el(0x00281051, 'DS', ['400', '1200']), el(0x00281055, 'LO', ['WINDOW1', 'WINDOW2'])]]),
    sq(0x00289145, [[el(0x00281052, 'DS', String(RESCALE_INTERCEPT)), el(0x00281053, 'DS', '1'), el(0x00281054, 'LO', 'HU')]]),
  ];
}

/** Functional groups every frame shares (PS3.3 C.7.6.16.1). */
function sharedItem() {
  return [
    sq(0x00189301, [[el(0x00189302, 'CS', 'SPIRAL'), el(0x00189303, 'FD', 0), el(0x00189333, 'CS', 'NO'), el(0x00189334, 'CS', 'NO')]]),
    sq(0x00189304, [[el(0x00189305, 'FD', 0.5), el(0x00189306, 'FD', 0.6), el(0x00189307, 'FD', 38.4), el(0x00189309, 'FD', 46.08), el(0x00189310, 'FD', 23.04), el(0x00189311, 'FD', 0.6)]]),
    sq(0x00189314, [[el(0x00181100, 'DS', '380'), el(0x00181210, 'SH', 'B40f'), el(0x00189315, 'CS', 'ITERATIVE'), el(0x00189316, 'CS', 'MEDIUM'), el(0x00189319, 'FD', 0), el(0x00189320, 'SH', 'SOFT TISSUE')]]),
    sq(0x00189329, [[el(0x00089007, 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL', 'NONE']), el(0x00089205, 'CS', 'MONOCHROME'), el(0x00089206, 'CS', 'VOLUME'), el(0x00089207, 'CS', 'NONE')]]),
    sq(0x00209116, [[el(0x00200037, 'DS', ['1', '0', '0', '0', '1', '0'])]]),
    sq(0x00289110, [[el(0x00180050, 'DS', '0.5'), el(0x00280030, 'DS', ['0.7421875', '0.7421875'])]]),
  ];
}

/** All elements of an Enhanced CT image of `frames` frames, Pixel Data excepted. */
export function enhancedCtElements(series, frames, rows = 512, columns = 512) {
  const dimensionUid = uid(series.seed, 0xd);
  const dimension = (pointer, label) => [
    el(0x00209164, 'UI', dimensionUid),
    el(0x00209165, 'AT', pointer),
    el(0x00209167, 'AT', FRAME_CONTENT_SEQUENCE),
    el(0x00209421, 'LO', label),
  ];
  return [
    ...studyElements(series),
    ...imagePixelElements(rows, columns),
    // Enhanced CT Image, Multi-frame Dimension and Enhanced General Equipment (PS3.3 C.8.15.2, C.7.6.17).
    el(0x00080008, 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL', 'NONE']),
    el(0x00080012, 'DA', '20240312'),
    el(0x00080013, 'TM', '101512.000000'),
    el(0x00080016, 'UI', ENHANCED_CT_IMAGE_STORAGE),
    el(0x00080018, 'UI', uid(series.seed, 1)),
    el(0x00080033, 'TM', '101512.000000'),
    el(0x0008103e, 'LO', 'Thorax 0.5 Br40 3 Enhanced'),
    el(0x00089205, 'CS', 'MONOCHROME'),
    el(0x00089206, 'CS', 'VOLUME'),
    el(0x00089207, 'CS', 'NONE'),
    el(0x00180060, 'DS', '120'),
    el(0x00189004, 'CS', 'PRODUCT'),
    el(0x00200012, 'IS', '1'),
    el(0x00200013, 'IS', '1'),
    sq(0x00209221, [[el(0x00209164, 'UI', dimensionUid)]]),
    sq(0x00209222, [dimension(STACK_ID, 'Stack ID'), dimension(IN_STACK_POSITION_NUMBER, 'In-Stack Position Number')]),
    el(0x00280008, 'IS', String(frames)),
    el(0x00282110, 'CS', '00'),
    sq(0x52009229, [sharedItem()]),
    sq(0x52009230, Array.from({ length: frames }, (_, i) => perFrameItem(i))),
  ];
}
