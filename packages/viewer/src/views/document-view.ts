// Documents in a viewport's place: an Encapsulated PDF inline (PS3.3 A.45) from a blob URL, an SR
// document as the indented text of `dcmkit sr` (formatStructuredReport).
import { extractEncapsulatedDocument, formatStructuredReport, readStructuredReport, type DicomFile } from '@dcmkit/core';
import { h } from '../dom.js';

/** The PDF of an Encapsulated PDF instance in an <object>; `release` frees its blob URL. */
export async function pdfView(file: DicomFile): Promise<{ element: HTMLElement; release(): void }> {
  const { bytes, mimeType } = await extractEncapsulatedDocument(file.dataset);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const element = h('div', { class: 'document pdf', 'data-testid': 'pdf' }, h('object', { data: url, type: mimeType, 'aria-label': 'encapsulated PDF' }, h('a', { href: url, download: 'document.pdf' }, 'Download the PDF')));
  return { element, release: () => URL.revokeObjectURL(url) };
}

/** An SR document as text. */
export function reportView(file: DicomFile): HTMLElement {
  const text = formatStructuredReport(readStructuredReport(file.dataset), { long: true });
  return h('div', { class: 'document report', 'data-testid': 'report' }, h('pre', {}, text));
}
