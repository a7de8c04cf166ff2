// Bytes to PDUs (PS3.8 9.3), every length checked against what encloses it: a malformed PDU is a PduError.
import { AbortReason, PduType, type AcceptedContext, type Pdu, type Pdv, type ProposedContext, type UserInformation } from './types.js';
import { ByteReader } from './bytes.js';
import { ItemType } from './items.js';
import { PduError } from '../errors.js';

const AE_LENGTH = 16;
/** Fixed fields of A-ASSOCIATE-RQ/AC before the items (PS3.8 Table 9-11). */
const ASSOCIATE_FIXED = 68;

/** One item's header (type, reserved, 2-byte length) and a reader over its value. */
function nextItem(r: ByteReader): { type: number; at: number; value: ByteReader } {
  const at = r.pos;
  const type = r.u8('an item type');
  r.skip(1, 'a reserved byte');
  const length = r.u16('an item length');
  return { type, at, value: r.sub(length, `the item's value of ${length} bytes`) };
}

function userInformation(r: ByteReader): UserInformation {
  const user: UserInformation = { maxPduLength: 0, implementationClassUID: '', roles: [], other: [] };
  let sawMaxLength = false;
  while (r.remaining > 0) {
    const { type, at, value } = nextItem(r);
    switch (type) {
      case ItemType.MaximumLength:
        user.maxPduLength = value.u32('the Maximum Length Received');
        sawMaxLength = true;
        break;
      case ItemType.ImplementationClassUID:
        user.implementationClassUID = value.text(value.remaining, 'the Implementation Class UID');
        break;
      case ItemType.ImplementationVersionName:
        user.implementationVersionName = value.text(value.remaining, 'the Implementation Version Name');
        break;
      case ItemType.AsynchronousOperationsWindow:
        user.asyncOperations = { invoked: value.u16('Maximum Number Operations Invoked'), performed: value.u16('Maximum Number Operations Performed') };
        break;
      case ItemType.RoleSelection: {
        const n = value.u16('the UID length of a role selection');
        const sopClass = value.text(n, 'the SOP Class UID of a role selection');
        user.roles.push({ sopClass, scu: value.u8('SCU-role') === 1, scp: value.u8('SCP-role') === 1 });
        break;
      }
      default:
        if (type < 0x51 || type > 0x5f) r.fail(`a User Information sub-item (0x51-0x5F), got 0x${type.toString(16)}`, at);
        user.other.push({ type, value: value.view(value.remaining, 'the sub-item value').slice() });
    }
  }
  // The Maximum Length sub-item is mandatory (PS3.8 D.1).
  if (!sawMaxLength) r.fail('a Maximum Length sub-item in the User Information item');
  return user;
}

function proposedContext(r: ByteReader, at: number): ProposedContext {
  const id = r.u8('a presentation context ID');
  if (id % 2 === 0) r.fail(`an odd presentation context ID (PS3.8 9.3.2.2), got ${id}`, at + 4);
  r.skip(3, 'reserved bytes');
  const pc: ProposedContext = { id, abstractSyntax: '', transferSyntaxes: [] };
  while (r.remaining > 0) {
    const item = nextItem(r);
    if (item.type === ItemType.AbstractSyntax) pc.abstractSyntax = item.value.text(item.value.remaining, 'an Abstract Syntax Name');
    else if (item.type === ItemType.TransferSyntax) pc.transferSyntaxes.push(item.value.text(item.value.remaining, 'a Transfer Syntax Name'));
    else r.fail(`an Abstract or Transfer Syntax sub-item, got 0x${item.type.toString(16)}`, item.at);
  }
  if (!pc.abstractSyntax) r.fail(`an Abstract Syntax sub-item in presentation context ${id}`);
  if (pc.transferSyntaxes.length === 0) r.fail(`a Transfer Syntax sub-item in presentation context ${id}`);
  return pc;
}

