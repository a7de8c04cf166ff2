// Associations and DIMSE-C over an in-memory connection: negotiation, the services, fragmentation,
// cancel, and how bad peers and silence end an association.
import { describe, expect, test } from 'vitest';
import { DataSet, TransferSyntax, parseDataSet, writeDataSet } from '@dcmkit/core';
import {
  Association,
  AssociationAbortedError,
  AssociationRejectedError,
  ContextResult,
  DimseChannel,
  DimseTimeoutError,
  QUERY_RETRIEVE,
  ServiceUser,
  Status,
  VERIFICATION,
  queryIdentifier,
  serveAssociation,
  type AcceptancePolicy,
  type ServiceHandlers,
  type StoreRequest,
} from '@dcmkit/dimse';
import { memoryConnection } from './memory-transport.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const { ExplicitVRLittleEndian: EXPLICIT, ImplicitVRLittleEndian: IMPLICIT } = TransferSyntax;

const policy: AcceptancePolicy = {
  aeTitle: 'ARCHIVE',
  transferSyntaxes: (as) => (as === VERIFICATION || as === CT || as === QUERY_RETRIEVE.study.find || as === QUERY_RETRIEVE.study.get ? [EXPLICIT, IMPLICIT] : undefined),
};

/** An association between a requestor and an acceptor serving `handlers`. */
async function associate(handlers: ServiceHandlers, contexts = [{ abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT] }], options: { maxPduLength?: number } = {}) {
  const [requestorEnd, acceptorEnd] = memoryConnection();
  const accepted = Association.accept(acceptorEnd, policy, options).then((a) => {
    serveAssociation(new DimseChannel(a), handlers);
    return a;
  });
  const requestor = await Association.request(requestorEnd, { callingAE: 'MODALITY', calledAE: 'ARCHIVE', contexts, roles: [{ sopClass: CT, scu: true, scp: true }] }, options);
  return { scu: new ServiceUser(new DimseChannel(requestor)), requestor, acceptor: await accepted, requestorEnd };
}

/** A data set of `size` bytes of OB in implicit VR. */
function instance(uid: string, size: number): Uint8Array {
  const ds = new DataSet();
  ds.set('SOPClassUID', CT);
  ds.set('SOPInstanceUID', uid);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  ds.set(0x00091010, bytes, 'OB');
  return writeDataSet(ds, IMPLICIT);
}

describe('negotiation (PS3.8 7.1.1)', () => {
  test('contexts accepted with the acceptor\'s preferred syntax, unsupported ones rejected with the reason', async () => {
    const { requestor } = await associate({}, [
      { abstractSyntax: CT, transferSyntaxes: [IMPLICIT, EXPLICIT] },
      { abstractSyntax: '1.2.3.4.5', transferSyntaxes: [EXPLICIT] },
      { abstractSyntax: VERIFICATION, transferSyntaxes: ['1.2.840.10008.1.2.4.50'] },
    ]);
    expect([...requestor.contexts.values()].map((c) => [c.id, c.result, c.transferSyntax])).toEqual([
      [1, ContextResult.Acceptance, EXPLICIT],
      [3, ContextResult.AbstractSyntaxNotSupported, ''],
      [5, ContextResult.TransferSyntaxesNotSupported, ''],
    ]);
    expect(requestor.contexts.get(1)!.requestorRoles).toEqual({ scu: true, scp: true });
    await requestor.release();
    expect(requestor.error).toBeUndefined();
  });

  test('a wrong called AE title is rejected (PS3.8 Table 9-21 reason 7)', async () => {
    const [a, b] = memoryConnection();
    const accepted = Association.accept(b, policy).catch((e) => e);
    const request = Association.request(a, { callingAE: 'MODALITY', calledAE: 'OTHER', contexts: [{ abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT] }] });
    await expect(request).rejects.toThrow(AssociationRejectedError);
    await expect(request).rejects.toThrow(/called AE title not recognized/);
    expect(await accepted).toBeInstanceOf(AssociationRejectedError);
  });

  test('no A-ASSOCIATE-RQ within the ARTIM timeout closes the connection (PS3.8 9.1.5)', async () => {
    const [, b] = memoryConnection();
    await expect(Association.accept(b, policy, { artimTimeout: 50 })).rejects.toThrow(DimseTimeoutError);
  });

  test('garbage instead of a PDU is answered with A-ABORT', async () => {
    const [a, b] = memoryConnection();
    const accepted = Association.accept(b, policy).catch((e) => e);
    await a.write(new Uint8Array([0x0a, 0, 0, 0, 0, 0]));
    const error = await accepted;
    expect(error).toBeInstanceOf(AssociationAbortedError);
    expect(error.message).toMatch(/unrecognized PDU/);
    // The A-ABORT that went back: type 7, source 2 (provider), reason 1.
    expect([...b.written.at(-1)!]).toEqual([0x07, 0, 0, 0, 0, 4, 0, 0, 2, 1]);
  });
});

