// The archive's study list: a QIDO-RS search form (PS3.18 10.6), sortable columns, pages by limit/offset.
import type { DicomJson } from '@dcmkit/core';
import { firstInteger, firstText } from '@dcmkit/dicomweb';
import type { DicomwebClient } from '../archive/dicomweb-client.js';
import { h, replaceChildren } from '../dom.js';
import { displayDate, displayName } from '../viewport/image-info.js';

const PAGE_SIZE = 25;

interface Column {
  title: string;
  /** The cell's text from a QIDO-RS result. */
  text(study: DicomJson): string;
  /** Sort key when it differs from the text (numbers). */
  key?(study: DicomJson): number;
}

const allText = (study: DicomJson, tag: string) => (study[tag]?.Value ?? []).map(String).join(', ');

const COLUMNS: Column[] = [
  { title: 'Patient name', text: (s) => displayName(firstText(s, '00100010')) },
  { title: 'Patient ID', text: (s) => firstText(s, '00100020') ?? '' },
  { title: 'Study date', text: (s) => displayDate(firstText(s, '00080020')) },
  { title: 'Modalities', text: (s) => allText(s, '00080061') },
  { title: 'Accession', text: (s) => firstText(s, '00080050') ?? '' },
  { title: 'Description', text: (s) => firstText(s, '00081030') ?? '' },
  { title: 'Series', text: (s) => String(firstInteger(s, '00201206') ?? ''), key: (s) => firstInteger(s, '00201206') ?? -1 },
  { title: 'Instances', text: (s) => String(firstInteger(s, '00201208') ?? ''), key: (s) => firstInteger(s, '00201208') ?? -1 },
];

/** A field of the search form and how its text becomes a QIDO-RS matching key (PS3.18 8.3.4.1). */
interface Field {
  name: string;
  label: string;
  type?: string;
  /** Attribute and value to match, or undefined when the field is empty. */
  match(value: string, form: FormData): [string, string] | undefined;
}

/** Wildcard matching (PS3.4 C.2.2.2.4): the text as a prefix unless it has its own wildcards. */
const prefix = (v: string) => (/[*?]/.test(v) ? v : `${v}*`);
const contains = (v: string) => (/[*?]/.test(v) ? v : `*${v}*`);
const da = (v: string) => v.replace(/-/g, '');

const FIELDS: Field[] = [
  { name: 'name', label: 'Patient name', match: (v) => ['PatientName', prefix(v)] },
  { name: 'id', label: 'Patient ID', match: (v) => ['PatientID', prefix(v)] },
  // Range matching of dates (PS3.4 C.2.2.2.5): "from-", "-to" or "from-to".
  { name: 'from', label: 'From', type: 'date', match: (v, form) => ['StudyDate', `${da(v)}-${da(String(form.get('to') ?? ''))}`] },
  { name: 'to', label: 'To', type: 'date', match: (v, form) => (form.get('from') ? undefined : ['StudyDate', `-${da(v)}`]) },
  { name: 'modality', label: 'Modality', match: (v) => ['ModalitiesInStudy', v.toUpperCase()] },
  { name: 'accession', label: 'Accession', match: (v) => ['AccessionNumber', v] },
  { name: 'description', label: 'Description', match: (v) => ['StudyDescription', contains(v)] },
];

export function studyList(client: DicomwebClient, open: (studyUID: string) => void): HTMLElement {
  const form = h('form', { class: 'search', 'data-testid': 'study-search' });
  for (const f of FIELDS) form.append(h('label', {}, f.label, h('input', { name: f.name, type: f.type ?? 'search', autocomplete: 'off' })));
  form.append(h('button', { type: 'submit' }, 'Search'));
  const table = h('table', { class: 'studies', 'data-testid': 'study-table' });
  const status = h('span', { class: 'status', 'data-testid': 'study-status' });
  const previous = h('button', { type: 'button' }, 'Previous');
  const next = h('button', { type: 'button' }, 'Next');
  const view = h('section', { class: 'study-list' }, h('h2', {}, 'Studies'), form, table, h('div', { class: 'pager' }, previous, status, next));

  let offset = 0;
  let results: DicomJson[] = [];
  let sort: { column: number; descending: boolean } | undefined;

  const matchingKeys = (): Record<string, string> => {
    const data = new FormData(form);
    const keys: Record<string, string> = {};
    for (const f of FIELDS) {
      const value = String(data.get(f.name) ?? '').trim();
      const match = value ? f.match(value, data) : undefined;
      if (match) keys[match[0]] = match[1];
    }
    return keys;
  };

  const render = () => {
    const rows = [...results.slice(0, PAGE_SIZE)];
    if (sort) {
      const column = COLUMNS[sort.column]!;
      const sign = sort.descending ? -1 : 1;
      rows.sort((a, b) => sign * (column.key ? column.key(a) - column.key(b) : column.text(a).localeCompare(column.text(b))));
    }
    const head = h(
      'tr',
      {},
      ...COLUMNS.map((c, i) => {
        const marker = sort?.column === i ? (sort.descending ? ' ▼' : ' ▲') : '';
        return h('th', { onclick: () => ((sort = { column: i, descending: sort?.column === i && !sort.descending }), render()) }, c.title + marker);
      }),
    );
    const body = rows.map((study) => {
      const uid = firstText(study, '0020000D') ?? '';
      return h('tr', { class: 'study-row', tabindex: 0, onclick: () => open(uid), onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && open(uid) }, ...COLUMNS.map((c) => h('td', {}, c.text(study))));
    });
    replaceChildren(table, h('thead', {}, head), h('tbody', {}, ...body));
    status.textContent = rows.length ? `${offset + 1}–${offset + rows.length}` : 'No studies found';
    previous.disabled = offset === 0;
    next.disabled = results.length <= PAGE_SIZE;
  };

  const search = async () => {
    status.textContent = 'Searching…';
    try {
      // One more than a page tells whether there is a next page (QIDO-RS gives no total).
      results = await client.searchStudies(matchingKeys(), PAGE_SIZE + 1, offset);
      render();
    } catch (error) {
      status.textContent = `Search failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    offset = 0;
    void search();
  });
  previous.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    void search();
  });
  next.addEventListener('click', () => {
    offset += PAGE_SIZE;
    void search();
  });
  void search();
  return view;
}
