import { DicomParseError } from '../errors.js';

/** An element of an XML document: its name, attributes, child elements and character data. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The character data directly inside, entity and character references resolved, CDATA included. */
  text: string;
  /** Offset of its '<' in the document text. */
  offset: number;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A small non-validating XML 1.0 reader, enough for the Native DICOM Model (PS3.19 A.1): elements,
 * attributes, character data with the predefined entities and character references (C0 controls
 * included, as DCMTK writes them), CDATA; comments, processing instructions and the DOCTYPE are
 * skipped, and no entity declarations are read. Iterative, so nesting depth is bounded by memory.
 */
export function parseXml(doc: string, source = 'XML'): XmlElement {
  const fail = (expected: string, offset: number) => new DicomParseError(expected, { source, offset });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = doc.charCodeAt(0) === 0xfeff ? 1 : 0;

  /** Character data: line ends normalised (XML 1.0 2.11), then references resolved. */
  const characters = (raw: string, at: number): string => {
    if (!raw.includes('&') && !raw.includes('\r')) return raw;
    return raw.replace(/\r\n?/g, '\n').replace(/&([^;&<\s]*)(;?)/g, (ref, name: string, semi: string, pos: number) => {
      const code = name[0] === '#' ? (name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)) : undefined;
      const resolved = code === undefined ? PREDEFINED[name] : Number.isInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
      if (!semi || resolved === undefined) throw fail(`an entity or character reference, found "${ref}"`, at + pos);
      return resolved;
    });
  };

  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const end = lt < 0 ? doc.length : lt;
    if (end > i) {
      const top = stack.at(-1);
      if (top) top.text += characters(doc.slice(i, end), i);
      else if (doc.slice(i, end).trim()) throw fail('markup, found character data outside the root element', i);
    }
    if (lt < 0) break;
    if (doc.startsWith('<?', lt)) i = skipPast(doc, '?>', lt, fail);
    else if (doc.startsWith('<!--', lt)) i = skipPast(doc, '-->', lt, fail);
    else if (doc.startsWith('<![CDATA[', lt)) {
      const close = skipPast(doc, ']]>', lt, fail);
      const top = stack.at(-1);
      if (!top) throw fail('CDATA inside an element', lt);
      top.text += doc.slice(lt + 9, close - 3).replace(/\r\n?/g, '\n');
      i = close;
    } else if (doc.startsWith('<!', lt)) i = skipDeclaration(doc, lt, fail);
    else if (doc.startsWith('</', lt)) {
      const close = skipPast(doc, '>', lt, fail);
      const name = doc.slice(lt + 2, close - 1).trim();
      const open = stack.pop();
      if (open?.name !== name) throw fail(open ? `</${open.name}>, found </${name}>` : `no end tag, found </${name}>`, lt);
      i = close;
    } else {
      const [el, selfClosing, next] = startTag(doc, lt, fail, characters);
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) throw fail('one root element, found a second', lt);
      else root = el;
      if (!selfClosing) stack.push(el);
      i = next;
    }
  }
  if (stack.length) throw fail(`</${stack.at(-1)!.name}> before the end of the document`, doc.length);
  if (!root) throw fail('a root element', 0);
  return root;
}

type Fail = (expected: string, offset: number) => DicomParseError;

function skipPast(doc: string, close: string, from: number, fail: Fail): number {
  const at = doc.indexOf(close, from);
  if (at < 0) throw fail(`"${close}" to close the markup`, from);
  return at + close.length;
}

/** A <!DOCTYPE ...> declaration, with its internal subset in brackets. */
function skipDeclaration(doc: string, from: number, fail: Fail): number {
  let depth = 0;
  let quote = '';
  for (let i = from + 2; i < doc.length; i++) {
    const c = doc[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth === 0) return i + 1;
  }
  throw fail('">" to close the declaration', from);
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
/** Where a name starting at `i` ends: at white space, '/', '>' or '='. */
function nameEnd(doc: string, i: number): number {
  for (; i < doc.length; i++) {
    const c = doc.charCodeAt(i);
    if (isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d) break;
  }
  return i;
}
function skipSpace(doc: string, i: number): number {
  while (i < doc.length && isSpace(doc.charCodeAt(i))) i++;
  return i;
}

/** A start tag at `lt`: the element, whether it is empty-element ("/>"), and where it ends. */
function startTag(doc: string, lt: number, fail: Fail, characters: (raw: string, at: number) => string): [XmlElement, boolean, number] {
  let i = nameEnd(doc, lt + 1);
  const name = doc.slice(lt + 1, i);
  if (!name) throw fail('an element name after "<"', lt);
  const el: XmlElement = { name, attributes: {}, children: [], text: '', offset: lt };
  for (;;) {
    i = skipSpace(doc, i);
    if (doc.startsWith('/>', i)) return [el, true, i + 2];
    if (doc[i] === '>') return [el, false, i + 1];
    const end = nameEnd(doc, i);
    const attr = doc.slice(i, end);
    if (!attr) throw fail(`an attribute or the end of <${name}>`, i);
    i = skipSpace(doc, end);
    if (doc[i] !== '=') throw fail(`"=" after attribute ${attr}`, i);
    i = skipSpace(doc, i + 1);
    const quote = doc[i];
    if (quote !== '"' && quote !== "'") throw fail(`a quoted value for attribute ${attr}`, i);
    const close = doc.indexOf(quote, i + 1);
    if (close < 0) throw fail(`the closing quote of attribute ${attr}`, i);
    // Attribute-value normalisation (XML 1.0 3.3.3): literal white space becomes a space.
    const raw = doc.slice(i + 1, close);
    el.attributes[attr] = characters(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, ' ') : raw, i + 1);
    i = close + 1;
  }
}
