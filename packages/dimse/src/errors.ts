// Typed errors of the Upper Layer and DIMSE: what went wrong, and where in the PDU when it is malformed.
import { AbortReason } from './pdu/types.js';

/** A malformed PDU (PS3.8 9.3): the PDU type, the byte offset in it, and what was expected there. */
export class PduError extends Error {
  override readonly name = 'PduError';
  constructor(
    readonly expected: string,
    readonly offset: number,
    readonly pduType?: number,
    /** The A-ABORT reason that answers it (PS3.8 Table 9-26). */
    readonly abortReason: number = AbortReason.InvalidPduParameterValue,
  ) {
    const pdu = pduType === undefined ? 'PDU' : `PDU type 0x${pduType.toString(16).padStart(2, '0')}`;
    super(`${pdu}, offset ${offset}: ${expected}`);
  }
}

const REJECT_SOURCES: Record<number, string> = { 1: 'service user', 2: 'service provider (ACSE)', 3: 'service provider (presentation)' };
const REJECT_REASONS: Record<string, string> = {
  '1:1': 'no reason given',
  '1:2': 'application context name not supported',
  '1:3': 'calling AE title not recognized',
  '1:7': 'called AE title not recognized',
  '2:1': 'no reason given',
  '2:2': 'protocol version not supported',
  '3:1': 'temporary congestion',
  '3:2': 'local limit exceeded',
};

/** The peer answered A-ASSOCIATE-RJ (PS3.8 Table 9-21). */
export class AssociationRejectedError extends Error {
  override readonly name = 'AssociationRejectedError';
  constructor(
    readonly result: number,
    readonly source: number,
    readonly reason: number,
  ) {
    const why = REJECT_REASONS[`${source}:${reason}`] ?? `reason ${reason}`;
    super(`association rejected ${result === 2 ? '(transient)' : '(permanent)'} by the ${REJECT_SOURCES[source] ?? `source ${source}`}: ${why}`);
  }
}

const ABORT_REASONS: Record<number, string> = {
  0: 'reason not specified',
  1: 'unrecognized PDU',
  2: 'unexpected PDU',
  4: 'unrecognized PDU parameter',
  5: 'unexpected PDU parameter',
  6: 'invalid PDU parameter value',
};

/** The association was aborted, by the peer (A-ABORT received) or locally (PS3.8 Table 9-26). */
export class AssociationAbortedError extends Error {
  override readonly name = 'AssociationAbortedError';
  constructor(
    readonly source: number,
    readonly reason: number,
    readonly byPeer: boolean,
    detail?: string,
  ) {
    const who = source === 0 ? 'service user' : 'service provider';
    super(`association aborted ${byPeer ? 'by the peer' : 'locally'} (${who}: ${ABORT_REASONS[reason] ?? `reason ${reason}`})${detail ? `: ${detail}` : ''}`);
  }
}

/** The transport connection closed, or could not be opened, before the association ended properly. */
export class AssociationClosedError extends Error {
  override readonly name = 'AssociationClosedError';
}

/** A timer ran out: ARTIM (PS3.8 9.1.5), the association request, or the DIMSE response timeout. */
export class DimseTimeoutError extends Error {
  override readonly name = 'DimseTimeoutError';
}

/** No accepted presentation context can carry the message (PS3.7 7.1). */
export class PresentationContextError extends Error {
  override readonly name = 'PresentationContextError';
}

/** A DIMSE message that breaks PS3.7 (missing command elements, unknown command field ...). */
export class DimseProtocolError extends Error {
  override readonly name = 'DimseProtocolError';
}

/** A DIMSE operation ended with a failure status (PS3.7 C.4). */
export class DimseStatusError extends Error {
  override readonly name = 'DimseStatusError';
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly errorComment?: string,
  ) {
    super(`${operation} failed with status 0x${status.toString(16).toUpperCase().padStart(4, '0')}${errorComment ? `: ${errorComment}` : ''}`);
  }
}
