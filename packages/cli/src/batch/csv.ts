// CSV text (RFC 4180): fields with a comma, quote or line break quoted, quotes doubled; CRLF line ends.

const field = (v: string | number | undefined) => {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvText = (header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string =>
  [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
