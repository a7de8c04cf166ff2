// Data sets sent from a source read on demand (PS3.8 9.3.5): the same PDUs as from bytes, read only as
// the transport takes them, a source that fails mid data set aborting the association; C-GET closes the
// sources it loads; a Part 10 file read from a ByteSource sends its data set as stored.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { DataSet, MemorySource, concatBytes, TransferSyntax, writeDataSet, type ByteSource } from '@dcmkit/core';
import {
  Association,
  AssociationAbortedError,
  CommandField,
  DimseChannel,
  QUERY_RETRIEVE,
  ServiceUser,
  Status,
  commandSet,
  decodePdu,
  instanceOfPart10Source,
  messagePdus,
  part10File,
  queryIdentifier,
  serveAssociation,
  type AcceptancePolicy,
  type DataSetSource,
  type PDataTF,
  type StoreInstance,
  type StoreRequest,
} from '@dcmkit/dimse';
import { memoryConnection } from './memory-transport.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const { ExplicitVRLittleEndian: EXPLICIT, ImplicitVRLittleEndian: IMPLICIT, DeflatedExplicitVRLittleEndian: DEFLATED } = TransferSyntax;
const policy: AcceptancePolicy = { aeTitle: 'ARCHIVE', transferSyntaxes: (as) => (as === CT || as === QUERY_RETRIEVE.study.get ? [IMPLICIT] : undefined) };

/** A data set of about `size` bytes of OB, in implicit VR. */
function dataSet(uid: string, size: number): Uint8Array {
  const ds = new DataSet();
  ds.set('SOPClassUID', CT);
  ds.set('SOPInstanceUID', uid);
  ds.set(0x00091010, Uint8Array.from({ length: size }, (_, i) => (i * 7) % 251), 'OB');
  return writeDataSet(ds, IMPLICIT);
}

/** `bytes` as a source in chunks of the given sizes (repeated), counting the chunks read and the closes. */
function chunked(bytes: Uint8Array, sizes: number[], length = bytes.length): DataSetSource & { read: number; closed: number } {
  return {
    length,
    read: 0,
    closed: 0,
    async *chunks() {
      for (let at = 0, i = 0; at < bytes.length; i++) {
        const chunk = bytes.slice(at, at + sizes[i % sizes.length]!);
        at += chunk.length;
        this.read++;
        yield chunk;
      }
    },
    async close() {
      this.closed++;
    },
  };
}

const collect = async (pdus: AsyncIterable<Uint8Array>) => {
  const all: Uint8Array[] = [];
  for await (const pdu of pdus) all.push(pdu);
  return all;
};

const storeMessage = (uid: string) => ({
  contextId: 1,
  command: commandSet({ CommandField: CommandField.CStoreRQ, MessageID: 1, AffectedSOPClassUID: CT, AffectedSOPInstanceUID: uid, Priority: 0 }, true),
});

describe('messagePdus with a data set source', () => {
  const data = dataSet('1.2.3.1', 50_001);

  test('the same PDUs as from the bytes, each data set PDV of the negotiated size but the last', async () => {
    const fromBytes = await collect(messagePdus({ ...storeMessage('1.2.3.1'), data }, 4096));
    const fromSource = await collect(messagePdus({ ...storeMessage('1.2.3.1'), source: chunked(data, [1000, 7, 9000, 4090]) }, 4096));
    expect(fromSource).toEqual(fromBytes);
    const pdvs = fromSource.map((pdu) => (decodePdu(pdu) as PDataTF).pdvs[0]!).filter((pdv) => !pdv.command);
    expect(pdvs.slice(0, -1).every((pdv) => pdv.data.length === 4096 - 6 && !pdv.last)).toBe(true);
    expect(pdvs.at(-1)!.last).toBe(true);
    expect(pdvs.length).toBe(Math.ceil(data.length / 4090));
  });

  test('an empty source is one empty last fragment, as empty bytes are', async () => {
    const fromSource = await collect(messagePdus({ ...storeMessage('1.2.3.1'), source: chunked(new Uint8Array(0), [1]) }, 4096));
    expect(fromSource).toEqual(await collect(messagePdus({ ...storeMessage('1.2.3.1'), data: new Uint8Array(0) }, 4096)));
  });

  test('a source shorter or longer than it announced throws before the last fragment', async () => {
    for (const length of [data.length + 1, data.length - 1]) {
      const sent: boolean[] = [];
      await expect(async () => {
        for await (const pdu of messagePdus({ ...storeMessage('1.2.3.1'), source: chunked(data, [4090], length) }, 4096)) sent.push((decodePdu(pdu) as PDataTF).pdvs[0]!.last);
      }).rejects.toThrow(RangeError);
      expect(sent.slice(1)).not.toContain(true);
    }
  });
});

