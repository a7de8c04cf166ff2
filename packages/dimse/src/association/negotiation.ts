// The acceptor's side of association negotiation (PS3.8 7.1.1, 9.3.3; PS3.7 D.3.3.4): which presentation
// contexts it accepts with which transfer syntax, which roles it grants, or why it rejects the association.
import { ContextResult, DICOM_APPLICATION_CONTEXT, RejectReason, RejectResult, RejectSource, type AcceptedContext, type AssociateRJ, type AssociateRQ, type RoleSelection } from '../pdu/types.js';

/** What an acceptor supports. */
export interface AcceptancePolicy {
  /** Our AE title; requests calling another are rejected (called AE title not recognized). Undefined: any. */
  aeTitle?: string;
  /** Calling AE titles allowed; undefined: any (PS3.8 Table 9-21 reason 3 otherwise). */
  callingAETitles?: readonly string[];
  /** True when no more associations can be taken now: rejected as transient, local limit exceeded (PS3.8 Table 9-21). */
  busy?(): boolean;
  /** The transfer syntaxes accepted for an abstract syntax, best first; undefined or empty: not supported. */
  transferSyntaxes(abstractSyntax: string): readonly string[] | undefined;
}

export type AcceptanceDecision =
  | { accept: true; contexts: AcceptedContext[]; roles: RoleSelection[] }
  | { accept: false; reject: Omit<AssociateRJ, 'type'> };

/**
 * The answer to an A-ASSOCIATE-RQ under `policy`. The Asynchronous Operations Window is not answered:
 * one operation at a time, the default (PS3.7 D.3.3.3).
 */
export function decideAssociation(rq: AssociateRQ, policy: AcceptancePolicy): AcceptanceDecision {
  const reject = (source: number, reason: number, result: number = RejectResult.Permanent): AcceptanceDecision => ({ accept: false, reject: { result, source, reason } });
  // PS3.8 9.3.2: bit 0 of the Protocol Version is version 1.
  if ((rq.protocolVersion & 1) === 0) return reject(RejectSource.ServiceProviderACSE, RejectReason.ProtocolVersionNotSupported);
  if (rq.applicationContext !== DICOM_APPLICATION_CONTEXT) return reject(RejectSource.ServiceUser, RejectReason.ApplicationContextNameNotSupported);
  if (policy.busy?.()) return reject(RejectSource.ServiceProviderPresentation, RejectReason.LocalLimitExceeded, RejectResult.Transient);
  if (policy.aeTitle !== undefined && rq.calledAE !== policy.aeTitle) return reject(RejectSource.ServiceUser, RejectReason.CalledAETitleNotRecognized);
  if (policy.callingAETitles && !policy.callingAETitles.includes(rq.callingAE)) return reject(RejectSource.ServiceUser, RejectReason.CallingAETitleNotRecognized);

  const contexts = rq.contexts.map((pc): AcceptedContext => {
    const supported = policy.transferSyntaxes(pc.abstractSyntax);
    if (!supported?.length) return { id: pc.id, result: ContextResult.AbstractSyntaxNotSupported, transferSyntax: pc.transferSyntaxes[0]! };
    const chosen = supported.find((ts) => pc.transferSyntaxes.includes(ts));
    return chosen ? { id: pc.id, result: ContextResult.Acceptance, transferSyntax: chosen } : { id: pc.id, result: ContextResult.TransferSyntaxesNotSupported, transferSyntax: pc.transferSyntaxes[0]! };
  });
  // Roles are granted as proposed for abstract syntaxes we support (PS3.7 D.3.3.4: the acceptor may only narrow them).
  const roles = rq.user.roles.filter((r) => policy.transferSyntaxes(r.sopClass)?.length);
  return { accept: true, contexts, roles };
}