describe('DIMSE-C services', () => {
  test('C-ECHO', async () => {
    const { scu, requestor } = await associate({});
    expect(await scu.echo()).toBe(Status.Success);
    await requestor.release();
  });

  test('C-STORE in fragments smaller than the data set; the handler gets the bytes as sent', async () => {
    const received: StoreRequest[] = [];
    const { scu, requestor, requestorEnd } = await associate(
      { store: async (r) => (received.push(r), { status: Status.Success }) },
      [{ abstractSyntax: CT, transferSyntaxes: [IMPLICIT] }],
      { maxPduLength: 4096 },
    );
    const data = instance('1.2.3.9', 100_000);
    const result = await scu.store({ sopClassUID: CT, sopInstanceUID: '1.2.3.9', transferSyntaxUID: IMPLICIT, dataSet: data });
    expect(result.status).toBe(Status.Success);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ sopClassUID: CT, sopInstanceUID: '1.2.3.9', transferSyntaxUID: IMPLICIT, callingAE: 'MODALITY' });
    expect(received[0]!.dataSet).toEqual(data);
    // Every P-DATA-TF respects the acceptor's Maximum Length (PS3.8 D.1).
    const pData = requestorEnd.written.filter((p) => p[0] === 0x04);
    expect(pData.length).toBeGreaterThan(24);
    expect(Math.max(...pData.map((p) => p.length - 6))).toBeLessThanOrEqual(4096);
    await requestor.release();
  });

  test('C-STORE rewrites an uncompressed data set into the syntax the context accepted', async () => {
    const received: StoreRequest[] = [];
    const { scu, requestor } = await associate({ store: async (r) => (received.push(r), { status: Status.Success }) }, [{ abstractSyntax: CT, transferSyntaxes: [EXPLICIT] }]);
    await scu.store({ sopClassUID: CT, sopInstanceUID: '1.2.3.9', transferSyntaxUID: IMPLICIT, dataSet: instance('1.2.3.9', 10) });
    expect(received[0]!.transferSyntaxUID).toBe(EXPLICIT);
    expect(parseDataSet(received[0]!.dataSet, EXPLICIT).getString('SOPInstanceUID')).toBe('1.2.3.9');
    await requestor.release();
  });

  test('C-FIND: one Pending per match, then Success; C-CANCEL stops it with Cancel', async () => {
    const handlers: ServiceHandlers = {
      async *find(request) {
        for (let i = 1; i <= 50; i++) {
          if (request.signal.aborted) return;
          const match = new DataSet();
          match.set('QueryRetrieveLevel', request.level);
          match.set('PatientID', `P${i}`);
          yield match;
          await new Promise((r) => setTimeout(r, 2));
        }
      },
    };
    const { scu, requestor } = await associate(handlers, [{ abstractSyntax: QUERY_RETRIEVE.study.find, transferSyntaxes: [IMPLICIT] }]);
    const ids: string[] = [];
    for await (const m of scu.find('study', queryIdentifier('STUDY', [['PatientID', '']]))) ids.push(m.getString('PatientID')!);
    expect(ids).toHaveLength(50);
    expect(ids[49]).toBe('P50');

    const control = new AbortController();
    const some: string[] = [];
    for await (const m of scu.find('study', queryIdentifier('STUDY', [['PatientID', '']]), { signal: control.signal })) {
      some.push(m.getString('PatientID')!);
      if (some.length === 3) control.abort();
    }
    expect(some.length).toBeGreaterThanOrEqual(3);
    expect(some.length).toBeLessThan(50);
    await requestor.release();
  });

  test('C-GET: C-STORE sub-operations on the same association, counted in the responses', async () => {
    const handlers: ServiceHandlers = {
      retrieve: async (request) =>
        ['1.2.3.1', '1.2.3.2', '1.2.3.3'].map((uid) => ({
          sopClassUID: CT,
          sopInstanceUID: uid,
          transferSyntaxUID: IMPLICIT,
          load: async () => ({ sopClassUID: CT, sopInstanceUID: uid, transferSyntaxUID: IMPLICIT, dataSet: instance(uid, request.level.length) }),
        })),
    };
    const { scu, requestor } = await associate(handlers, [
      { abstractSyntax: QUERY_RETRIEVE.study.get, transferSyntaxes: [IMPLICIT] },
      { abstractSyntax: CT, transferSyntaxes: [IMPLICIT] },
    ]);
    const got: string[] = [];
    const progress: number[] = [];
    const result = await scu.get('study', queryIdentifier('STUDY', [['StudyInstanceUID', '1.2.3']]), async (i) => (got.push(i.sopInstanceUID), i.sopInstanceUID === '1.2.3.2' ? Status.OutOfResources : Status.Success), {
      onProgress: (p) => progress.push(p.completed + p.failed),
    });
    expect(got).toEqual(['1.2.3.1', '1.2.3.2', '1.2.3.3']);
    expect(result).toMatchObject({ status: Status.SubOperationsCompleteWithFailures, completed: 2, failed: 1, warning: 0, failedSOPInstanceUIDs: ['1.2.3.2'], errorComment: '1 failed, first: status A700H' });
    expect(progress).toEqual([1, 2, 3]);
    await requestor.release();
  });

  test('an operation the acceptor does not serve is refused', async () => {
    const { scu, requestor } = await associate({}, [{ abstractSyntax: QUERY_RETRIEVE.study.find, transferSyntaxes: [IMPLICIT] }]);
    await expect(async () => {
      for await (const m of scu.find('study', queryIdentifier('STUDY', []))) void m;
    }).rejects.toThrow(/C-FIND failed with status 0x0211/);
    await requestor.release();
  });

  test('no response within the DIMSE timeout aborts the association', async () => {
    const [a, b] = memoryConnection();
    void Association.accept(b, policy).then((acc) => new DimseChannel(acc).setRequestHandler(() => undefined));
    const requestor = await Association.request(a, { callingAE: 'MODALITY', calledAE: 'ARCHIVE', contexts: [{ abstractSyntax: VERIFICATION, transferSyntaxes: [IMPLICIT] }] });
    const scu = new ServiceUser(new DimseChannel(requestor, { dimseTimeout: 50 }));
    await expect(scu.echo()).rejects.toThrow(DimseTimeoutError);
    await requestor.closed;
    expect(requestor.error).toBeInstanceOf(AssociationAbortedError);
    expect(requestor.error!.message).toMatch(/locally .*no DIMSE response within 50 ms/);
  });
});