/** An association to an acceptor storing what it receives into `received`. */
async function associate(maxPduLength = 4096) {
  const [requestorEnd, acceptorEnd] = memoryConnection();
  const received: StoreRequest[] = [];
  const accepted = Association.accept(acceptorEnd, policy, { maxPduLength }).then((a) => {
    serveAssociation(new DimseChannel(a), { store: async (request) => (received.push(request), { status: Status.Success }) });
    return a;
  });
  const requestor = await Association.request(requestorEnd, { callingAE: 'MODALITY', calledAE: 'ARCHIVE', contexts: [{ abstractSyntax: CT, transferSyntaxes: [IMPLICIT] }] }, { maxPduLength });
  await accepted;
  return { scu: new ServiceUser(new DimseChannel(requestor)), requestor, requestorEnd, received };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; !condition(); i++) {
    if (i > 500) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('C-STORE from a data set source', () => {
  test('chunks are read only as the transport takes the PDUs (back-pressure); the data set arrives whole', async () => {
    const { scu, requestor, requestorEnd, received } = await associate();
    const data = dataSet('1.2.3.2', 100_000);
    const source = chunked(data, [1000]);
    // The transport takes one PDU at a time, when released.
    const write = requestorEnd.write.bind(requestorEnd);
    let release: (() => void) | undefined;
    requestorEnd.write = async (bytes) => {
      await new Promise<void>((r) => (release = r));
      return write(bytes);
    };
    const stored = scu.store({ sopClassUID: CT, sopInstanceUID: '1.2.3.2', transferSyntaxUID: IMPLICIT, dataSet: source });
    // The command PDU and the first data set PDU: no chunk past what one fragment needs is read.
    for (let pdus = 0; pdus < 3; pdus++) {
      await until(() => release !== undefined);
      await new Promise((r) => setTimeout(r, 10));
      expect(source.read).toBeLessThanOrEqual(Math.ceil((pdus * 4090) / 1000) + 1);
      const next = release!;
      release = undefined;
      next();
    }
    requestorEnd.write = write;
    await new Promise((r) => setTimeout(r, 10));
    release?.();
    expect((await stored).status).toBe(Status.Success);
    expect(received[0]!.dataSet).toEqual(data);
    expect(source.read).toBe(Math.ceil(data.length / 1000));
    await requestor.release();
  });

  test('a source that fails mid data set aborts the association', async () => {
    const { scu, requestor } = await associate();
    const source: DataSetSource = {
      length: 100_000,
      async *chunks() {
        yield new Uint8Array(50_000);
        throw new Error('disk gone');
      },
    };
    await expect(scu.store({ sopClassUID: CT, sopInstanceUID: '1.2.3.3', transferSyntaxUID: IMPLICIT, dataSet: source })).rejects.toThrow('disk gone');
    await requestor.closed;
    expect(requestor.error).toBeInstanceOf(AssociationAbortedError);
  });
});

describe('C-GET of instances given as sources', () => {
  test('each source is closed once its sub-operation ends, sent or failed', async () => {
    const [requestorEnd, acceptorEnd] = memoryConnection();
    const data = dataSet('1.2.3.4', 20_000);
    const sources = [chunked(data, [3000]), chunked(data, [3000], data.length + 2)];
    const instances = sources.map((source, i) => {
      const instance: StoreInstance<Uint8Array | DataSetSource> = { sopClassUID: CT, sopInstanceUID: `1.2.3.4.${i}`, transferSyntaxUID: IMPLICIT, dataSet: source };
      return { ...instance, load: async () => instance };
    });
    void Association.accept(acceptorEnd, policy, { maxPduLength: 4096 }).then((a) => serveAssociation(new DimseChannel(a), { retrieve: async () => instances }));
    const contexts = [
      { abstractSyntax: QUERY_RETRIEVE.study.get, transferSyntaxes: [IMPLICIT] },
      { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
    ];
    const requestor = await Association.request(requestorEnd, { callingAE: 'MODALITY', calledAE: 'ARCHIVE', contexts, roles: [{ sopClass: CT, scu: false, scp: true }] });
    const got: Uint8Array[] = [];
    const retrieved = new ServiceUser(new DimseChannel(requestor)).get('study', queryIdentifier('STUDY', [['StudyInstanceUID', '1.2.3']]), async (i) => {
      const fragments: Uint8Array[] = [];
      for await (const fragment of i.dataSet) fragments.push(fragment);
      got.push(concatBytes(fragments));
      return Status.Success;
    });
    // The second source is short of its length: its message is cut, the association aborted.
    await expect(retrieved).rejects.toBeInstanceOf(AssociationAbortedError);
    expect(got).toEqual([data]);
    await requestor.closed;
    expect(sources.map((s) => s.closed)).toEqual([1, 1]);
  });
});

/** A ByteSource over `bytes` that claims `size` bytes (zeros past `bytes`), counting reads and closes. */
function fileSource(bytes: Uint8Array, size = bytes.length): ByteSource & { reads: number[]; closed: number } {
  const memory = new MemorySource(bytes);
  return {
    size,
    reads: [],
    closed: 0,
    async read(offset, length) {
      this.reads.push(length);
      const out = new Uint8Array(Math.min(length, size - offset));
      out.set(await memory.read(offset, out.length));
      return out;
    },
    async close() {
      this.closed++;
    },
  };
}

describe('instanceOfPart10Source', () => {
  const about = { sopClassUID: CT, sopInstanceUID: '1.2.3.5', transferSyntaxUID: EXPLICIT };
  const readAll = async (source: DataSetSource) => {
    const parts: Uint8Array[] = [];
    for await (const chunk of source.chunks()) parts.push(chunk);
    return Buffer.concat(parts);
  };

  test('the data set as stored, read in chunks by offset after a small read of its head; closing closes the file', async () => {
    const ds = new DataSet();
    ds.set('SOPClassUID', CT);
    ds.set('SOPInstanceUID', '1.2.3.5');
    ds.set(0x00091010, new Uint8Array(3 * 1024 ** 2 + 2).fill(9), 'OB');
    const stored = writeDataSet(ds, EXPLICIT);
    const file = fileSource(part10File({ ...about, dataSet: stored }));
    const instance = await instanceOfPart10Source(file, about);
    expect(file.reads).toEqual([64 * 1024]);
    const source = instance.dataSet as DataSetSource;
    expect(source.length).toBe(stored.length);
    expect(Buffer.compare(await readAll(source), stored)).toBe(0);
    expect(Math.max(...file.reads)).toBe(1 << 20);
    expect(file.closed).toBe(0);
    await source.close!();
    expect(file.closed).toBe(1);
  });

  test('a small odd-length or deflated data set is read whole and closed; a large one refused', async () => {
    const ds = new DataSet();
    ds.set('SOPClassUID', CT);
    ds.set('SOPInstanceUID', '1.2.3.5');
    const odd = Uint8Array.from([...writeDataSet(ds, EXPLICIT), 0]);
    const small = fileSource(part10File({ ...about, dataSet: odd }));
    const instance = await instanceOfPart10Source(small, about);
    expect(instance.dataSet).toEqual(writeDataSet(ds, EXPLICIT));
    expect(small.closed).toBe(1);

    const stream = deflateRawSync(writeDataSet(ds, EXPLICIT));
    const even = stream.length % 2 ? Uint8Array.from([...stream, 0]) : stream;
    const deflated = fileSource(part10File({ ...about, transferSyntaxUID: DEFLATED, dataSet: even }));
    expect(await instanceOfPart10Source(deflated, { ...about, transferSyntaxUID: DEFLATED })).toMatchObject({ transferSyntaxUID: DEFLATED, dataSet: even });
    expect(deflated.reads).toEqual([deflated.size]);
    expect(deflated.closed).toBe(1);

    const head = part10File({ ...about, dataSet: odd });
    const large = fileSource(head, head.length + 100 * 1024 ** 2);
    await expect(instanceOfPart10Source(large, about)).rejects.toThrow(/read whole to be sent, up to 67108864 bytes/);
    expect(large.closed).toBe(1);
    expect(Math.max(...large.reads)).toBe(64 * 1024);
  });
});
