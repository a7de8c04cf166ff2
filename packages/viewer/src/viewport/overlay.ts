// The text in the four corners of a viewport. Every value goes in as textContent.
import { h } from '../dom.js';

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export class Overlay {
  readonly element = h('div', { class: 'overlay' });
  readonly #corners = new Map<Corner, HTMLElement>();

  constructor() {
    for (const corner of ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const) {
      const node = h('div', { class: `corner ${corner}`, 'data-corner': corner });
      this.#corners.set(corner, node);
      this.element.append(node);
    }
  }

  /** Sets a corner's lines (empty ones are left out). */
  set(corner: Corner, lines: readonly string[]): void {
    const node = this.#corners.get(corner)!;
    const wanted = lines.filter(Boolean);
    while (node.childElementCount > wanted.length) node.lastElementChild!.remove();
    wanted.forEach((text, i) => {
      const line = (node.children[i] as HTMLElement | undefined) ?? node.appendChild(h('div'));
      if (line.textContent !== text) line.textContent = text;
    });
  }
}
