// C-STORE data sets streamed as they arrive (PS3.8 9.3.5): fragments reach the sink in order and
// uncapped, a slow reader pauses the transport, and an association that ends early aborts the sink;
// other messages are still assembled whole, within maxMessageBytes.
import { describe, expect, test } from 'vitest';
import { DataSet, TransferSyntax, writeDataSet } from '@dcmkit/core';
import {
  Association,
  AssociationAbortedError,
  AssociationClosedError,
  CommandField,
  DimseChannel,
  DimseProtocolError,
  MessageAssembler,
  ServiceUser,
  Status,
  VERIFICATION,
  commandSet,
  encodeCommand,
  encodePData,
  serveAssociation,
  type AcceptancePolicy,
  type DataSetSink,
  type DimseMessage,
  type ServiceHandlers,
  type StoreStreamRequest,
} from '@dcmkit/dimse';
import { memoryConnection } from './memory-transport.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const IMPLICIT = TransferSyntax.ImplicitVRLittleEndian;
const policy: AcceptancePolicy = { aeTitle: 'ARCHIVE', transferSyntaxes: (as) => (as === VERIFICATION || as === CT ? [IMPLICIT] : undefined) };

/** A data set of `size` bytes of OB, in implicit VR. */
function instance(uid: string, size: number): Uint8Array {
  const ds = new DataSet();
  ds.set('SOPClassUID', CT);
  ds.set('SOPInstanceUID', uid);
  ds.set(0x00091010, Uint8Array.from({ length: size }, (_, i) => i % 251), 'OB');
  return writeDataSet(ds, IMPLICIT);
}

const storeCommand = (uid: string, messageId = 1) =>
  encodeCommand(commandSet({ CommandField: CommandField.CStoreRQ, MessageID: messageId, AffectedSOPClassUID: CT, AffectedSOPInstanceUID: uid, Priority: 0 }, true));
const pData = (data: Uint8Array, command: boolean, last: boolean) => encodePData([{ contextId: 1, command, last, data }]);

/** A sink recording what it is told. */
function recordingSink(): DataSetSink & { fragments: Uint8Array[]; ended: boolean; aborted?: Error } {
  return {
    fragments: [],
    ended: false,
    write(fragment) {
      this.fragments.push(fragment);
    },
    end() {
      this.ended = true;
    },
    abort(reason) {
      this.aborted = reason;
    },
  };
}

describe('MessageAssembler with a data set sink', () => {
  const command = (uid: string) => ({ contextId: 1, command: true, last: true, data: storeCommand(uid) });

  test('a streamed data set goes to the sink fragment by fragment, in order, past maxMessageBytes', () => {
    const sink = recordingSink();
    const offered: DimseMessage[] = [];
    const assembler = new MessageAssembler(100, (m) => (offered.push(m), sink));
    expect(assembler.push(command('1.2.3'))).toBeUndefined();
    expect(offered.map((m) => m.command.getString('AffectedSOPInstanceUID'))).toEqual(['1.2.3']);
    const parts = [1, 2, 3].map((n) => new Uint8Array(400).fill(n));
    parts.forEach((data, i) => expect(assembler.push({ contextId: 1, command: false, last: i === 2, data })).toBeUndefined());
    expect(sink.fragments).toEqual(parts);
    expect(sink.ended).toBe(true);
    expect(assembler.busy).toBe(false);
  });

  test('a pending write is handed back for back-pressure', () => {
    let release!: () => void;
    const written = new Promise<void>((r) => (release = r));
    const assembler = new MessageAssembler(100, () => ({ write: () => written, end: () => undefined, abort: () => undefined }));
    assembler.push(command('1.2.3'));
    expect(assembler.push({ contextId: 1, command: false, last: false, data: new Uint8Array(8) })).toBe(written);
    release();
  });

  test('messages without a sink are still assembled whole and capped', () => {
    const assembler = new MessageAssembler(1000, () => undefined);
    assembler.push(command('1.2.3'));
    const message = assembler.push({ contextId: 1, command: false, last: true, data: new Uint8Array(500) }) as DimseMessage;
    expect(message.data).toHaveLength(500);
    assembler.push(command('1.2.4'));
    assembler.push({ contextId: 1, command: false, last: false, data: new Uint8Array(600) });
    expect(() => assembler.push({ contextId: 1, command: false, last: true, data: new Uint8Array(600) })).toThrow(DimseProtocolError);
  });

  test('abort reaches the sink; a command fragment inside a streamed data set is refused', () => {
    const sink = recordingSink();
    const assembler = new MessageAssembler(100, () => sink);
    assembler.push(command('1.2.3'));
    assembler.push({ contextId: 1, command: false, last: false, data: new Uint8Array(8) });
    expect(() => assembler.push(command('1.2.4'))).toThrow(DimseProtocolError);
    assembler.abort(new Error('gone'));
    expect(sink.aborted?.message).toBe('gone');
    expect(sink.ended).toBe(false);
    expect(assembler.busy).toBe(false);
  });
});

/** An acceptor serving `handlers`, and the requestor's end to write raw PDUs on. */
async function associate(handlers: ServiceHandlers, maxPduLength = 4096) {
  const [requestorEnd, acceptorEnd] = memoryConnection();
  const accepted = Association.accept(acceptorEnd, policy, { maxPduLength, maxMessageBytes: 64 * 1024 }).then((a) => {
    serveAssociation(new DimseChannel(a), handlers);
    return a;
  });
  const contexts = [
    { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
    { abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT] },
  ];
  const requestor = await Association.request(requestorEnd, { callingAE: 'MODALITY', calledAE: 'ARCHIVE', contexts }, { maxPduLength });
  return { scu: new ServiceUser(new DimseChannel(requestor)), requestor, acceptor: await accepted, requestorEnd, acceptorEnd };
}

