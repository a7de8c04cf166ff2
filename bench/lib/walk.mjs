// "Every value decoded": walks a parsed data set, sequences included, and decodes each value the way
// each library offers. Each walker returns the number of elements it visited, so the suites can check
// that the libraries do the same work.

/** dcmkit: DataSet.values() of every element (strings, numbers, PersonName, dates, items, byte views). */
export function dcmkitValues(ds) {
  let n = 0;
  for (const el of ds) {
    n++;
    const values = ds.values(el);
    if (el.items) for (const item of values) n += dcmkitValues(item);
  }
  return n;
}

/**
 * dicom-parser: the accessor of each element's VR. Strings are read once and split on backslash
 * (its string(tag, i) re-reads the whole value per index); DS/IS become numbers, PN/DA/TM go through
 * its parsePN/parseDA/parseTM; binary numbers by index; bulk VRs as a view of the bytes.
 */
export function dicomParserValues(dicomParser, ds) {
  let n = 0;
  for (const tag in ds.elements) {
    // It keeps Item Delimitation Items as elements; they are not data elements (PS3.5 7.5).
    if (tag.startsWith('xfffe')) continue;
    n++;
    const el = ds.elements[tag];
    if (el.items) {
      for (const item of el.items) n += dicomParserValues(dicomParser, item.dataSet);
      continue;
    }
    readValue(dicomParser, ds, tag, el);
  }
  return n;
}

const BINARY = { US: ['uint16', 2], SS: ['int16', 2], UL: ['uint32', 4], SL: ['int32', 4], FL: ['float', 4], FD: ['double', 8] };

function readValue(dicomParser, ds, tag, el) {
  const binary = BINARY[el.vr];
  if (binary) {
    const [accessor, size] = binary;
    const out = [];
    for (let i = 0; i < el.length / size; i++) out.push(ds[accessor](tag, i));
    return out;
  }
  switch (el.vr) {
    case 'AT':
      return [ds.attributeTag(tag)];
    case 'OB': case 'OW': case 'OD': case 'OF': case 'OL': case 'OV': case 'UN':
      return [new Uint8Array(ds.byteArray.buffer, ds.byteArray.byteOffset + el.dataOffset, el.length)];
    case 'LT': case 'ST': case 'UT':
      return [ds.text(tag)];
  }
  const text = ds.string(tag);
  if (text === undefined || text === '') return [];
  const parts = text.split('\\');
  switch (el.vr) {
    case 'DS': return parts.map(parseFloat);
    case 'IS': return parts.map((s) => parseInt(s, 10));
    case 'PN': return parts.map((s) => dicomParser.parsePN(s));
    case 'DA': return parts.map((s) => dicomParser.parseDA(s.trim()));
    case 'TM': return parts.map((s) => dicomParser.parseTM(s.trim()));
    default: return parts.map((s) => s.trim());
  }
}