function acceptedContext(r: ByteReader): AcceptedContext {
  const id = r.u8('a presentation context ID');
  r.skip(1, 'a reserved byte');
  const result = r.u8('a result/reason');
  r.skip(1, 'a reserved byte');
  let transferSyntax = '';
  while (r.remaining > 0) {
    const item = nextItem(r);
    if (item.type === ItemType.TransferSyntax) transferSyntax = item.value.text(item.value.remaining, 'a Transfer Syntax Name');
  }
  if (result === 0 && !transferSyntax) r.fail(`a Transfer Syntax sub-item in accepted presentation context ${id}`);
  return { id, result, transferSyntax };
}

function associate(r: ByteReader, type: typeof PduType.AssociateRQ | typeof PduType.AssociateAC): Pdu {
  if (r.remaining < ASSOCIATE_FIXED) r.fail(`at least ${ASSOCIATE_FIXED} bytes of fixed fields`);
  const protocolVersion = r.u16('the protocol version');
  r.skip(2, 'reserved bytes');
  const calledAE = r.text(AE_LENGTH, 'the Called AE Title').trim();
  const callingAE = r.text(AE_LENGTH, 'the Calling AE Title').trim();
  r.skip(32, 'reserved bytes');
  let applicationContext = '';
  let user: UserInformation | undefined;
  const proposed: ProposedContext[] = [];
  const accepted: AcceptedContext[] = [];
  while (r.remaining > 0) {
    const { type: itemType, at, value } = nextItem(r);
    if (itemType === ItemType.ApplicationContext) applicationContext = value.text(value.remaining, 'the Application Context Name');
    else if (itemType === ItemType.PresentationContextRQ && type === PduType.AssociateRQ) proposed.push(proposedContext(value, at));
    else if (itemType === ItemType.PresentationContextAC && type === PduType.AssociateAC) accepted.push(acceptedContext(value));
    else if (itemType === ItemType.UserInformation) user = userInformation(value);
    else r.fail(`an Application Context, Presentation Context or User Information item, got 0x${itemType.toString(16)}`, at);
  }
  if (!applicationContext) r.fail('an Application Context item');
  if (!user) r.fail('a User Information item');
  const common = { protocolVersion, calledAE, callingAE, applicationContext, user };
  return type === PduType.AssociateRQ ? { type, ...common, contexts: proposed } : { type, ...common, contexts: accepted };
}

function pData(r: ByteReader): Pdu {
  const pdvs: Pdv[] = [];
  while (r.remaining > 0) {
    const at = r.pos;
    const length = r.u32('a PDV item length');
    if (length < 2) r.fail(`a PDV item length of at least 2 (context ID and message control header), got ${length}`, at);
    const contextId = r.u8('a presentation context ID');
    const header = r.u8('a message control header');
    if (header > 3) r.fail(`a message control header of 0-3 (PS3.8 E.2), got 0x${header.toString(16)}`, at + 5);
    pdvs.push({ contextId, command: (header & 1) === 1, last: (header & 2) === 2, data: r.view(length - 2, 'the PDV fragment') });
  }
  if (pdvs.length === 0) r.fail('at least one PDV item');
  return { type: PduType.PDataTF, pdvs };
}

/** Decodes one whole PDU (header included, as `PduFramer` delivers them); PDV data are views of `bytes`. */
export function decodePdu(bytes: Uint8Array): Pdu {
  const type = bytes[0]!;
  const r = new ByteReader(bytes, type, 6);
  switch (type) {
    case PduType.AssociateRQ:
    case PduType.AssociateAC:
      return associate(r, type);
    case PduType.AssociateRJ: {
      r.skip(1, 'a reserved byte');
      return { type, result: r.u8('the result'), source: r.u8('the source'), reason: r.u8('the reason') };
    }
    case PduType.PDataTF:
      return pData(r);
    case PduType.ReleaseRQ:
    case PduType.ReleaseRP:
      r.skip(4, 'reserved bytes');
      return { type };
    case PduType.Abort: {
      r.skip(2, 'reserved bytes');
      return { type, source: r.u8('the source'), reason: r.u8('the reason') };
    }
    default:
      throw new PduError(`a PDU type of 0x01-0x07, got 0x${type.toString(16)}`, 0, type, AbortReason.UnrecognizedPdu);
  }
}
