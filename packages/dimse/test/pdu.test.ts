// PS3.8 9.3 PDUs: byte layouts, round trips, and typed errors for malformed input (never a hang or a huge allocation).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { AbortReason, PduError, PduFramer, PduType, decodePdu, encodePdu, type AssociateRQ, type Pdu } from '@dcmkit/dimse';

const rq: AssociateRQ = {
  type: PduType.AssociateRQ,
  protocolVersion: 1,
  calledAE: 'ARCHIVE',
  callingAE: 'MODALITY',
  applicationContext: '1.2.840.10008.3.1.1.1',
  contexts: [
    { id: 1, abstractSyntax: '1.2.840.10008.1.1', transferSyntaxes: ['1.2.840.10008.1.2'] },
    { id: 3, abstractSyntax: '1.2.840.10008.5.1.4.1.1.2', transferSyntaxes: ['1.2.840.10008.1.2.1', '1.2.840.10008.1.2'] },
  ],
  user: { maxPduLength: 16384, implementationClassUID: '1.2.3.4', implementationVersionName: 'TEST_1', roles: [{ sopClass: '1.2.840.10008.5.1.4.1.1.2', scu: false, scp: true }], other: [] },
};

describe('A-ASSOCIATE-RQ (PS3.8 9.3.2)', () => {
  test('fixed fields at their offsets', () => {
    const bytes = encodePdu(rq);
    expect(bytes[0]).toBe(0x01);
    expect(new DataView(bytes.buffer).getUint32(2)).toBe(bytes.length - 6);
    expect(new DataView(bytes.buffer).getUint16(6)).toBe(1);
    expect(new TextDecoder().decode(bytes.subarray(10, 26))).toBe('ARCHIVE         ');
    expect(new TextDecoder().decode(bytes.subarray(26, 42))).toBe('MODALITY        ');
    // Application Context item right after the 32 reserved bytes.
    expect(bytes[74]).toBe(0x10);
  });

  test('round trip, roles and implementation included', () => {
    expect(decodePdu(encodePdu(rq))).toEqual(rq);
  });

  test('A-ASSOCIATE-AC, -RJ, P-DATA-TF, release and abort round trip', () => {
    const pdus: Pdu[] = [
      { ...rq, type: PduType.AssociateAC, contexts: [{ id: 1, result: 0, transferSyntax: '1.2.840.10008.1.2' }, { id: 3, result: 4, transferSyntax: '1.2.840.10008.1.2.1' }] },
      { type: PduType.AssociateRJ, result: 2, source: 3, reason: 2 },
      { type: PduType.PDataTF, pdvs: [{ contextId: 1, command: true, last: false, data: new Uint8Array([1, 2]) }, { contextId: 3, command: false, last: true, data: new Uint8Array([3]) }] },
      { type: PduType.ReleaseRQ },
      { type: PduType.ReleaseRP },
      { type: PduType.Abort, source: 2, reason: 6 },
    ];
    for (const pdu of pdus) expect(decodePdu(encodePdu(pdu))).toEqual(pdu);
  });
});

describe('malformed PDUs', () => {
  const fails = (bytes: Uint8Array, expected: RegExp) => {
    let error: unknown;
    try {
      decodePdu(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PduError);
    expect((error as PduError).message).toMatch(expected);
  };

  test('an item longer than its PDU names the offset', () => {
    const bytes = encodePdu(rq);
    new DataView(bytes.buffer).setUint16(76, 0xffff);
    fails(bytes, /PDU type 0x01, offset 78: the item's value of 65535 bytes/);
  });

  test('an even presentation context ID', () => {
    fails(encodePdu({ ...rq, contexts: [{ ...rq.contexts[0]!, id: 2 }] }), /odd presentation context ID/);
  });

  test('no User Information item', () => {
    const bytes = encodePdu(rq);
    const userAt = bytes.lastIndexOf(0x50);
    const cut = bytes.slice(0, userAt);
    new DataView(cut.buffer).setUint32(2, cut.length - 6);
    fails(cut, /a User Information item/);
  });

  test('a PDV item shorter than its header', () => {
    fails(new Uint8Array([0x04, 0, 0, 0, 0, 6, 0, 0, 0, 1, 1, 3]), /PDV item length of at least 2/);
  });

  test('an unknown PDU type is unrecognized (abort reason 1)', () => {
    const framer = new PduFramer(16384);
    framer.push(new Uint8Array([0x09, 0, 0, 0, 0, 4, 0, 0, 0, 0]));
    expect(() => framer.next()).toThrow(expect.objectContaining({ abortReason: AbortReason.UnrecognizedPdu }));
  });

  test('random bytes after a valid header only ever give PduErrors', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 4), fc.uint8Array({ maxLength: 300 }), (type, body) => {
        const bytes = new Uint8Array(6 + body.length);
        bytes[0] = type;
        new DataView(bytes.buffer).setUint32(2, body.length);
        bytes.set(body, 6);
        try {
          decodePdu(bytes);
        } catch (e) {
          if (!(e instanceof PduError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('PDU framing (PS3.8 9.3.1)', () => {
  test('PDUs split across chunks and several in one chunk', () => {
    const a = encodePdu({ type: PduType.ReleaseRQ });
    const b = encodePdu({ type: PduType.PDataTF, pdvs: [{ contextId: 1, command: true, last: true, data: new Uint8Array(100).fill(7) }] });
    const all = new Uint8Array([...a, ...b, ...a]);
    const framer = new PduFramer(16384);
    const out: Uint8Array[] = [];
    for (let i = 0; i < all.length; i += 7) {
      framer.push(all.subarray(i, i + 7));
      for (let pdu = framer.next(); pdu; pdu = framer.next()) out.push(pdu);
    }
    expect(out.map((p) => [...p])).toEqual([[...a], [...b], [...a]]);
  });

  test('a length field beyond the limits is refused before anything is allocated', () => {
    const huge = new Uint8Array([0x04, 0, 0xff, 0xff, 0xff, 0xff]);
    const framer = new PduFramer(16384);
    framer.push(huge);
    expect(() => framer.next()).toThrow(/P-DATA-TF of at most 16384 bytes .* got 4294967295/);
    const associate = new PduFramer(16384);
    associate.push(new Uint8Array([0x01, 0, 0x10, 0, 0, 0]));
    expect(() => associate.next()).toThrow(/A-ASSOCIATE PDU of at most 1048576 bytes/);
    const release = new PduFramer(16384);
    release.push(new Uint8Array([0x05, 0, 0, 0, 0, 8]));
    expect(() => release.next()).toThrow(/PDU length of 4, got 8/);
  });
});
