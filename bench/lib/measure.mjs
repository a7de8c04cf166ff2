// Timing and memory measurement: warm-up, repeated samples, median; memory as retained deltas.

/**
 * Full GCs until the heap settles, for memory deltas (bench/run.mjs runs node with --expose-gc):
 * a turn of the event loop between them lets pending callbacks drop their references and
 * freed ArrayBuffers leave the external count.
 */
async function collect() {
  if (!globalThis.gc) throw new Error('memory measurement needs node --expose-gc');
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times each function of `subjects` (sync or async) in interleaved rounds, so that a busy machine
 * slows every subject alike: `warmup` untimed rounds, then rounds until both `minIterations` and
 * `minTime` ms in all are reached (at most `maxIterations`). In a round each subject is called
 * twice and only the second call is timed: the first pays the GC debt that the previous subject
 * left, so no subject is charged for another's garbage while its own garbage stays part of its cost
 * (no GC is forced). Returns { name: { median, samples } } in ms.
 */
export async function compare(subjects, { warmup = 2, minIterations = 10, maxIterations = 50, minTime = 3000 } = {}) {
  const entries = Object.entries(subjects);
  for (let i = 0; i < warmup; i++) for (const [, fn] of entries) await fn();
  const samples = Object.fromEntries(entries.map(([name]) => [name, []]));
  let spent = 0;
  for (let round = 0; round < maxIterations && (round < minIterations || spent < minTime); round++) {
    for (const [name, fn] of entries) {
      await fn();
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
  await collect();
  const before = footprint();
  const result = await fn();
  await collect();
  const after = footprint();
  return { rss: (after.rss - before.rss) / MiB, heap: (after.heap - before.heap) / MiB, result };
}
