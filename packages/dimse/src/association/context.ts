// Presentation contexts after negotiation (PS3.8 7.1.1.13-14) and the roles on them (PS3.7 D.3.3.4).
import { ContextResult, type AcceptedContext, type ProposedContext, type RoleSelection } from '../pdu/types.js';

/** A negotiated presentation context. */
export interface PresentationContext {
  id: number;
  abstractSyntax: string;
  /** The transfer syntax accepted; empty when rejected. */
  transferSyntax: string;
  /** PS3.8 Table 9-18 result/reason: 0 accepted. */
  result: number;
  /** Roles of the association requestor for this abstract syntax: SCU by default, SCP if negotiated (PS3.7 D.3.3.4). */
  requestorRoles: { scu: boolean; scp: boolean };
}

export const isAccepted = (pc: PresentationContext): boolean => pc.result === ContextResult.Acceptance;

/**
 * The contexts of an association from what was proposed and what the acceptor answered. Without a role
 * selection item the requestor is SCU only; with one, the roles both sides agreed on (PS3.7 D.3.3.4).
 */
export function negotiatedContexts(proposed: readonly ProposedContext[], answered: readonly AcceptedContext[], agreedRoles: readonly RoleSelection[]): Map<number, PresentationContext> {
  const contexts = new Map<number, PresentationContext>();
  for (const p of proposed) {
    const a = answered.find((c) => c.id === p.id);
    const role = agreedRoles.find((r) => r.sopClass === p.abstractSyntax);
    contexts.set(p.id, {
      id: p.id,
      abstractSyntax: p.abstractSyntax,
      transferSyntax: a && a.result === ContextResult.Acceptance ? a.transferSyntax : '',
      result: a?.result ?? ContextResult.NoReason,
      requestorRoles: role ? { scu: role.scu, scp: role.scp } : { scu: true, scp: false },
    });
  }
  return contexts;
}

/** The first accepted context for an abstract syntax, preferring `transferSyntax` when given. */
export function findContext(contexts: Map<number, PresentationContext>, abstractSyntax: string, transferSyntax?: string): PresentationContext | undefined {
  let found: PresentationContext | undefined;
  for (const pc of contexts.values()) {
    if (!isAccepted(pc) || pc.abstractSyntax !== abstractSyntax) continue;
    if (transferSyntax === undefined || pc.transferSyntax === transferSyntax) return pc;
    found ??= pc;
  }
  return transferSyntax === undefined ? found : undefined;
}
