import { TransferSyntax } from '@dcmkit/dictionary';
import { DataSet } from '../dataset.js';
import { DicomParseError, type ParseWarning } from '../errors.js';
import { BlobSource, MemorySource, type BlobLike, type ByteSource, type Chunk } from '../source.js';
import { EXPLICIT_LE, transferSyntaxInfo, type Encoding } from '../transfer-syntax.js';
import { TRANSFER_SYNTAX_UID } from '../tag.js';
import { DataSetParser, type NeedBytes, type ParserOptions } from './parser.js';
import { detectEncoding, encodingSyntax, looksExplicit } from './detect.js';
import { DEFAULT_MAX_INFLATED_BYTES, inflateDataSet } from './inflate.js';

export interface ReadOptions extends ParserOptions {
  /** For a raw data set (no File Meta): its Transfer Syntax UID; detected from the bytes when absent. */
  transferSyntax?: string;
  /** Name used in errors and warnings (a file path). */
  name?: string;
  /** Bytes read per window from a ByteSource (default 1 MiB). */
  windowSize?: number;
  /**
   * Most bytes a deflated data set (PS3.5 A.5) may inflate to (default 2 GiB,
   * DEFAULT_MAX_INFLATED_BYTES); past it the read stops with a DicomParseError.
   */
  maxInflatedBytes?: number;
}

/** A parsed DICOM file (PS3.10 7.1) or raw data set. */
export interface DicomFile {
  /** The 128-byte preamble, when the file has one. */
  preamble?: Uint8Array;
  /** File Meta Information (group 0002), empty for a raw data set. */
  meta: DataSet;
  dataset: DataSet;
  /** The Transfer Syntax the data set was read with (from the meta, or detected). */
  transferSyntax: string;
  /** Lenient reads, each a problem that pydicom and dcmtk also tolerate. */
  warnings: ParseWarning[];
  /** Offset of the data set's first byte in the source. */
  datasetOffset: number;
  /** The data set was deflated; element offsets then refer to the inflated stream. */
  deflated: boolean;
  /** Where deferred values and encapsulated fragments are read from. */
  source: ByteSource;
  /** Where parsing stopped early (stopBeforePixelData, tags), else undefined. */
  stoppedAt?: number;
}

const DEFAULT_WINDOW = 1 << 20;

/** Reads a Part 10 file or raw data set held in memory; values are views of `bytes`. */
export function parseDicom(bytes: Uint8Array, opts: ReadOptions = {}): DicomFile {
  const source = new MemorySource(bytes, opts.name);
  const chunk: Chunk = { base: 0, bytes, source };
  const sync = (p: DataSetParser) => {
    const need = p.run();
    if (need) throw new DicomParseError('more data than available', { source: opts.name, offset: need.offset });
  };
  return frame(source, chunk, opts, sync);
}

/**
 * Reads from a Uint8Array, a Blob/File or any ByteSource, window by window: values of at least
 * `bulkThreshold` bytes and Pixel Data fragments stay in the source until read.
 */
export async function readDicom(input: Uint8Array | BlobLike | ByteSource, opts: ReadOptions = {}): Promise<DicomFile> {
  if (input instanceof Uint8Array) return parseDicom(input, opts);
  const source: ByteSource = 'read' in input ? input : new BlobSource(input);
  const name = opts.name ?? source.name;
  const windowSize = opts.windowSize ?? DEFAULT_WINDOW;
  const first = await source.read(0, Math.min(windowSize, source.size));
  const chunk: Chunk = { base: 0, bytes: first, source };
  // The framing runs synchronously over windows; each window load is awaited by the driver below.
  const driver = async (p: DataSetParser) => {
    for (let need = p.run(); need; need = p.run()) {
      const length = Math.min(Math.max(windowSize, need.length), source.size - need.offset);
      const bytes = await source.read(need.offset, length);
      if (bytes.length < need.length) throw new DicomParseError(`${need.length} bytes (source ended)`, { source: name, offset: need.offset });
      p.setChunk({ base: need.offset, bytes, source });
    }
  };
  const steps = framing(source, chunk, { ...opts, name }, true);
  let next = steps.next();
  while (!next.done) {
    const step = next.value;
    if (step === WHOLE) {
      next = steps.next(await source.read(0, source.size));
    } else if (step instanceof DataSetParser) {
      await driver(step);
      next = steps.next();
    } else {
      next = steps.next(await source.read(step.offset, step.length));
    }
  }
  return next.value;
}

/** Asked by the framing when it needs every byte of the source (a deflated data set). */
const WHOLE = Symbol('whole source');
/** A parser to run, the whole source, or a range of bytes past the first window. */
type Step = DataSetParser | typeof WHOLE | NeedBytes;
/** Bytes of the data set start looked at to detect or check its encoding. */
const DETECT_BYTES = 16;

function frame(source: ByteSource, chunk: Chunk, opts: ReadOptions, run: (p: DataSetParser) => void): DicomFile {
  const steps = framing(source, chunk, opts, false);
  let next = steps.next();
  while (!next.done) {
    const step = next.value;
    if (step === WHOLE) {
      next = steps.next(chunk.bytes);
    } else if (step instanceof DataSetParser) {
      run(step);
      next = steps.next();
    } else {
      next = steps.next(chunk.bytes!.subarray(step.offset, step.offset + step.length));
    }
  }
  return next.value;
}

