// Timing and memory measurement: warm-up, repeated samples, median; memory as retained deltas.

/** A full GC, for memory deltas (bench/run.mjs runs node with --expose-gc). */
const collect = () => {
  if (!globalThis.gc) throw new Error('memory measurement needs node --expose-gc');
  globalThis.gc();
};

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times each function of `subjects` (sync or async) in interleaved rounds, so that a busy machine
 * slows every subject alike: `warmup` untimed rounds, then rounds until both `minIterations` and
 * `minTime` ms in all are reached (at most `maxIterations`). No GC is forced between samples: the
 * collection of a subject's garbage is part of its cost. Returns { name: { median, samples } } in ms.
 */
export async function compare(subjects, { warmup = 3, minIterations = 10, maxIterations = 50, minTime = 3000 } = {}) {
  const entries = Object.entries(subjects);
  for (let i = 0; i < warmup; i++) for (const [, fn] of entries) await fn();
  const samples = Object.fromEntries(entries.map(([name]) => [name, []]));
  let spent = 0;
  for (let round = 0; round < maxIterations && (round < minIterations || spent < minTime); round++) {
    for (const [name, fn] of entries) {
      const t0 = performance.now();
      await fn();
      const dt = performance.now() - t0;
      samples[name].push(dt);
      spent += dt;
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, { median: median(samples[name]), samples: samples[name] }]));
}

/** Times one function (see compare). */
export const sample = async (fn, options) => (await compare({ fn }, options)).fn;

const MiB = 1024 * 1024;
const footprint = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external };
};

/**
 * Memory that the result of `fn` keeps alive: RSS and heap + external (ArrayBuffers) after a
 * full GC, minus the same before, in MiB; with the result, still alive.
 */
export async function retained(fn) {
  collect();
  const before = footprint();
  const result = await fn();
  collect();
  const after = footprint();
  return { rss: (after.rss - before.rss) / MiB, heap: (after.heap - before.heap) / MiB, result };
}
