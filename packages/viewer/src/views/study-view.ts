// A study: series thumbnails, a toolbar, a grid of viewports (1x1, 1x2, 2x2) and a side panel with the
// measurements and the metadata of the active viewport's image.
import type { DataSet, InstanceNode } from '@dcmkit/core';
import { WINDOW_PRESETS } from '@dcmkit/pixel';
import { h, replaceChildren } from '../dom.js';
import type { FrameStore } from '../frames/frame-store.js';
import { seriesStack, type SeriesItem, type StudySource } from '../study/study-source.js';
import { displayDate, displayName } from '../viewport/image-info.js';
import type { Measurement } from '../viewport/annotations.js';
import { Viewport, type Tool } from '../viewport/viewport.js';
import { pdfView, reportView } from './document-view.js';
import { MetadataPanel } from './metadata-panel.js';
import { seriesPanel } from './series-panel.js';

/** Presets by number key: 1 is the first of WINDOW_PRESETS, 9 the ninth. */
const PRESET_NAMES = Object.keys(WINDOW_PRESETS);

/** How long the current image must stay before the metadata panel follows it. */
const METADATA_DELAY_MS = 250;

const LAYOUTS = { '1x1': [1, 1], '1x2': [1, 2], '2x2': [2, 2] } as const;
type Layout = keyof typeof LAYOUTS;

const TOOLS: [Tool, string][] = [
  ['window', 'W/L'],
  ['pan', 'Pan'],
  ['zoom', 'Zoom'],
  ['length', 'Length'],
  ['rectangle', 'Rectangle'],
  ['ellipse', 'Ellipse'],
];

type SideTab = 'measurements' | 'metadata';

/** One place of the grid: a viewport, or a document shown instead. */
interface Cell {
  element: HTMLElement;
  viewport: Viewport;
  series?: SeriesItem;
  document?: { element: HTMLElement; release?(): void };
}

export class StudyView {
  readonly element: HTMLElement;
  readonly #grid = h('div', { class: 'grid', 'data-testid': 'grid' });
  readonly #measurements = h('ol', { class: 'measurements', 'data-testid': 'measurements' });
  readonly #metadata = new MetadataPanel();
  readonly #side = h('aside', { class: 'side' });
  readonly #cells: Cell[] = [];
  /** Each instance's series, by SOP Instance UID (for the metadata panel). */
  readonly #instances = new Map<string, { series: SeriesItem; instance: InstanceNode<DataSet> }>();
  #active = 0;
  #tool: Tool = 'window';
  #sideTab: SideTab = 'measurements';
  readonly #fps = h('input', { type: 'number', min: 1, max: 60, value: 10, class: 'fps', 'aria-label': 'frames per second', title: 'frames per second' });
  readonly #play = h('button', { type: 'button', 'data-testid': 'cine' }, 'Play');
  readonly #toolButtons = new Map<Tool, HTMLButtonElement>();
  #metadataTimer?: ReturnType<typeof setTimeout>;

