// Series thumbnails of a study: the middle image of each stack, as the archive's thumbnail resource or
// rendered here, with modality, description and count.
import { renderFrame } from '@dcmkit/pixel';
import { h } from '../dom.js';
import type { FrameStore } from '../frames/frame-store.js';
import type { StackImage } from '../frames/image-stack.js';
import { seriesStack, type SeriesItem, type StudySource } from '../study/study-source.js';

const THUMBNAIL_SIZE = 96;

/** An image rendered with its own window, scaled into a small canvas. */
async function renderedThumbnail(image: StackImage, store: FrameStore, canvas: HTMLCanvasElement): Promise<void> {
  const frame = await store.load(image);
  const pixels = new ImageData(frame.columns, frame.rows);
  renderFrame(frame, image.dataset, { frameIndex: image.frameIndex, into: pixels.data });
  const { width, height } = pixels;
  const full = new OffscreenCanvas(width, height);
  full.getContext('2d')!.putImageData(pixels, 0, 0);
  const scale = Math.min(THUMBNAIL_SIZE / width, THUMBNAIL_SIZE / height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(full, (THUMBNAIL_SIZE - width * scale) / 2, (THUMBNAIL_SIZE - height * scale) / 2, width * scale, height * scale);
}

function thumbnail(source: StudySource, series: SeriesItem, store: FrameStore): HTMLElement {
  if (series.kind !== 'images') return h('div', { class: 'thumbnail document-icon' }, series.kind === 'pdf' ? 'PDF' : series.kind === 'report' ? 'SR' : series.modality || '?');
  const canvas = h('canvas', { class: 'thumbnail', width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE });
  // The middle image of the stack, in the order the viewport shows it.
  const { images } = seriesStack(source, series);
  const image = images[images.length >> 1];
  if (!image) return canvas;
  const local = () => renderedThumbnail(image, store, canvas).catch(() => undefined);
  const url = source.thumbnailUrl?.(series, image);
  if (!url) {
    void local();
    return canvas;
  }
  const img = h('img', { class: 'thumbnail', alt: '', src: url });
  img.addEventListener('error', () => {
    img.replaceWith(canvas);
    void local();
  });
  return img;
}

function countText(series: SeriesItem): string {
  const frames = series.instances.reduce((n, i) => n + Math.max(1, i.numberOfFrames), 0);
  const instances = series.instances.length;
  if (series.kind !== 'images') return `${instances} ${instances === 1 ? 'document' : 'documents'}`;
  return frames === instances ? `${instances} ${instances === 1 ? 'image' : 'images'}` : `${instances} × ${frames} frames`;
}

/** The list of series buttons; `select` is called with the clicked series. */
export function seriesPanel(source: StudySource, store: FrameStore, select: (series: SeriesItem) => void): HTMLElement {
  return h(
    'nav',
    { class: 'series-panel', 'data-testid': 'series-panel' },
    ...source.series.map((series) =>
      h(
        'button',
        { type: 'button', class: 'series', 'data-series': series.uid, onclick: () => select(series) },
        thumbnail(source, series, store),
        h('span', { class: 'series-title' }, [series.modality, series.number !== undefined ? `#${series.number}` : ''].filter(Boolean).join(' ')),
        h('span', { class: 'series-description' }, series.description),
        h('span', { class: 'series-count' }, countText(series)),
      ),
    ),
  );
}