const isDICM = (b: Uint8Array, at: number) => b[at] === 0x44 && b[at + 1] === 0x49 && b[at + 2] === 0x43 && b[at + 3] === 0x4d;

/**
 * PS3.10 7.1 framing: preamble and "DICM", File Meta Information, then the data set in the
 * Transfer Syntax the meta names. Files without preamble or meta are detected as dcmtk and pydicom do.
 * Yields each parser for the caller to run (synchronously or window by window).
 */
function* framing(source: ByteSource, first: Chunk, opts: ReadOptions, windowed: boolean): Generator<Step, DicomFile, Uint8Array | undefined> {
  const b = first.bytes!;
  const warnings: ParseWarning[] = [];
  const name = opts.name ?? source.name;
  let offset = 0;
  let preamble: Uint8Array | undefined;
  if (b.length >= 132 && isDICM(b, 128)) {
    preamble = b.subarray(0, 128);
    offset = 132;
  } else if (b.length >= 4 && isDICM(b, 0)) {
    warnings.push({ message: 'no preamble: file starts with "DICM"', offset: 0 });
    offset = 4;
  }

  const meta = new DataSet(EXPLICIT_LE);
  let chunk = first;
  const hasMeta = b.length >= offset + 6 && b[offset] === 0x02 && b[offset + 1] === 0x00;
  if (hasMeta) {
    // File Meta Information is explicit VR little endian (PS3.10 7.1); some writers use implicit VR.
    const metaEncoding = looksExplicit(b, offset) ? EXPLICIT_LE : { littleEndian: true, explicitVR: false };
    if (!metaEncoding.explicitVR) warnings.push({ message: 'File Meta Information in implicit VR', offset });
    const p = new DataSetParser(chunk, offset, source.size, metaEncoding, { windowed, name, root: meta, onlyGroup: 0x0002 });
    yield p;
    warnings.push(...p.warnings);
    offset = p.pos;
  } else if (preamble) {
    warnings.push({ message: 'no File Meta Information after "DICM"', offset });
  }

  let ts = meta.getString(TRANSFER_SYNTAX_UID)?.replace(/\0/g, '').trim() || opts.transferSyntax;
  // The data set's first bytes: past the first window when the File Meta filled it.
  let view = b.subarray(Math.min(offset, b.length));
  if (view.length < DETECT_BYTES && offset + view.length < source.size) view = (yield { offset, length: DETECT_BYTES })!;
  let encoding: Encoding;
  if (!ts) {
    encoding = detectEncoding(view, 0);
    ts = encodingSyntax(encoding);
    if (hasMeta || preamble) warnings.push({ message: `no Transfer Syntax UID: detected ${transferSyntaxInfo(ts).name}`, offset });
  } else {
    const info = transferSyntaxInfo(ts);
    encoding = info;
    if (!info.deflated && view.length >= 8 && looksExplicit(view, 0) !== info.explicitVR) {
      // The meta's syntax disagrees with the data set's bytes; read what is there, as pydicom does.
      const actual = detectEncoding(view, 0);
      if (actual.explicitVR !== info.explicitVR) {
        warnings.push({ message: `data set is ${actual.explicitVR ? 'explicit' : 'implicit'} VR although the Transfer Syntax is ${info.name}`, offset });
        encoding = { littleEndian: actual.littleEndian, explicitVR: actual.explicitVR };
      }
    }
  }

  let datasetOffset = offset;
  let deflated = false;
  let end = source.size;
  let dsSource = source;
  if (transferSyntaxInfo(ts).deflated) {
    // PS3.5 A.5: the data set after the File Meta is a raw DEFLATE stream.
    const all = chunk.bytes!.length >= source.size ? chunk.bytes! : yield WHOLE;
    const inflated = inflateDataSet(all!.subarray(offset), opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, name, offset);
    dsSource = new MemorySource(inflated, name);
    chunk = { base: 0, bytes: inflated, source: dsSource };
    datasetOffset = 0;
    end = inflated.length;
    deflated = true;
    windowed = false;
  } else if (chunk.bytes!.length + chunk.base < offset) {
    chunk = { base: offset, bytes: new Uint8Array(0), source };
  }

  const p = new DataSetParser(chunk, datasetOffset, end, encoding, {
    windowed,
    name,
    source: dsSource,
    stopBeforePixelData: opts.stopBeforePixelData,
    tags: opts.tags,
    bulkThreshold: opts.bulkThreshold,
  });
  yield p;
  warnings.push(...p.warnings);
  return {
    preamble,
    meta,
    dataset: p.root,
    transferSyntax: ts,
    warnings,
    datasetOffset: deflated ? offset : datasetOffset,
    deflated,
    source: dsSource,
    stoppedAt: p.stoppedAt,
  };
}

/** Reads a raw data set (no preamble, no File Meta) in the given Transfer Syntax. */
export function parseDataSet(bytes: Uint8Array, transferSyntax: string, opts: Omit<ReadOptions, 'transferSyntax'> = {}): DataSet {
  return parseDicom(bytes, { ...opts, transferSyntax }).dataset;
}

export { TransferSyntax };
