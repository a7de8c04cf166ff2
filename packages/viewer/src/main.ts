// The viewer application: the archive's study list, local files, and the study view, by URL hash
// (#/studies, #/study/{uid}, #/local, #/local/{n}).
import { DicomwebClient } from './archive/dicomweb-client.js';
import { h, replaceChildren } from './dom.js';
import { DecoderPool } from './frames/decoder-pool.js';
import { FrameStore } from './frames/frame-store.js';
import { openArchiveStudy } from './study/archive-study.js';
import type { LocalFiles } from './study/local-study.js';
import type { StudySource } from './study/study-source.js';
import { localMode } from './views/local-mode.js';
import { studyList } from './views/study-list.js';
import { StudyView } from './views/study-view.js';

export class ViewerApp {
  readonly pool = new DecoderPool(new URL('./decode-worker.js', import.meta.url));
  readonly store = new FrameStore();
  readonly client = new DicomwebClient(new URL('dicomweb', document.baseURI).pathname);
  /** The study view shown now (tests and the performance test reach it here). */
  studyView?: StudyView;
  #archive = false;
  #local?: LocalFiles;
  readonly #main = h('main', { class: 'app-main' });
  readonly #nav = h('nav', { class: 'app-nav' });

  constructor(readonly root: HTMLElement) {
    replaceChildren(root, h('header', { class: 'app-header' }, h('h1', {}, 'dcmkit'), this.#nav), this.#main);
    window.addEventListener('hashchange', () => void this.route());
  }

  async start(): Promise<void> {
    this.#archive = await this.client.available();
    replaceChildren(this.#nav, this.#archive && h('a', { href: '#/studies' }, 'Archive'), h('a', { href: '#/local' }, 'Local files'));
    await this.route();
  }

  async route(): Promise<void> {
    const [, page = '', arg] = location.hash.split('/');
    this.#leaveStudy();
    if (page === 'study' && arg && this.#archive) return this.#openArchiveStudy(decodeURIComponent(arg));
    if (page === 'local' && arg !== undefined && this.#local?.studies[Number(arg)]) return this.#showStudy(this.#local.studies[Number(arg)]!, '#/local');
    if (page === 'local' || !this.#archive) {
      replaceChildren(
        this.#main,
        localMode(this.pool, this.#archive ? this.client : undefined, (study) => (location.hash = `#/local/${this.#local!.studies.indexOf(study)}`), (files) => (this.#local = files), this.#local),
      );
      return;
    }
    replaceChildren(this.#main, studyList(this.client, (uid) => (location.hash = `#/study/${encodeURIComponent(uid)}`)));
  }

  async #openArchiveStudy(uid: string): Promise<void> {
    replaceChildren(this.#main, h('p', { class: 'status' }, 'Opening the study…'));
    try {
      this.#showStudy(await openArchiveStudy(this.client, this.pool, uid), '#/studies');
    } catch (error) {
      replaceChildren(this.#main, h('p', { class: 'status error' }, `Cannot open the study: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  #showStudy(source: StudySource, back: string): void {
    this.studyView = new StudyView(source, this.store, [h('a', { href: back, class: 'back' }, '← Back')]);
    replaceChildren(this.#main, this.studyView.element);
  }

  #leaveStudy(): void {
    for (const viewport of this.studyView?.viewports ?? []) viewport.setStack(undefined);
    this.studyView = undefined;
  }
}

const app = new ViewerApp(document.getElementById('app')!);
(globalThis as { dcmkitViewer?: ViewerApp }).dcmkitViewer = app;
void app.start();
