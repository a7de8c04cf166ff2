// An association (PS3.8 7.1, 9.2): negotiation by A-ASSOCIATE, DIMSE messages in P-DATA-TF, the end by
// A-RELEASE or A-ABORT, driven by the states of the Upper Layer state machine (PS3.8 Table 9-10) and the
// ARTIM timer (PS3.8 9.1.5). Isomorphic: it speaks to any Transport.
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from '@dcmkit/core';
import { AssociationAbortedError, AssociationClosedError, AssociationRejectedError, DimseProtocolError, DimseTimeoutError, PduError } from '../errors.js';
import { MessageAssembler, messagePdus, type DataSetSink } from '../message/fragments.js';
import type { DimseMessage } from '../message/command.js';
import { decodePdu } from '../pdu/decode.js';
import { encodePdu } from '../pdu/encode.js';
import { PduFramer } from '../pdu/framer.js';
import { checkAETitle } from '../pdu/items.js';
import { AbortReason, AbortSource, DICOM_APPLICATION_CONTEXT, PduType, type AssociateRQ, type Pdu, type Pdv, type ProposedContext, type RoleSelection, type UserInformation } from '../pdu/types.js';
import { isAccepted, negotiatedContexts, type PresentationContext } from './context.js';
import { decideAssociation, type AcceptancePolicy } from './negotiation.js';
import type { Transport } from './transport.js';

export interface AssociationOptions {
  /** Maximum Length Received we announce for P-DATA-TF (PS3.8 D.1); larger PDUs are refused. Default 256 KiB. */
  maxPduLength?: number;
  /** ARTIM timer (PS3.8 9.1.5), also the wait for A-ASSOCIATE-AC and A-RELEASE-RP: milliseconds, default 30 s. */
  artimTimeout?: number;
  /** Largest DIMSE message (command plus data set) assembled, default 2 GiB; data sets streamed to a sink are not counted. */
  maxMessageBytes?: number;
  implementationClassUID?: string;
  implementationVersionName?: string;
}

/** What an association requestor proposes (PS3.8 7.1.1.13; PS3.7 D.3.3.4). */
export interface AssociationRequest {
  callingAE: string;
  calledAE: string;
  /** Presentation contexts; IDs 1, 3, 5 ... are given in order (PS3.8 9.3.2.2: at most 128). */
  contexts: { abstractSyntax: string; transferSyntaxes: string[] }[];
  /** SCP/SCU roles proposed for SOP classes (C-GET: SCP role for the storage classes to receive). */
  roles?: RoleSelection[];
}

const DEFAULT_MAX_PDU = 256 * 1024;
const DEFAULT_ARTIM = 30_000;
const DEFAULT_MAX_MESSAGE = 2 ** 31;
const MAX_CONTEXTS = 128;

/**
 * States of PS3.8 Table 9-10 this implementation passes through. The release collision states (Sta9-12)
 * are folded into Sta7: a colliding A-RELEASE-RQ is answered at once and the wait for A-RELEASE-RP goes on.
 */
type State =
  | 'Sta1' // Idle
  | 'Sta2' // Transport connection open, awaiting A-ASSOCIATE-RQ
  | 'Sta3' // Awaiting local A-ASSOCIATE response primitive
  | 'Sta5' // Awaiting A-ASSOCIATE-AC or -RJ
  | 'Sta6' // Association established, ready for data transfer
  | 'Sta7' // Awaiting A-RELEASE-RP
  | 'Sta13'; // Awaiting transport connection close

export class Association {
  #state: State = 'Sta1';
  readonly #transport: Transport;
  readonly #options: Required<AssociationOptions>;
  readonly #framer: PduFramer;
  readonly #assembler: MessageAssembler;
  #artim?: ReturnType<typeof setTimeout>;
  #sending: Promise<void> = Promise.resolve();
  #inbox: DimseMessage[] = [];
  #onMessage?: (message: DimseMessage) => void;
  #sinkFor?: (message: DimseMessage) => DataSetSink | undefined;
  /** PDVs of a received P-DATA-TF not handled yet. */
  #pdvs: Pdv[] = [];
  /** A streamed fragment's pending write: nothing more is read until it settles. */
  #held?: Promise<void>;
  #awaiting?: { resolve(pdu: Pdu): void; reject(e: Error): void };
  #closed!: () => void;
  #error?: Error;

  readonly requestor: boolean;
  callingAE = '';
  calledAE = '';
  /** Negotiated presentation contexts by ID. */
  contexts = new Map<number, PresentationContext>();
  /** The peer's User Information (Maximum Length, implementation ...). */
  peer?: UserInformation;
  /** Resolves when the association is over and the connection closed; see `error` for how it ended. */
  readonly closed: Promise<void>;

