// The metadata panel: the instance's data set as a searchable tree, with the lines of `dcmkit dump`
// (dumpLines): sequences and items open and close, the search keeps matching lines and their parents.
import { dumpLines } from '@dcmkit/core';
import { h, replaceChildren } from '../dom.js';
import type { InstanceMetadata } from '../study/study-source.js';

/** The first line when bulk data was not retrieved, in the dump's comment style. */
const BULK_DATA_LEFT_OUT = '# From the archive metadata (WADO-RS): bulk data such as Pixel Data is not retrieved and shows empty';

interface TreeNode {
  text: string;
  children: TreeNode[];
}

/** The dump's lines nested by their indentation (two spaces a level). */
async function dumpTree({ file, bulkDataLeftOut }: InstanceMetadata): Promise<TreeNode[]> {
  const root: TreeNode = { text: '', children: bulkDataLeftOut ? [{ text: BULK_DATA_LEFT_OUT, children: [] }] : [] };
  const open: TreeNode[] = [root];
  for await (const line of dumpLines(file)) {
    if (line === '') continue;
    const depth = (line.length - line.trimStart().length) >> 1;
    const node = { text: line.trimStart(), children: [] };
    open.length = Math.min(open.length, depth + 1);
    open.at(-1)!.children.push(node);
    open.push(node);
  }
  return root.children;
}

function render(nodes: readonly TreeNode[]): HTMLElement[] {
  return nodes.map((node) =>
    node.children.length
      ? h('details', { open: true }, h('summary', { class: 'line' }, node.text), ...render(node.children))
      : h('div', { class: 'line' }, node.text),
  );
}

/** Shows elements whose line contains `query` (and their parents); all when empty. Returns whether any matched. */
function filter(element: Element, query: string): boolean {
  let any = false;
  for (const child of Array.from(element.children)) {
    if (child.tagName === 'SUMMARY') continue;
    const own = (child.tagName === 'DETAILS' ? child.querySelector(':scope > summary')! : child).textContent!.toLowerCase().includes(query);
    const inside = child.tagName === 'DETAILS' && filter(child, query);
    const shown = !query || own || inside;
    (child as HTMLElement).hidden = !shown;
    if (child.tagName === 'DETAILS' && query && inside) (child as HTMLDetailsElement).open = true;
    any ||= shown;
  }
  return any;
}

export class MetadataPanel {
  readonly #search = h('input', { type: 'search', placeholder: 'Filter: tag, keyword or value', 'aria-label': 'filter metadata' });
  readonly #tree = h('div', { class: 'tree', 'data-testid': 'metadata-tree' });
  readonly element = h('section', { class: 'metadata', 'data-testid': 'metadata' }, this.#search, this.#tree);
  #shown?: string;

  constructor() {
    this.#search.addEventListener('input', () => filter(this.#tree, this.#search.value.trim().toLowerCase()));
  }

  /** Shows the instance `key` (opened by `open` unless it is the one shown). */
  async show(key: string, open: () => Promise<InstanceMetadata>): Promise<void> {
    if (this.#shown === key) return;
    this.#shown = key;
    replaceChildren(this.#tree, h('div', { class: 'status' }, 'Loading…'));
    try {
      const nodes = await dumpTree(await open());
      if (this.#shown !== key) return;
      replaceChildren(this.#tree, ...render(nodes));
      filter(this.#tree, this.#search.value.trim().toLowerCase());
    } catch (error) {
      if (this.#shown === key) replaceChildren(this.#tree, h('div', { class: 'status' }, `Cannot read this instance: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
}
