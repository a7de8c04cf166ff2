// DIMSE status codes and their categories (PS3.7 Annex C).

/** Status (0000,0900) values used by the C-services (PS3.7 C, PS3.4 B.2.3, C.4). */
export const Status = {
  Success: 0x0000,
  /** Matches are continuing (C-FIND), sub-operations are continuing (C-MOVE, C-GET). */
  Pending: 0xff00,
  /** C-FIND: matches continuing, but optional keys were not supported. */
  PendingWarning: 0xff01,
  Cancel: 0xfe00,
  /** C-MOVE/C-GET: sub-operations complete, one or more failures or warnings (PS3.4 C.4.2.1.5). */
  SubOperationsCompleteWithFailures: 0xb000,
  /** C-STORE: coercion of data elements (PS3.4 B.2.3). */
  CoercionOfDataElements: 0xb000,
  ElementsDiscarded: 0xb006,
  DataSetDoesNotMatchSOPClassWarning: 0xb007,
  SOPClassNotSupported: 0x0122,
  NotAuthorized: 0x0124,
  DuplicateInvocation: 0x0210,
  UnrecognizedOperation: 0x0211,
  MistypedArgument: 0x0212,
  ProcessingFailure: 0x0110,
  DuplicateSOPInstance: 0x0111,
  /** Refused: out of resources (PS3.4 B.2.3, C.4). */
  OutOfResources: 0xa700,
  OutOfResourcesNumberOfMatches: 0xa701,
  OutOfResourcesSubOperations: 0xa702,
  MoveDestinationUnknown: 0xa801,
  /** C-STORE: data set does not match SOP class; C-FIND/MOVE/GET: identifier does not match SOP class. */
  DataSetDoesNotMatchSOPClass: 0xa900,
  /** C-STORE: cannot understand (C000-CFFF); C-FIND/MOVE/GET: unable to process. */
  CannotUnderstand: 0xc000,
  UnableToProcess: 0xc001,
} as const;

export type StatusCategory = 'success' | 'pending' | 'cancel' | 'warning' | 'failure';

/** The category of a status code (PS3.7 C.1-C.5). */
export function statusCategory(status: number): StatusCategory {
  if (status === Status.Success) return 'success';
  if (status === Status.Pending || status === Status.PendingWarning) return 'pending';
  if (status === Status.Cancel) return 'cancel';
  if (status === 0x0001 || status === 0x0107 || status === 0x0116 || (status & 0xf000) === 0xb000) return 'warning';
  return 'failure';
}

/** "0xA700", the way statuses are written in PS3.4 and dcmtk's logs. */
export const formatStatus = (status: number): string => `0x${status.toString(16).toUpperCase().padStart(4, '0')}`;