  private constructor(transport: Transport, requestor: boolean, options: AssociationOptions) {
    this.#transport = transport;
    this.requestor = requestor;
    this.#options = {
      maxPduLength: options.maxPduLength ?? DEFAULT_MAX_PDU,
      artimTimeout: options.artimTimeout ?? DEFAULT_ARTIM,
      maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE,
      implementationClassUID: options.implementationClassUID ?? IMPLEMENTATION_CLASS_UID,
      implementationVersionName: options.implementationVersionName ?? IMPLEMENTATION_VERSION_NAME,
    };
    this.#framer = new PduFramer(this.#options.maxPduLength);
    this.#assembler = new MessageAssembler(this.#options.maxMessageBytes, (message) => this.#sinkFor?.(message));
    this.closed = new Promise((resolve) => (this.#closed = resolve));
    transport.start({ data: (bytes) => this.#receive(bytes), closed: (error) => this.#transportClosed(error) });
  }

  /** Why the association ended abnormally (rejected, aborted, connection lost); undefined after a release. */
  get error(): Error | undefined {
    return this.#error;
  }

  get established(): boolean {
    return this.#state === 'Sta6';
  }

  get remote(): string {
    return this.#transport.remote;
  }

  /** Requests an association over an open transport connection (PS3.8 9.2 AE-2: A-ASSOCIATE-RQ sent, Sta5). */
  static async request(transport: Transport, request: AssociationRequest, options: AssociationOptions = {}): Promise<Association> {
    if (request.contexts.length === 0 || request.contexts.length > MAX_CONTEXTS) throw new RangeError(`an association proposes 1 to ${MAX_CONTEXTS} presentation contexts, got ${request.contexts.length}`);
    const a = new Association(transport, true, options);
    a.callingAE = checkAETitle(request.callingAE, 'calling AE title');
    a.calledAE = checkAETitle(request.calledAE, 'called AE title');
    const proposed: ProposedContext[] = request.contexts.map((c, i) => ({ id: 2 * i + 1, ...c }));
    a.#state = 'Sta5';
    a.#startArtim();
    const answer = a.#await();
    await a.#write(encodePdu({ type: PduType.AssociateRQ, protocolVersion: 1, calledAE: a.calledAE, callingAE: a.callingAE, applicationContext: DICOM_APPLICATION_CONTEXT, contexts: proposed, user: a.#user(request.roles ?? []) }));
    const pdu = await answer;
    a.#stopArtim();
    if (pdu.type === PduType.AssociateRJ) {
      a.#end(new AssociationRejectedError(pdu.result, pdu.source, pdu.reason));
      throw a.#error;
    }
    if (pdu.type !== PduType.AssociateAC) throw a.#unexpected(pdu);
    a.peer = pdu.user;
    a.contexts = negotiatedContexts(proposed, pdu.contexts, pdu.user.roles);
    a.#state = 'Sta6';
    return a;
  }

  /**
   * Accepts (or rejects) the association a peer requests on a new transport connection: waits for its
   * A-ASSOCIATE-RQ with the ARTIM timer running (Sta2), answers by `policy` (PS3.8 9.2 AE-6).
   */
  static async accept(transport: Transport, policy: AcceptancePolicy, options: AssociationOptions = {}): Promise<Association> {
    const a = new Association(transport, false, options);
    a.#state = 'Sta2';
    a.#startArtim();
    const pdu = await a.#await();
    a.#stopArtim();
    if (pdu.type !== PduType.AssociateRQ) throw a.#unexpected(pdu);
    a.#state = 'Sta3';
    await a.#answer(pdu, policy);
    return a;
  }

  async #answer(rq: AssociateRQ, policy: AcceptancePolicy): Promise<void> {
    this.callingAE = rq.callingAE;
    this.calledAE = rq.calledAE;
    this.peer = rq.user;
    const decision = decideAssociation(rq, policy);
    if (!decision.accept) {
      const { result, source, reason } = decision.reject;
      this.#state = 'Sta13';
      this.#startArtim();
      await this.#write(encodePdu({ type: PduType.AssociateRJ, result, source, reason })).catch(() => undefined);
      this.#transport.close();
      this.#error = new AssociationRejectedError(result, source, reason);
      throw this.#error;
    }
    this.contexts = negotiatedContexts(rq.contexts, decision.contexts, decision.roles);
    this.#state = 'Sta6';
    await this.#write(encodePdu({ type: PduType.AssociateAC, protocolVersion: 1, calledAE: rq.calledAE, callingAE: rq.callingAE, applicationContext: DICOM_APPLICATION_CONTEXT, contexts: decision.contexts, user: this.#user(decision.roles) }));
  }

  #user(roles: RoleSelection[]): UserInformation {
    const o = this.#options;
    return { maxPduLength: o.maxPduLength, implementationClassUID: o.implementationClassUID, implementationVersionName: o.implementationVersionName, roles, other: [] };
  }

  /**
   * Receives the DIMSE messages of this association (those that arrived before are handed over first).
   * `sinkFor`, when given, is asked for each command that announces a data set whether that data set is
   * to be streamed to a sink as it arrives, rather than assembled and delivered with the message.
   */
  setMessageHandler(handler: (message: DimseMessage) => void, sinkFor?: (message: DimseMessage) => DataSetSink | undefined): void {
    this.#onMessage = handler;
    this.#sinkFor = sinkFor;
    for (const m of this.#inbox.splice(0)) handler(m);
  }

  /**
   * Sends a DIMSE message on an accepted presentation context; messages are sent whole, one after another,
   * each PDU once the transport has taken the one before. A data set source that fails mid-message aborts.
   */
  send(message: DimseMessage): Promise<void> {
    const pc = this.contexts.get(message.contextId);
    if (!pc || !isAccepted(pc)) return Promise.reject(new DimseProtocolError(`presentation context ${message.contextId} was not accepted`));
    const maxLength = this.peer?.maxPduLength ?? 0;
    const run = async () => {
      if (this.#state !== 'Sta6' && this.#state !== 'Sta7') throw this.#error ?? new AssociationClosedError('the association is not established');
      let started = false;
      try {
        for await (const pdu of messagePdus(message, maxLength)) {
          started = true;
          await this.#write(pdu);
        }
      } catch (e) {
        // A message cut short can be neither finished nor withdrawn (PS3.8 Annex E): the association ends.
        if (started) this.abort(AbortReason.NotSpecified, AbortSource.ServiceUser, e instanceof Error ? e.message : String(e));
        throw e;
      }
    };
    const sent = this.#sending.then(run);
    this.#sending = sent.catch(() => undefined);
    return sent;
  }

  /** Releases the association (PS3.8 7.2: A-RELEASE-RQ, then A-RELEASE-RP and the connection closed). */
  async release(): Promise<void> {
    if (this.#state !== 'Sta6') return this.closed;
    await this.#sending;
    this.#state = 'Sta7';
    this.#startArtim();
    const answer = this.#await();
    await this.#write(encodePdu({ type: PduType.ReleaseRQ }));
    const pdu = await answer;
    if (pdu.type !== PduType.ReleaseRP) throw this.#unexpected(pdu);
    this.#stopArtim();
    this.#state = 'Sta13';
    this.#transport.close();
    await this.closed;
  }

  /** Aborts the association (PS3.8 7.3: A-ABORT, the connection closed). */
  abort(reason: number = AbortReason.NotSpecified, source: number = AbortSource.ServiceUser, detail?: string): void {
    if (this.#state === 'Sta1' || this.#state === 'Sta13') return;
    this.#end(new AssociationAbortedError(source, reason, false, detail));
    this.#state = 'Sta13';
    this.#write(encodePdu({ type: PduType.Abort, source, reason })).catch(() => undefined);
    this.#transport.close();
    this.#startArtim();
  }

  #write(bytes: Uint8Array): Promise<void> {
    return this.#transport.write(bytes);
  }

  /** The next A-ASSOCIATE or A-RELEASE answer PDU (P-DATA keeps flowing to the message handler meanwhile). */
  #await(): Promise<Pdu> {
    const answer = new Promise<Pdu>((resolve, reject) => (this.#awaiting = { resolve, reject }));
    // Awaited after the request is written; a failed write must not leave it rejected unobserved.
    answer.catch(() => undefined);
    return answer;
  }

  #receive(bytes: Uint8Array): void {
    this.#framer.push(bytes);
    this.#process();
  }

  /** Handles the PDVs and PDUs received, in order, until a streamed fragment's write holds them back. */
  #process(): void {
    try {
      while (!this.#held) {
        const pdv = this.#pdvs.shift();
        if (pdv) this.#receivePdv(pdv);
        else {
          const pdu = this.#framer.next();
          if (!pdu) return;
          this.#handle(decodePdu(pdu));
        }
        if (this.#state === 'Sta1' || this.#state === 'Sta13') return;
      }
    } catch (e) {
      if (e instanceof PduError) this.abort(e.abortReason, AbortSource.ServiceProvider, e.message);
      else if (e instanceof DimseProtocolError) this.abort(AbortReason.InvalidPduParameterValue, AbortSource.ServiceProvider, e.message);
      else throw e;
    }
  }

  #handle(pdu: Pdu): void {
    if (pdu.type === PduType.Abort) {
      this.#end(new AssociationAbortedError(pdu.source, pdu.reason, true));
      this.#transport.close();
      return;
    }
    if (this.#state === 'Sta13') return;
    if (pdu.type === PduType.PDataTF && (this.#state === 'Sta6' || this.#state === 'Sta7')) {
      for (const pdv of pdu.pdvs) {
        const pc = this.contexts.get(pdv.contextId);
        if (!pc || !isAccepted(pc)) throw new PduError(`a PDV on an accepted presentation context, got context ${pdv.contextId}`, 10, pdu.type);
      }
      this.#pdvs = pdu.pdvs.slice();
      return;
    }
    if (pdu.type === PduType.ReleaseRQ && (this.#state === 'Sta6' || this.#state === 'Sta7')) {
      this.#peerReleases();
      return;
    }
    const waiter = this.#awaiting;
    const expected =
      (this.#state === 'Sta2' && pdu.type === PduType.AssociateRQ) ||
      (this.#state === 'Sta5' && (pdu.type === PduType.AssociateAC || pdu.type === PduType.AssociateRJ)) ||
      (this.#state === 'Sta7' && pdu.type === PduType.ReleaseRP);
    if (!expected || !waiter) throw new PduError(`no ${pduName(pdu.type)} in state ${this.#state} (PS3.8 Table 9-10)`, 0, pdu.type, AbortReason.UnexpectedPdu);
    this.#awaiting = undefined;
    waiter.resolve(pdu);
  }

  /** A-RELEASE-RQ received: answered once what is being sent has gone; the requestor then closes the connection. */
  #peerReleases(): void {
    const colliding = this.#state === 'Sta7';
    if (!colliding) this.#state = 'Sta13';
    void this.#sending.then(async () => {
      await this.#write(encodePdu({ type: PduType.ReleaseRP })).catch(() => undefined);
      if (!colliding) this.#startArtim();
    });
  }

  #receivePdv(pdv: Pdv): void {
    const received = this.#assembler.push(pdv);
    if (received instanceof Promise) this.#hold(received);
    else if (received) this.#deliver(received);
  }

  /** Back-pressure: the transport is paused until the sink has taken the fragment; a failed write aborts. */
  #hold(written: Promise<void>): void {
    this.#held = written;
    this.#transport.pause();
    written.then(
      () => {
        this.#held = undefined;
        this.#transport.resume();
        this.#process();
      },
      (e: unknown) => {
        this.#held = undefined;
        this.abort(AbortReason.NotSpecified, AbortSource.ServiceUser, e instanceof Error ? e.message : String(e));
      },
    );
  }

  #deliver(message: DimseMessage): void {
    if (this.#onMessage) this.#onMessage(message);
    else this.#inbox.push(message);
  }

  #unexpected(pdu: Pdu): Error {
    const error = new PduError(`no ${pduName(pdu.type)} in state ${this.#state}`, 0, pdu.type, AbortReason.UnexpectedPdu);
    this.abort(AbortReason.UnexpectedPdu, AbortSource.ServiceProvider, error.message);
    return error;
  }

  #startArtim(): void {
    this.#stopArtim();
    this.#artim = setTimeout(() => {
      this.#artim = undefined;
      this.#end(new DimseTimeoutError(`ARTIM timer expired after ${this.#options.artimTimeout} ms in state ${this.#state}`));
      this.#transport.close();
    }, this.#options.artimTimeout);
  }

  #stopArtim(): void {
    if (this.#artim) clearTimeout(this.#artim);
    this.#artim = undefined;
  }

  /** Records why the association ends (the first reason wins) and fails whoever waits for a PDU. */
  #end(error: Error): void {
    this.#error ??= error;
    this.#awaiting?.reject(this.#error);
    this.#awaiting = undefined;
    this.#assembler.abort(this.#error);
    this.#pdvs = [];
  }

  #transportClosed(error?: Error): void {
    this.#stopArtim();
    const orderly = this.#state === 'Sta13' || this.#state === 'Sta1';
    const closed = new AssociationClosedError(`connection to ${this.remote} closed in state ${this.#state}${error ? `: ${error.message}` : ''}`);
    if (!orderly) this.#end(closed);
    // A data set still streaming will not complete, however the association ended.
    else this.#assembler.abort(this.#error ?? closed);
    this.#state = 'Sta1';
    this.#closed();
  }
}

const PDU_NAMES: Record<number, string> = { 1: 'A-ASSOCIATE-RQ', 2: 'A-ASSOCIATE-AC', 3: 'A-ASSOCIATE-RJ', 4: 'P-DATA-TF', 5: 'A-RELEASE-RQ', 6: 'A-RELEASE-RP', 7: 'A-ABORT' };
const pduName = (type: number): string => PDU_NAMES[type] ?? `PDU type ${type}`;
