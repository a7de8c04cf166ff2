// A stack viewport: one image of a series on a canvas, scrolled, windowed, zoomed, panned, rotated,
// flipped and measured. Grayscale goes through renderFrame's lookup table (Modality, VOI and
// Presentation LUT in one table, PS3.4 N.2), so a window drag repaints at display rate.
import { renderFrame, windowPreset, type PixelFrame, type Window } from '@dcmkit/pixel';
import { h } from '../dom.js';
import type { FrameStore } from '../frames/frame-store.js';
import type { ImageStack, StackImage } from '../frames/image-stack.js';
import { drawMeasurements, measurementText, type Measurement, type MeasureTool } from './annotations.js';
import { displayDate, displayName, displayNumber, frameSpacing, modalityOf } from './image-info.js';
import { Overlay } from './overlay.js';
import { apply, fitZoom, initialView, invert, viewMatrix, type Matrix, type ViewState } from './view-transform.js';
import type { Point } from './measure.js';

export type Tool = 'window' | 'pan' | 'zoom' | MeasureTool;

export interface ViewportEvents {
  /** The current image changed (a new slice, a new series). */
  image?(image: StackImage | undefined): void;
  /** The measurements of the current image changed. */
  measurements?(list: readonly Measurement[]): void;
  /** The viewport was clicked or focused. */
  activate?(): void;
}

interface Drag {
  button: number;
  tool: Tool;
  x: number;
  y: number;
  view: ViewState;
  window: Window;
  start: Point;
}

/** Window change per pointer pixel, relative to the window width at the start of the drag. */
const WINDOW_DRAG_RATE = 1 / 256;

export class Viewport {
  readonly element: HTMLDivElement;
  readonly canvas = h('canvas', { class: 'image', 'data-testid': 'viewport-canvas' });
  readonly slider = h('input', { type: 'range', class: 'slice-slider', min: 0, max: 0, value: 0, 'aria-label': 'image' });
  readonly #overlay = new Overlay();
  tool: Tool = 'window';
  /** Frames drawn so far (the performance test reads it). */
  framesDrawn = 0;

  #stack?: ImageStack;
  #index = 0;
  #frame?: { image: StackImage; data: PixelFrame };
  #window?: Window;
  #shownWindow?: Window;
  #invert = false;
  #view = initialView();
  #fitted = true;
  #status = '';
  #readout = '';
  readonly #measurements = new Map<string, Measurement[]>();
  #draft?: Measurement;
  #drag?: Drag;
  #pixelsDirty = true;
  #scheduled = false;
  readonly #imageCanvas = document.createElement('canvas');
  #imageData?: ImageData;
  #cine?: { fps: number; last: number; handle: number };

