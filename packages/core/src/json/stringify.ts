// JSON text of any nesting depth: JSON.stringify recurses and overflows the call stack on data sets
// nested some thousands deep, which a DICOM file may be.
import { writeNested } from './nested-text.js';

/** Container parts, as writeNested takes them: text and the containers nested in it. */
function containerParts(node: object): (string | object)[] {
  const part = (v: unknown): string | object => (v !== null && typeof v === 'object' ? v : (JSON.stringify(v) ?? 'null'));
  if (Array.isArray(node)) {
    const parts: (string | object)[] = ['['];
    node.forEach((v, i) => parts.push(...(i ? [','] : []), part(v)));
    parts.push(']');
    return parts;
  }
  const parts: (string | object)[] = ['{'];
  let first = true;
  for (const [key, v] of Object.entries(node)) {
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${first ? '' : ','}${JSON.stringify(key)}:`, part(v));
    first = false;
  }
  parts.push('}');
  return parts;
}

/**
 * The text JSON.stringify gives for plain JSON data (objects, arrays, strings, numbers, booleans, null),
 * at any depth: JSON.stringify itself while it can, an explicit stack past the depth it overflows at.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value) as string;
  } catch (e) {
    if (!(e instanceof RangeError) || value === null || typeof value !== 'object') throw e;
    return writeNested<object>(value, containerParts);
  }
}
