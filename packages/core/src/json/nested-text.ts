/**
 * Text of a nested structure (data sets in sequence items), written depth first from an explicit
 * stack so that any nesting depth is written: `expand` gives a node's text in order, as strings and
 * the nodes nested in it.
 */
export function writeNested<T extends object>(root: T, expand: (node: T) => (string | T)[]): string {
  const out: string[] = [];
  const stack = [{ parts: expand(root), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.parts.length) {
      stack.pop();
      continue;
    }
    const part = top.parts[top.next++]!;
    if (typeof part === 'string') out.push(part);
    else stack.push({ parts: expand(part), next: 0 });
  }
  return out.join('');
}