  constructor(
    readonly store: FrameStore,
    readonly events: ViewportEvents = {},
  ) {
    this.element = h('div', { class: 'viewport', tabindex: 0, 'data-testid': 'viewport' }, this.canvas, this.#overlay.element, this.slider);
    this.slider.addEventListener('input', () => this.show(Number(this.slider.value)));
    this.canvas.addEventListener('wheel', (e) => this.#wheel(e), { passive: false });
    this.canvas.addEventListener('pointerdown', (e) => this.#pointerDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.#pointerMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.#pointerUp(e));
    this.canvas.addEventListener('pointerleave', () => this.#setReadout(''));
    this.canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    this.element.addEventListener('focusin', () => this.events.activate?.());
    new ResizeObserver(() => this.#resize()).observe(this.element);
  }

  get stack(): ImageStack | undefined {
    return this.#stack;
  }

  get index(): number {
    return this.#index;
  }

  get image(): StackImage | undefined {
    return this.#stack?.images[this.#index];
  }

  /** The window shown now (undefined for colour images and VOI LUT tables). */
  get window(): Window | undefined {
    return this.#shownWindow;
  }

  get zoom(): number {
    return this.#view.zoom;
  }

  get measurements(): readonly Measurement[] {
    const image = this.image;
    return (image && this.#measurements.get(image.key)) ?? [];
  }

  /** Shows a series from its first image (or `index`), with the view and window reset. */
  setStack(stack: ImageStack | undefined, index = 0): void {
    this.stopCine();
    if (this.#stack) this.store.cancel(this);
    this.#stack = stack;
    this.#frame = undefined;
    this.#window = undefined;
    this.#shownWindow = undefined;
    this.#invert = false;
    this.#view = initialView();
    this.#fitted = true;
    this.slider.max = String(Math.max(0, (stack?.images.length ?? 1) - 1));
    this.show(index);
  }

  /** Scrolls to image `index` (clamped); draws it when decoded, keeping the last one until then. */
  show(index: number): void {
    const images = this.#stack?.images ?? [];
    this.#index = Math.max(0, Math.min(images.length - 1, Math.round(index)));
    this.slider.value = String(this.#index);
    const image = images[this.#index];
    this.events.image?.(image);
    this.events.measurements?.(this.measurements);
    if (!image) {
      this.#invalidate();
      return;
    }
    const cached = this.store.cached(image);
    if (cached) {
      this.#setFrame(image, cached);
    } else {
      this.#status = 'loading';
      this.#invalidate();
      this.store.load(image).then(
        (frame) => {
          if (this.image === image) this.#setFrame(image, frame);
        },
        (error: unknown) => {
          if (this.image !== image) return;
          this.#status = `cannot show this image: ${error instanceof Error ? error.message : String(error)}`;
          this.#invalidate();
        },
      );
    }
    this.store.prefetch(this, images, this.#index);
  }

  scroll(delta: number): void {
    this.show(this.#index + delta);
  }

  setWindow(window: Window | undefined): void {
    this.#window = window;
    this.#invalidate(true);
  }

  /** A named window of packages/pixel's WINDOW_PRESETS. */
  applyPreset(name: string): void {
    const preset = windowPreset(name);
    if (preset) this.setWindow(preset);
  }

  toggleInvert(): void {
    this.#invert = !this.#invert;
    this.#invalidate(true);
  }

  rotate(degrees: number): void {
    this.#view.rotation = (((this.#view.rotation + degrees) % 360) + 360) % 360;
    if (this.#fitted) this.fit();
    this.#invalidate();
  }

  flip(horizontal: boolean): void {
    if (horizontal) this.#view.flipH = !this.#view.flipH;
    else this.#view.flipV = !this.#view.flipV;
    this.#invalidate();
  }

  /** Zoom so the whole image fits, centred. */
  fit(): void {
    const image = this.#frame?.data;
    this.#fitted = true;
    if (!image) return;
    const size = { width: image.columns, height: image.rows };
    this.#view.zoom = fitZoom(size, this.canvas, this.#view.rotation, this.#aspect());
    this.#view.panX = 0;
    this.#view.panY = 0;
    this.#invalidate();
  }

  /** Back to the image's own window, no inversion, no rotation or flip, fitted. */
  reset(): void {
    this.#window = undefined;
    this.#invert = false;
    this.#view = initialView();
    this.fit();
    this.#invalidate(true);
  }

  /** Plays the stack at `fps` images per second, looping. */
  playCine(fps: number): void {
    this.stopCine();
    const tick = (now: number) => {
      const cine = this.#cine;
      if (!cine) return;
      if (now - cine.last >= 1000 / cine.fps) {
        cine.last = now;
        const count = this.#stack?.images.length ?? 0;
        if (count > 1) this.show((this.#index + 1) % count);
      }
      cine.handle = requestAnimationFrame(tick);
    };
    this.#cine = { fps, last: performance.now(), handle: requestAnimationFrame(tick) };
  }

  setCineRate(fps: number): void {
    if (this.#cine) this.#cine.fps = fps;
  }

  get playing(): boolean {
    return this.#cine !== undefined;
  }

  stopCine(): void {
    if (this.#cine) cancelAnimationFrame(this.#cine.handle);
    this.#cine = undefined;
  }

  clearMeasurements(): void {
    const image = this.image;
    if (image) this.#measurements.delete(image.key);
    this.events.measurements?.(this.measurements);
    this.#invalidate();
  }

  /** Client (CSS) coordinates of a point in image coordinates, e.g. (x + 0.5, y + 0.5) for a pixel's centre. */
  imageToClient(x: number, y: number): [number, number] {
    const [cx, cy] = apply(this.#matrix(), x, y);
    const box = this.canvas.getBoundingClientRect();
    const scale = this.#scale();
    return [box.left + cx / scale, box.top + cy / scale];
  }

  /** Draws now (normally done on the next animation frame). */
  drawNow(): void {
    this.#scheduled = false;
    this.#draw();
  }

  #setFrame(image: StackImage, data: PixelFrame): void {
    const first = !this.#frame;
    this.#frame = { image, data };
    this.#status = '';
    if (first && this.#fitted) this.fit();
    this.#invalidate(true);
  }

  /** Asks for a redraw on the next animation frame; `pixels` when the LUT output changed. */
  #invalidate(pixels = false): void {
    if (pixels) this.#pixelsDirty = true;
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      if (this.#scheduled) this.drawNow();
    });
  }

  /** Device pixels per CSS pixel: the canvas is sized in device pixels. */
  #scale(): number {
    return this.canvas.width / Math.max(1, this.canvas.clientWidth);
  }

  /** Rows are Pixel Spacing[0] apart, columns [1]: non-square pixels are stretched to their true shape. */
  #aspect(): number {
    const image = this.#frame?.image;
    const spacing = image && frameSpacing(image.dataset, image.frameIndex);
    return spacing ? spacing.row / spacing.column : 1;
  }

  #matrix(): Matrix {
    const frame = this.#frame?.data;
    const size = frame ? { width: frame.columns, height: frame.rows } : { width: 1, height: 1 };
    return viewMatrix(this.#view, size, this.canvas, this.#aspect());
  }

  #resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.element.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.element.clientHeight * ratio));
    if (this.canvas.width === width && this.canvas.height === height) return;
    this.canvas.width = width;
    this.canvas.height = height;
    if (this.#fitted) this.fit();
    this.#invalidate();
  }

  #renderPixels(frame: PixelFrame, image: StackImage): void {
    if (!this.#imageData || this.#imageData.width !== frame.columns || this.#imageData.height !== frame.rows) {
      this.#imageData = new ImageData(frame.columns, frame.rows);
      this.#imageCanvas.width = frame.columns;
      this.#imageCanvas.height = frame.rows;
    }
    const rendered = renderFrame(frame, image.dataset, {
      ...(this.#window ? { window: this.#window } : {}),
      invert: this.#invert,
      frameIndex: image.frameIndex,
      into: this.#imageData.data,
    });
    this.#shownWindow = rendered.window;
    this.#imageCanvas.getContext('2d')!.putImageData(this.#imageData, 0, 0);
  }

  #draw(): void {
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const shown = this.#frame;
    if (shown) {
      try {
        if (this.#pixelsDirty) this.#renderPixels(shown.data, shown.image);
        this.#pixelsDirty = false;
        const m = this.#matrix();
        ctx.setTransform(...m);
        ctx.imageSmoothingEnabled = this.#view.zoom < 1;
        ctx.drawImage(this.#imageCanvas, 0, 0);
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        const current = this.image === shown.image ? this.measurements : [];
        drawMeasurements(ctx, m, this.#draft ? [...current, this.#draft] : current, this.#scale());
        this.framesDrawn++;
      } catch (error) {
        this.#status = `cannot render this image: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.#updateOverlay();
  }

  #updateOverlay(): void {
    const image = this.image;
    const ds = image?.dataset;
    const count = this.#stack?.images.length ?? 0;
    const text = (keyword: Parameters<NonNullable<typeof ds>['getText']>[0]) => ds?.getText(keyword)?.trim() ?? '';
    this.#overlay.set('top-left', [displayName(text('PatientName')), text('PatientID'), [text('PatientSex'), displayDate(text('PatientBirthDate'))].filter(Boolean).join(' ')]);
    const seriesNumber = text('SeriesNumber');
    this.#overlay.set('top-right', [text('StudyDescription'), displayDate(text('StudyDate')), [seriesNumber && `Se ${seriesNumber}`, text('SeriesDescription')].filter(Boolean).join(': ')]);
    const frames = ds?.getNumber('NumberOfFrames') ?? 1;
    const w = this.#shownWindow;
    this.#overlay.set('bottom-left', [
      count ? `Im ${this.#index + 1}/${count}` : '',
      image && frames > 1 ? `Fr ${image.frameIndex + 1}/${frames}` : '',
      w ? `W ${displayNumber(w.width)} L ${displayNumber(w.center)}` : '',
      this.#invert ? 'inverted' : '',
    ]);
    this.#overlay.set('bottom-right', [this.#frame ? `Zoom ${Math.round(this.#view.zoom * 100)}%` : '', this.#readout, this.#status]);
  }

  #setReadout(text: string): void {
    if (text === this.#readout) return;
    this.#readout = text;
    this.#updateOverlay();
  }

  /** Image coordinates of a pointer event. */
  #imagePoint(e: MouseEvent): Point {
    const box = this.canvas.getBoundingClientRect();
    const scale = this.#scale();
    return apply(invert(this.#matrix()), (e.clientX - box.left) * scale, (e.clientY - box.top) * scale);
  }

  /** "(x, y) value unit" of the pixel under the pointer: the stored value through the Modality LUT. */
  #pixelReadout(point: Point): string {
    const shown = this.#frame;
    if (!shown) return '';
    const { data: frame, image } = shown;
    const x = Math.floor(point[0]);
    const y = Math.floor(point[1]);
    if (x < 0 || y < 0 || x >= frame.columns || y >= frame.rows) return '';
    const at = (y * frame.columns + x) * frame.samplesPerPixel;
    if (frame.samplesPerPixel > 1 || frame.photometricInterpretation === 'PALETTE COLOR') {
      return `(${x}, ${y}) ${Array.from(frame.data.subarray(at, at + frame.samplesPerPixel)).join(' ')}`;
    }
    const { value, unit } = modalityOf(image.dataset, image.frameIndex);
    return `(${x}, ${y}) ${displayNumber(value(frame.data[at]!))}${unit ? ` ${unit}` : ''}`;
  }

  #wheel(e: WheelEvent): void {
    e.preventDefault();
    if (e.ctrlKey) {
      this.#zoomAt(e, Math.exp(-e.deltaY / 500));
      return;
    }
    this.scroll(Math.sign(e.deltaY));
  }

  /** Zooms by `factor` keeping the image point under the pointer in place. */
  #zoomAt(e: MouseEvent, factor: number): void {
    const box = this.canvas.getBoundingClientRect();
    const scale = this.#scale();
    const px = (e.clientX - box.left) * scale - this.canvas.width / 2;
    const py = (e.clientY - box.top) * scale - this.canvas.height / 2;
    this.#view.panX = px - (px - this.#view.panX) * factor;
    this.#view.panY = py - (py - this.#view.panY) * factor;
    this.#view.zoom *= factor;
    this.#fitted = false;
    this.#invalidate();
  }

  #pointerDown(e: PointerEvent): void {
    this.element.focus({ preventScroll: true });
    this.events.activate?.();
    if (!this.#frame) return;
    // Middle button pans, right button zooms, left button uses the selected tool.
    const tool: Tool = e.button === 1 ? 'pan' : e.button === 2 ? 'zoom' : this.tool;
    this.canvas.setPointerCapture(e.pointerId);
    const start = this.#imagePoint(e);
    this.#drag = { button: e.button, tool, x: e.clientX, y: e.clientY, view: { ...this.#view }, window: this.#shownWindow ?? { center: 128, width: 256 }, start };
    if (tool === 'length' || tool === 'rectangle' || tool === 'ellipse') this.#draft = { tool, a: start, b: start, label: '', caption: '' };
  }

  #pointerMove(e: PointerEvent): void {
    const point = this.#imagePoint(e);
    this.#setReadout(this.#pixelReadout(point));
    const drag = this.#drag;
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    const scale = this.#scale();
    switch (drag.tool) {
      case 'window': {
        const rate = Math.max(drag.window.width * WINDOW_DRAG_RATE, 1 / 16);
        this.#window = { center: drag.window.center + dy * rate, width: Math.max(1, drag.window.width + dx * rate), function: drag.window.function ?? 'LINEAR' };
        this.#invalidate(true);
        return;
      }
      case 'pan':
        this.#view.panX = drag.view.panX + dx * scale;
        this.#view.panY = drag.view.panY + dy * scale;
        this.#fitted = false;
        break;
      case 'zoom':
        this.#view.zoom = drag.view.zoom * Math.exp(-dy / 150);
        this.#fitted = false;
        break;
      default:
        this.#draft = { ...this.#draft!, b: point, ...this.#texts(drag.tool, drag.start, point) };
    }
    this.#invalidate();
  }

  #pointerUp(e: PointerEvent): void {
    const drag = this.#drag;
    this.#drag = undefined;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    const draft = this.#draft;
    this.#draft = undefined;
    const image = this.image;
    if (!drag || !draft || !image) return;
    const b = this.#imagePoint(e);
    if (Math.hypot(b[0] - draft.a[0], b[1] - draft.a[1]) < 1) {
      this.#invalidate();
      return;
    }
    const list = [...this.measurements, { ...draft, b, ...this.#texts(draft.tool, draft.a, b) }];
    this.#measurements.set(image.key, list);
    this.events.measurements?.(list);
    this.#invalidate();
  }

  #texts(tool: Tool, a: Point, b: Point): Pick<Measurement, 'label' | 'caption'> {
    const shown = this.#frame;
    if (!shown || (tool !== 'length' && tool !== 'rectangle' && tool !== 'ellipse')) return { label: '', caption: '' };
    const { image, data } = shown;
    const { value, unit } = modalityOf(image.dataset, image.frameIndex);
    return measurementText(tool, a, b, data, frameSpacing(image.dataset, image.frameIndex), value, unit);
  }
}