/** A storeStream handler collecting the fragments; `gate` holds it before it reads each one. */
function collector(gate?: () => Promise<void>) {
  const seen: { request?: StoreStreamRequest; fragments: Uint8Array[]; error?: Error } = { fragments: [] };
  const storeStream = async (request: StoreStreamRequest) => {
    seen.request = request;
    try {
      for await (const fragment of request.dataSet) {
        seen.fragments.push(fragment);
        await gate?.();
      }
    } catch (e) {
      seen.error = e as Error;
      throw e;
    }
    return { status: Status.Success };
  };
  return { seen, storeStream };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; !condition(); i++) {
    if (i > 500) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const joined = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('C-STORE SCP with storeStream', () => {
  test('a data set larger than maxMessageBytes arrives in order; a slow reader pauses the transport', async () => {
    let open = false;
    let wake: (() => void) | undefined;
    const gate = () => (open ? Promise.resolve() : new Promise<void>((r) => (wake = r)));
    const { seen, storeStream } = collector(gate);
    const { scu, requestor, acceptorEnd } = await associate({ storeStream });
    const data = instance('1.2.3.9', 200_000);
    const stored = scu.store({ sopClassUID: CT, sopInstanceUID: '1.2.3.9', transferSyntaxUID: IMPLICIT, dataSet: data });
    // The handler holds the first fragment: the association stops reading, one more fragment waits at most.
    await until(() => wake !== undefined);
    await new Promise((r) => setTimeout(r, 30));
    expect(acceptorEnd.paused).toBe(true);
    expect(seen.fragments).toHaveLength(1);
    open = true;
    wake!();
    expect((await stored).status).toBe(Status.Success);
    expect(seen.request).toMatchObject({ sopClassUID: CT, sopInstanceUID: '1.2.3.9', transferSyntaxUID: IMPLICIT, callingAE: 'MODALITY' });
    expect(seen.fragments.length).toBeGreaterThan(40);
    expect(joined(seen.fragments)).toEqual(data);
    expect(acceptorEnd.pauses).toBeGreaterThan(1);
    expect(acceptorEnd.paused).toBe(false);
    await requestor.release();
  });

  test('C-ECHO and buffered messages go on as before on the same association', async () => {
    const { seen, storeStream } = collector();
    const { scu, requestor } = await associate({ storeStream });
    expect(await scu.echo()).toBe(Status.Success);
    const data = instance('1.2.3.10', 10);
    expect((await scu.store({ sopClassUID: CT, sopInstanceUID: '1.2.3.10', transferSyntaxUID: IMPLICIT, dataSet: data })).status).toBe(Status.Success);
    expect(joined(seen.fragments)).toEqual(data);
    await requestor.release();
  });

  test('a handler that fails early: the rest is dropped, the failure answered after the last fragment', async () => {
    const { scu, requestor, acceptorEnd } = await associate({ storeStream: async () => ({ status: Status.OutOfResources, errorComment: 'full' }) });
    const result = await scu.store({ sopClassUID: CT, sopInstanceUID: '1.2.3.11', transferSyntaxUID: IMPLICIT, dataSet: instance('1.2.3.11', 100_000) });
    expect(result).toEqual({ status: Status.OutOfResources, errorComment: 'full' });
    expect(acceptorEnd.paused).toBe(false);
    expect(await scu.echo()).toBe(Status.Success);
    await requestor.release();
  });

  const interrupted = async (interrupt: (ends: Awaited<ReturnType<typeof associate>>) => void) => {
    const { seen, storeStream } = collector();
    const ends = await associate({ storeStream });
    await ends.requestorEnd.write(pData(storeCommand('1.2.3.12'), true, true));
    await ends.requestorEnd.write(pData(new Uint8Array(1000).fill(7), false, false));
    await until(() => seen.fragments.length === 1);
    interrupt(ends);
    await until(() => seen.error !== undefined);
    await ends.acceptor.closed;
    return { seen, acceptor: ends.acceptor };
  };

  test('an A-ABORT mid data set aborts the sink', async () => {
    const { seen } = await interrupted(({ requestor }) => requestor.abort());
    expect(seen.error).toBeInstanceOf(AssociationAbortedError);
    expect(seen.error!.message).toMatch(/by the peer/);
  });

  test('a lost connection mid data set aborts the sink', async () => {
    const { seen } = await interrupted(({ requestorEnd }) => requestorEnd.close());
    expect(seen.error).toBeInstanceOf(AssociationClosedError);
  });

  test('a protocol error mid data set (a command fragment, e.g. C-CANCEL) aborts the sink and the association', async () => {
    const cancel = encodeCommand(commandSet({ CommandField: CommandField.CCancelRQ, MessageIDBeingRespondedTo: 1 }, false));
    const { seen, acceptor } = await interrupted(({ requestorEnd }) => void requestorEnd.write(pData(cancel, true, true)));
    expect(seen.error).toBeInstanceOf(AssociationAbortedError);
    expect(seen.error!.message).toMatch(/locally .*a data set fragment, got a command fragment/);
    expect(acceptor.error).toBe(seen.error);
  });
});
