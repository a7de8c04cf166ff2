// The PDUs of the DICOM Upper Layer protocol (PS3.8 9.3) and their items, as values.

/** PDU types (PS3.8 Table 9-11 ... 9-26). */
export const PduType = {
  AssociateRQ: 0x01,
  AssociateAC: 0x02,
  AssociateRJ: 0x03,
  PDataTF: 0x04,
  ReleaseRQ: 0x05,
  ReleaseRP: 0x06,
  Abort: 0x07,
} as const;

/** Application Context Name of DICOM (PS3.7 A.2.1). */
export const DICOM_APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';

/** A presentation context as proposed (PS3.8 9.3.2.2): an abstract syntax and the transfer syntaxes offered. */
export interface ProposedContext {
  /** Odd, 1 to 255 (PS3.8 9.3.2.2). */
  id: number;
  abstractSyntax: string;
  transferSyntaxes: string[];
}

/** Presentation context result/reason (PS3.8 Table 9-18). */
export const ContextResult = {
  Acceptance: 0,
  UserRejection: 1,
  NoReason: 2,
  AbstractSyntaxNotSupported: 3,
  TransferSyntaxesNotSupported: 4,
} as const;

/** A presentation context as answered (PS3.8 9.3.3.2): the transfer syntax chosen when accepted. */
export interface AcceptedContext {
  id: number;
  result: number;
  /** Meaningful only when accepted. */
  transferSyntax: string;
}

/** SCP/SCU Role Selection sub-item (PS3.7 D.3.3.4): which roles the requestor proposes, or the acceptor grants. */
export interface RoleSelection {
  sopClass: string;
  scu: boolean;
  scp: boolean;
}

/** User Information item (PS3.8 9.3.2.3, PS3.7 Annex D.3.3). */
export interface UserInformation {
  /** Maximum Length of the variable field of P-DATA-TF PDUs the sender can receive; 0: no limit (PS3.8 D.1). */
  maxPduLength: number;
  implementationClassUID: string;
  implementationVersionName?: string;
  /** Asynchronous Operations Window (PS3.7 D.3.3.3). */
  asyncOperations?: { invoked: number; performed: number };
  roles: RoleSelection[];
  /** Sub-items this implementation does not interpret (extended negotiation, user identity ...), kept as bytes. */
  other: { type: number; value: Uint8Array }[];
}

/** A-ASSOCIATE-RQ (PS3.8 9.3.2). */
export interface AssociateRQ {
  type: typeof PduType.AssociateRQ;
  protocolVersion: number;
  calledAE: string;
  callingAE: string;
  applicationContext: string;
  contexts: ProposedContext[];
  user: UserInformation;
}

/** A-ASSOCIATE-AC (PS3.8 9.3.3). */
export interface AssociateAC {
  type: typeof PduType.AssociateAC;
  protocolVersion: number;
  calledAE: string;
  callingAE: string;
  applicationContext: string;
  contexts: AcceptedContext[];
  user: UserInformation;
}

/** A-ASSOCIATE-RJ (PS3.8 9.3.4, Table 9-21): result 1 permanent / 2 transient, source and reason. */
export interface AssociateRJ {
  type: typeof PduType.AssociateRJ;
  result: number;
  source: number;
  reason: number;
}

/** A Presentation Data Value (PS3.8 9.3.5.1, Annex E.2): one fragment of a command or data set. */
export interface Pdv {
  contextId: number;
  /** Message Control Header bit 0: a command fragment, else data set. */
  command: boolean;
  /** Message Control Header bit 1: the last fragment of the command or data set. */
  last: boolean;
  data: Uint8Array;
}

/** P-DATA-TF (PS3.8 9.3.5). */
export interface PDataTF {
  type: typeof PduType.PDataTF;
  pdvs: Pdv[];
}

export interface ReleaseRQ {
  type: typeof PduType.ReleaseRQ;
}

export interface ReleaseRP {
  type: typeof PduType.ReleaseRP;
}

/** A-ABORT (PS3.8 9.3.8): source 0 service user, 2 service provider; reason (provider only, Table 9-26). */
export interface Abort {
  type: typeof PduType.Abort;
  source: number;
  reason: number;
}

export type Pdu = AssociateRQ | AssociateAC | AssociateRJ | PDataTF | ReleaseRQ | ReleaseRP | Abort;

/** A-ASSOCIATE-RJ Result, Source and Reason values (PS3.8 Table 9-21). */
export const RejectResult = { Permanent: 1, Transient: 2 } as const;
export const RejectSource = { ServiceUser: 1, ServiceProviderACSE: 2, ServiceProviderPresentation: 3 } as const;
export const RejectReason = {
  NoReasonGiven: 1,
  ApplicationContextNameNotSupported: 2,
  CallingAETitleNotRecognized: 3,
  CalledAETitleNotRecognized: 7,
  /** Source 2 (ACSE). */
  ProtocolVersionNotSupported: 2,
  /** Source 3 (presentation). */
  TemporaryCongestion: 1,
  LocalLimitExceeded: 2,
} as const;

/** A-ABORT Source and the provider's Reason/Diag values (PS3.8 Table 9-26). */
export const AbortSource = { ServiceUser: 0, ServiceProvider: 2 } as const;
export const AbortReason = {
  NotSpecified: 0,
  UnrecognizedPdu: 1,
  UnexpectedPdu: 2,
  UnrecognizedPduParameter: 4,
  UnexpectedPduParameter: 5,
  InvalidPduParameterValue: 6,
} as const;