  constructor(
    readonly source: StudySource,
    readonly store: FrameStore,
    actions: HTMLElement[] = [],
  ) {
    for (const series of source.series) for (const instance of series.instances) this.#instances.set(instance.sopInstanceUID, { series, instance });
    const { patient, study } = source;
    const header = h(
      'header',
      { class: 'study-header' },
      ...actions,
      h('strong', { 'data-testid': 'patient-name' }, displayName(patient.patientName) || '(no name)'),
      h('span', {}, patient.patientID),
      h('span', {}, displayDate(study.studyDate)),
      h('span', {}, study.studyDescription),
      h('span', { class: 'origin' }, source.origin === 'local' ? 'local files' : 'archive'),
    );
    this.element = h(
      'section',
      { class: 'study-view', 'data-testid': 'study-view' },
      header,
      seriesPanel(source, store, (series) => void this.showSeries(this.#active, series)),
      h('div', { class: 'main' }, this.#toolbar(), this.#grid),
      this.#side,
    );
    this.element.addEventListener('keydown', (e) => this.#key(e));
    this.setLayout('1x1');
    this.#renderSide();
    const first = source.series.find((s) => s.kind === 'images') ?? source.series[0];
    if (first) void this.showSeries(0, first);
  }

  get activeViewport(): Viewport {
    return this.#cells[this.#active]!.viewport;
  }

  get viewports(): Viewport[] {
    return this.#cells.map((c) => c.viewport);
  }

  setLayout(layout: Layout): void {
    const [rows, columns] = LAYOUTS[layout];
    const count = rows * columns;
    while (this.#cells.length < count) this.#cells.push(this.#newCell(this.#cells.length));
    for (const cell of this.#cells.splice(count)) {
      cell.viewport.setStack(undefined);
      cell.document?.release?.();
    }
    this.#grid.style.gridTemplateColumns = `repeat(${columns}, 1fr)`;
    this.#grid.style.gridTemplateRows = `repeat(${rows}, 1fr)`;
    replaceChildren(this.#grid, ...this.#cells.map((c) => c.element));
    // New places get the next series not shown yet.
    const shown = new Set(this.#cells.map((c) => c.series?.uid));
    const rest = this.source.series.filter((s) => !shown.has(s.uid));
    this.#cells.forEach((cell, i) => {
      if (!cell.series && rest.length) void this.showSeries(i, rest.shift()!);
    });
    this.#activate(Math.min(this.#active, count - 1));
  }

  /** Shows a series in place `index`: its images in the viewport, or its document. */
  async showSeries(index: number, series: SeriesItem): Promise<void> {
    const cell = this.#cells[index];
    if (!cell) return;
    cell.series = series;
    cell.document?.element.remove();
    cell.document?.release?.();
    cell.document = undefined;
    for (const button of this.element.querySelectorAll<HTMLElement>('.series')) button.classList.toggle('shown', this.#cells.some((c) => c.series?.uid === button.dataset.series));
    if (series.kind === 'images') {
      cell.viewport.element.hidden = false;
      cell.viewport.setStack(seriesStack(this.source, series));
      return;
    }
    cell.viewport.setStack(undefined);
    cell.viewport.element.hidden = true;
    const instance = series.instances[0];
    const placeholder = { element: h('div', { class: 'document' }, instance ? 'Loading…' : 'This series has no instances.') };
    cell.document = placeholder;
    cell.element.append(placeholder.element);
    if (index === this.#active) this.#showMetadata();
    if (!instance) return;
    try {
      const file = await this.source.openInstance(series, instance);
      const view: Cell['document'] & {} = series.kind === 'pdf' ? await pdfView(file) : series.kind === 'report' ? { element: reportView(file) } : { element: h('div', { class: 'document' }, 'This series has no images: see its metadata.') };
      if (cell.document !== placeholder) return view.release?.();
      placeholder.element.replaceWith(view.element);
      cell.document = view;
    } catch (error) {
      placeholder.element.textContent = `Cannot show this document: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #newCell(index: number): Cell {
    const viewport = new Viewport(this.store, {
      activate: () => this.#activate(index),
      image: () => {
        // While scrolling, the metadata panel waits for the slice to settle before reading the instance.
        if (index !== this.#active) return;
        clearTimeout(this.#metadataTimer);
        this.#metadataTimer = setTimeout(() => this.#showMetadata(), METADATA_DELAY_MS);
      },
      measurements: (list) => {
        if (index === this.#active) this.#showMeasurements(list);
      },
    });
    viewport.tool = this.#tool;
    return { element: h('div', { class: 'cell' }, viewport.element), viewport };
  }

  #activate(index: number): void {
    if (index === this.#active && this.#cells[index]?.element.classList.contains('active')) return;
    this.#active = index;
    this.#cells.forEach((c, i) => c.element.classList.toggle('active', i === index));
    this.#play.textContent = this.activeViewport.playing ? 'Stop' : 'Play';
    this.#showMeasurements(this.activeViewport.measurements);
    this.#showMetadata();
  }

  #toolbar(): HTMLElement {
    const toolButtons = TOOLS.map(([tool, label]) => {
      const button = h('button', { type: 'button', 'data-tool': tool, onclick: () => this.#setTool(tool) }, label);
      this.#toolButtons.set(tool, button);
      return button;
    });
    this.#setTool(this.#tool);
    const presets = h(
      'select',
      { 'aria-label': 'window preset', 'data-testid': 'presets' },
      h('option', { value: '' }, 'Presets'),
      ...PRESET_NAMES.map((name, i) => {
        const p = WINDOW_PRESETS[name]!;
        return h('option', { value: name }, `${i + 1} ${name} (W ${p.width} L ${p.center})`);
      }),
    );
    presets.addEventListener('change', () => {
      if (presets.value) this.activeViewport.applyPreset(presets.value);
      presets.value = '';
    });
    const layout = h('select', { 'aria-label': 'layout', 'data-testid': 'layout' }, ...Object.keys(LAYOUTS).map((l) => h('option', { value: l }, l)));
    layout.addEventListener('change', () => this.setLayout(layout.value as Layout));
    const act = (label: string, title: string, run: (v: Viewport) => void) => h('button', { type: 'button', title, onclick: () => run(this.activeViewport) }, label);
    this.#play.addEventListener('click', () => this.#toggleCine());
    this.#fps.addEventListener('input', () => this.activeViewport.setCineRate(this.#cineRate()));
    return h(
      'div',
      { class: 'toolbar', role: 'toolbar' },
      h('span', { class: 'group' }, ...toolButtons),
      h('span', { class: 'group' }, presets, act('Invert', 'invert (i)', (v) => v.toggleInvert())),
      h(
        'span',
        { class: 'group' },
        act('Rotate', 'rotate 90° clockwise', (v) => v.rotate(90)),
        act('Flip H', 'flip horizontally', (v) => v.flip(true)),
        act('Flip V', 'flip vertically', (v) => v.flip(false)),
        act('Fit', 'fit (f)', (v) => v.fit()),
        act('Reset', 'reset (r)', (v) => v.reset()),
        act('Clear', 'clear the measurements of this image', (v) => v.clearMeasurements()),
      ),
      h('span', { class: 'group' }, this.#play, this.#fps, h('span', {}, 'fps')),
      h('span', { class: 'group' }, layout),
    );
  }

  #setTool(tool: Tool): void {
    this.#tool = tool;
    for (const cell of this.#cells) cell.viewport.tool = tool;
    for (const [t, button] of this.#toolButtons) button.classList.toggle('selected', t === tool);
  }

  #cineRate(): number {
    return Math.max(1, Math.min(60, Number(this.#fps.value) || 10));
  }

  #toggleCine(): void {
    const viewport = this.activeViewport;
    if (viewport.playing) viewport.stopCine();
    else viewport.playCine(this.#cineRate());
    this.#play.textContent = viewport.playing ? 'Stop' : 'Play';
  }

  #key(e: KeyboardEvent): void {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.ctrlKey || e.metaKey || e.altKey) return;
    const v = this.activeViewport;
    const steps: Record<string, number> = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1, PageUp: -10, PageDown: 10 };
    if (e.key in steps) v.scroll(steps[e.key]!);
    else if (e.key === 'Home') v.show(0);
    else if (e.key === 'End') v.show(Infinity);
    else if (/^[1-9]$/.test(e.key) && PRESET_NAMES[Number(e.key) - 1]) v.applyPreset(PRESET_NAMES[Number(e.key) - 1]!);
    else if (e.key === 'i') v.toggleInvert();
    else if (e.key === 'r') v.reset();
    else if (e.key === 'f') v.fit();
    else if (e.key === ' ') this.#toggleCine();
    else return;
    e.preventDefault();
  }

  #renderSide(): void {
    const tab = (name: SideTab, label: string) =>
      h('button', { type: 'button', class: this.#sideTab === name ? 'selected' : '', 'data-tab': name, onclick: () => ((this.#sideTab = name), this.#renderSide(), this.#showMetadata()) }, label);
    replaceChildren(this.#side, h('div', { class: 'tabs' }, tab('measurements', 'Measurements'), tab('metadata', 'Metadata')), this.#sideTab === 'measurements' ? this.#measurements : this.#metadata.element);
  }

  #showMeasurements(list: readonly Measurement[]): void {
    const names = { length: 'Length', rectangle: 'Rectangle', ellipse: 'Ellipse' };
    replaceChildren(this.#measurements, ...list.map((m) => h('li', { 'data-tool': m.tool }, `${names[m.tool]}: ${m.label}`)));
  }

  /** The metadata panel follows the active place's image (or document). */
  #showMetadata(): void {
    if (this.#sideTab !== 'metadata') return;
    const cell = this.#cells[this.#active];
    const sop = cell?.viewport.image?.sopInstanceUID ?? cell?.series?.instances[0]?.sopInstanceUID;
    const entry = sop ? this.#instances.get(sop) : undefined;
    if (entry) void this.#metadata.show(sop!, () => this.source.instanceMetadata(entry.series, entry.instance));
  }
}
