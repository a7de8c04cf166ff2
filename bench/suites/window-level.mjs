// window-level: rendering a 512x512 int16 CT frame to RGBA through the combined Modality + VOI +
// Presentation lookup table, against a plain copy of the same frame bytes.
export const name = 'window-level';
export const description = 'renderFrame on a 512x512 int16 CT frame (LUT path) vs a plain typed-array copy of its bytes';

const SIZE = 512;

/** A deterministic CT-like frame: a water disc (~0 HU) with a bone ring and noise in air, stored with intercept -1024. */
function ctFrame() {
  const data = new Int16Array(SIZE * SIZE);
  let seed = 12345;
  const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 41 - 20;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const r = Math.hypot(x - SIZE / 2, y - SIZE / 2);
      const hu = r < 180 ? 40 + 30 * Math.sin(x / 9) * Math.cos(y / 13) : r < 200 ? 1200 : -1000;
      data[y * SIZE + x] = hu + 1024 + noise();
    }
  }
  return { data, dtype: 'int16', rows: SIZE, columns: SIZE, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', index: 0 };
}

export async function run(ctx) {
  const { DataSet } = await import('@dcmkit/core');
  const { renderFrame } = await import('@dcmkit/pixel');
  const ds = new DataSet();
  ds.set('Modality', 'CT');
  ds.set('RescaleSlope', 1);
  ds.set('RescaleIntercept', -1024);
  const frame = ctFrame();
  const windows = [
    { center: 40, width: 400 },
    { center: -600, width: 1500 },
    { center: 480, width: 2500 },
  ];
  let w = 0;
  const subjects = {
    'plain copy (Int16Array.slice, 512 KiB)': () => frame.data.slice(),
    // The same copy written as a JavaScript loop: the speed of one typed-array read and write per pixel.
    'plain copy, JavaScript loop (Int16Array to Int16Array)': (() => {
      const to = new Int16Array(SIZE * SIZE);
      return () => {
        const from = frame.data;
        for (let i = 0; i < from.length; i++) to[i] = from[i];
        return to;
      };
    })(),
    'plain copy of the RGBA size (Uint8ClampedArray.slice, 1 MiB)': (() => {
      const rgba = new Uint8ClampedArray(SIZE * SIZE * 4);
      return () => rgba.slice();
    })(),
    // Dragging the window: the frame's value range is known, each call builds a new LUT and maps.
    'renderFrame, new window each call (LUT)': () => renderFrame(frame, ds, { window: windows[w++ % windows.length] }),
    // The same into one reused RGBA buffer, as a viewer drawing into its ImageData does.
    'renderFrame into a reused buffer, new window each call (LUT)': (() => {
      const into = new Uint8ClampedArray(SIZE * SIZE * 4);
      return () => renderFrame(frame, ds, { window: windows[w++ % windows.length], into });
    })(),
    // A frame seen for the first time: a new array view, so its value range is scanned first.
    'renderFrame, first render of a frame (range scan + LUT)': () => renderFrame({ ...frame, data: new Int16Array(frame.data.buffer) }, ds, { window: windows[0] }),
    // Per-pixel math instead of a table (as for float frames): the same values as float32.
    'renderFrame, per-pixel math (float32 frame)': (() => {
      const float = { ...frame, data: Float32Array.from(frame.data), dtype: 'float32' };
      return () => renderFrame(float, ds, { window: windows[0] });
    })(),
  };
  const results = await ctx.compare(subjects);
  const copy = results['plain copy (Int16Array.slice, 512 KiB)'].median;
  const records = [];
  for (const [subject, { median }] of Object.entries(results)) {
    records.push({ suite: name, subject, metric: 'ms', value: median, unit: 'ms' });
    records.push({ suite: name, subject, metric: 'vs_copy', value: median / copy, unit: 'x' });
    records.push({ suite: name, subject, metric: 'Mpixel_per_s', value: (SIZE * SIZE) / median / 1000, unit: 'Mpx/s' });
  }
  return records;
}
