// PDUs to bytes (PS3.8 9.3): the fixed fields, then the items, each with its length.
import { ByteWriter } from './bytes.js';
import { ItemType } from './items.js';
import { PduType, type AssociateAC, type AssociateRQ, type Pdu, type Pdv, type UserInformation } from './types.js';

const AE_LENGTH = 16;

function aeTitle(w: ByteWriter, title: string): void {
  w.ascii(title.slice(0, AE_LENGTH).padEnd(AE_LENGTH, ' '));
}

function uidItem(w: ByteWriter, type: number, uid: string): void {
  w.u8(type).u8(0).sized(2, () => w.ascii(uid));
}

/** User Information item and its sub-items (PS3.8 D.1, PS3.7 D.3.3.2-4). */
function userInformation(w: ByteWriter, user: UserInformation): void {
  w.u8(ItemType.UserInformation).u8(0).sized(2, () => {
    w.u8(ItemType.MaximumLength).u8(0).u16(4).u32(user.maxPduLength);
    uidItem(w, ItemType.ImplementationClassUID, user.implementationClassUID);
    if (user.asyncOperations) w.u8(ItemType.AsynchronousOperationsWindow).u8(0).u16(4).u16(user.asyncOperations.invoked).u16(user.asyncOperations.performed);
    for (const role of user.roles) {
      w.u8(ItemType.RoleSelection).u8(0).sized(2, () => {
        w.sized(2, () => w.ascii(role.sopClass));
        w.u8(role.scu ? 1 : 0).u8(role.scp ? 1 : 0);
      });
    }
    if (user.implementationVersionName) w.u8(ItemType.ImplementationVersionName).u8(0).sized(2, () => w.ascii(user.implementationVersionName!));
    for (const item of user.other) w.u8(item.type).u8(0).u16(item.value.length).bytes(item.value);
  });
}

/** A-ASSOCIATE-RQ and -AC share their fixed fields (PS3.8 Tables 9-11, 9-17). */
function associate(w: ByteWriter, pdu: AssociateRQ | AssociateAC): void {
  w.u16(pdu.protocolVersion).zeros(2);
  aeTitle(w, pdu.calledAE);
  aeTitle(w, pdu.callingAE);
  w.zeros(32);
  uidItem(w, ItemType.ApplicationContext, pdu.applicationContext);
  if (pdu.type === PduType.AssociateRQ) {
    for (const pc of pdu.contexts) {
      w.u8(ItemType.PresentationContextRQ).u8(0).sized(2, () => {
        w.u8(pc.id).zeros(3);
        uidItem(w, ItemType.AbstractSyntax, pc.abstractSyntax);
        for (const ts of pc.transferSyntaxes) uidItem(w, ItemType.TransferSyntax, ts);
      });
    }
  } else {
    for (const pc of pdu.contexts) {
      w.u8(ItemType.PresentationContextAC).u8(0).sized(2, () => {
        w.u8(pc.id).u8(0).u8(pc.result).u8(0);
        // The transfer syntax sub-item is there whatever the result; not significant unless accepted (PS3.8 9.3.3.2).
        uidItem(w, ItemType.TransferSyntax, pc.transferSyntax);
      });
    }
  }
  userInformation(w, pdu.user);
}

/** The bytes of a PDU: type, reserved byte, 4-byte length, then the PDU's fields (PS3.8 9.3.1). */
export function encodePdu(pdu: Pdu): Uint8Array {
  if (pdu.type === PduType.PDataTF) return encodePData(pdu.pdvs);
  const w = new ByteWriter();
  w.u8(pdu.type).u8(0).sized(4, () => {
    switch (pdu.type) {
      case PduType.AssociateRQ:
      case PduType.AssociateAC:
        associate(w, pdu);
        break;
      case PduType.AssociateRJ:
        w.u8(0).u8(pdu.result).u8(pdu.source).u8(pdu.reason);
        break;
      case PduType.ReleaseRQ:
      case PduType.ReleaseRP:
        w.zeros(4);
        break;
      case PduType.Abort:
        w.zeros(2).u8(pdu.source).u8(pdu.reason);
        break;
    }
  });
  return w.finish();
}

/** P-DATA-TF (PS3.8 9.3.5): each PDV item is its length, the presentation context ID, the message control header, the fragment. */
export function encodePData(pdvs: readonly Pdv[]): Uint8Array {
  let length = 0;
  for (const pdv of pdvs) length += 6 + pdv.data.length;
  const out = new Uint8Array(6 + length);
  const view = new DataView(out.buffer);
  out[0] = PduType.PDataTF;
  view.setUint32(2, length);
  let at = 6;
  for (const pdv of pdvs) {
    view.setUint32(at, pdv.data.length + 2);
    out[at + 4] = pdv.contextId;
    // Message Control Header (PS3.8 E.2): bit 0 command, bit 1 last fragment.
    out[at + 5] = (pdv.command ? 1 : 0) | (pdv.last ? 2 : 0);
    out.set(pdv.data, at + 6);
    at += 6 + pdv.data.length;
  }
  return out;
}
