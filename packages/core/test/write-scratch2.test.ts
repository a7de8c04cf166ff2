import { test } from 'vitest';
import { ELEMENT_ROWS } from '../../dictionary/src/generated/elements.js';
test('pick', () => {
  const want = ['US','SS','UL','SL','FL','FD','AT','OW','OF','OD','OL','OV','SV','UV','OB','UN','LO','DS','IS','UT','UR','UC','SQ'];
  for (const vr of want) {
    const rows = ELEMENT_ROWS.filter(r => r[1] === vr && !r[6] && r[0] >>> 16 >= 8 && (r[0] >>> 16) !== 0x7fe0 && r[5] === 0);
    console.log(vr, rows.length, rows.slice(0, 3).map(r => r[0].toString(16).padStart(8, '0') + ' ' + r[3] + ' ' + r[2]).join(', '));
  }
});
