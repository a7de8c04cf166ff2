// Local files: dropped (files or folders) or picked, read in the browser and shown without uploading;
// "Upload to archive" sends them with STOW-RS when an archive serves this page.
import type { DicomwebClient } from '../archive/dicomweb-client.js';
import { h, replaceChildren } from '../dom.js';
import type { DecoderPool } from '../frames/decoder-pool.js';
import { readLocalFiles, type LocalFiles } from '../study/local-study.js';
import type { StudySource } from '../study/study-source.js';
import { displayDate, displayName } from '../viewport/image-info.js';

/** Files sent per STOW-RS request, and at most this many bytes. */
const UPLOAD_BATCH_FILES = 50;
const UPLOAD_BATCH_BYTES = 64 * 1024 * 1024;

/** Every file under a dropped entry (folders read recursively). */
async function entryFiles(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) return [await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const files: File[] = [];
  // readEntries answers in batches until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return files;
    for (const child of batch) files.push(...(await entryFiles(child)));
  }
}

async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = Array.from(data.items, (item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (!entries.length) return Array.from(data.files);
  return (await Promise.all(entries.map(entryFiles))).flat();
}

/** Batches of files for STOW-RS requests. */
function batches(files: File[]): File[][] {
  const out: File[][] = [];
  let bytes = Infinity;
  for (const file of files) {
    if (bytes + file.size > UPLOAD_BATCH_BYTES || out.at(-1)!.length >= UPLOAD_BATCH_FILES) {
      out.push([]);
      bytes = 0;
    }
    out.at(-1)!.push(file);
    bytes += file.size;
  }
  return out;
}

export function localMode(pool: DecoderPool, archive: DicomwebClient | undefined, open: (study: StudySource) => void, remember: (files: LocalFiles) => void, current?: LocalFiles): HTMLElement {
  const fileInput = h('input', { type: 'file', multiple: true, hidden: true, 'data-testid': 'file-input' });
  const folderInput = h('input', { type: 'file', multiple: true, hidden: true, webkitdirectory: true, 'data-testid': 'folder-input' });
  const status = h('p', { class: 'status', 'data-testid': 'local-status' });
  const list = h('div', { class: 'local-studies', 'data-testid': 'local-studies' });
  const zone = h(
    'div',
    { class: 'drop-zone', 'data-testid': 'drop-zone' },
    h('p', {}, 'Drop DICOM files or a folder here. They are read in this browser and not uploaded.'),
    h('button', { type: 'button', onclick: () => fileInput.click() }, 'Open files…'),
    h('button', { type: 'button', onclick: () => folderInput.click() }, 'Open a folder…'),
    fileInput,
    folderInput,
  );
  const view = h('section', { class: 'local-mode', 'data-testid': 'local-mode' }, h('h2', {}, 'Local files'), zone, status, list);

  const show = (loaded: LocalFiles, openSingle: boolean) => {
    const skipped = loaded.skipped.length ? `, ${loaded.skipped.length} skipped (not DICOM or unreadable)` : '';
    status.textContent = `${loaded.files.size} DICOM files in ${loaded.studies.length} ${loaded.studies.length === 1 ? 'study' : 'studies'}${skipped}`;
    const rows = loaded.studies.map((study) => {
      const instances = study.series.reduce((n, s) => n + s.instances.length, 0);
      return h(
        'tr',
        { class: 'study-row', tabindex: 0, onclick: () => open(study) },
        h('td', {}, displayName(study.patient.patientName)),
        h('td', {}, study.patient.patientID),
        h('td', {}, displayDate(study.study.studyDate)),
        h('td', {}, study.study.studyDescription),
        h('td', {}, `${study.series.length} series, ${instances} instances`),
      );
    });
    const upload = archive && loaded.files.size ? h('button', { type: 'button', 'data-testid': 'upload', onclick: () => void uploadAll(loaded, upload!) }, 'Upload to archive') : undefined;
    replaceChildren(list, h('table', { class: 'studies' }, h('tbody', {}, ...rows)), upload);
    if (openSingle && loaded.studies.length === 1) open(loaded.studies[0]!);
  };

  const uploadAll = async (loaded: LocalFiles, button: HTMLButtonElement) => {
    button.disabled = true;
    let stored = 0;
    let failed = 0;
    try {
      for (const batch of batches([...loaded.files.values()])) {
        const result = await archive!.store(await Promise.all(batch.map(async (f) => new Uint8Array(await f.arrayBuffer()))));
        stored += result.stored;
        failed += result.failed;
        status.textContent = `Uploading… ${stored} stored${failed ? `, ${failed} failed` : ''}`;
      }
      status.textContent = `Uploaded: ${stored} stored${failed ? `, ${failed} failed` : ''}`;
    } catch (error) {
      status.textContent = `Upload failed after ${stored} stored: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
    }
  };

  const load = async (files: File[]) => {
    if (!files.length) return;
    status.textContent = `Reading ${files.length} files…`;
    const loaded = await readLocalFiles(files, pool, (done) => {
      if (done % 50 === 0) status.textContent = `Reading ${done}/${files.length} files…`;
    });
    remember(loaded);
    show(loaded, true);
  };

  for (const input of [fileInput, folderInput]) input.addEventListener('change', () => void load(Array.from(input.files ?? [])));
  view.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  view.addEventListener('dragleave', () => zone.classList.remove('over'));
  view.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer) void droppedFiles(e.dataTransfer).then(load);
  });
  if (current) show(current, false);
  return view;
}
