// The readable form of benchmark records: per suite, one row per subject, one column per metric.

const format = (v) => {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
};

export function renderTable(records) {
  const lines = [];
  for (const suite of [...new Set(records.map((r) => r.suite))]) {
    const rows = records.filter((r) => r.suite === suite);
    const subjects = [...new Set(rows.map((r) => r.subject))];
    const metrics = [...new Map(rows.map((r) => [r.metric, r.unit])).entries()];
    const header = ['subject', ...metrics.map(([m, u]) => (m === u ? m : `${m} (${u})`))];
    const body = subjects.map((s) => [s, ...metrics.map(([m]) => {
      const r = rows.find((x) => x.subject === s && x.metric === m);
      return r ? format(r.value) : '';
    })]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    lines.push(`## ${suite}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), '');
  }
  return lines.join('\n');
}
