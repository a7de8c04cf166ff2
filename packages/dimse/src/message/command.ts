// DIMSE command sets (PS3.7 6.3, 9.3, Annex E): group 0000 elements in implicit VR little endian,
// led by Command Group Length, held as a DataSet.
import { DataSet, IMPLICIT_LE, TransferSyntax, parseDataSet, writeDataSet } from '@dcmkit/core';
import { DimseProtocolError } from '../errors.js';
import type { DataSetStream } from './data-set-stream.js';
import type { DataSetSource } from './fragments.js';

/** Command Field values (PS3.7 Annex E, Table E.1-1). */
export const CommandField = {
  CStoreRQ: 0x0001,
  CStoreRSP: 0x8001,
  CGetRQ: 0x0010,
  CGetRSP: 0x8010,
  CFindRQ: 0x0020,
  CFindRSP: 0x8020,
  CMoveRQ: 0x0021,
  CMoveRSP: 0x8021,
  CEchoRQ: 0x0030,
  CEchoRSP: 0x8030,
  CCancelRQ: 0x0fff,
} as const;

/** Response command fields have bit 15 set (PS3.7 Table E.1-1). */
export const isResponse = (commandField: number): boolean => (commandField & 0x8000) !== 0;

/** Command Data Set Type (0000,0800): 0101H means no data set follows; any other value that one does (PS3.7 E.1). */
export const NO_DATA_SET = 0x0101;
const DATA_SET_PRESENT = 0x0001;

/** Priority (0000,0700) of C-STORE, C-FIND, C-MOVE and C-GET requests (PS3.7 9.1.1.1.6). */
export const Priority = { Medium: 0, High: 1, Low: 2 } as const;

/** A DIMSE message as exchanged over a presentation context: its command set and, when present, its data set bytes. */
export interface DimseMessage {
  contextId: number;
  command: DataSet;
  /** The data set, encoded in the presentation context's transfer syntax. */
  data?: Uint8Array;
  /** Instead of `data`: the data set of a received request as it arrives (see DimseChannel.setRequestHandler). */
  stream?: DataSetStream;
  /** Instead of `data`: the data set of a message to send, read as it is sent. */
  source?: DataSetSource;
}

/** Command set elements by value (undefined ones left out); Command Data Set Type follows `hasDataSet`. */
export interface CommandValues {
  CommandField: number;
  MessageID?: number;
  MessageIDBeingRespondedTo?: number;
  AffectedSOPClassUID?: string;
  RequestedSOPClassUID?: string;
  AffectedSOPInstanceUID?: string;
  MoveDestination?: string;
  Priority?: number;
  Status?: number;
  ErrorComment?: string;
  OffendingElement?: number[];
  NumberOfRemainingSuboperations?: number;
  NumberOfCompletedSuboperations?: number;
  NumberOfFailedSuboperations?: number;
  NumberOfWarningSuboperations?: number;
  MoveOriginatorApplicationEntityTitle?: string;
  MoveOriginatorMessageID?: number;
}

/** A command set of these values (PS3.7 Section 9.3, 10.3). */
export function commandSet(values: CommandValues, hasDataSet: boolean): DataSet {
  const ds = new DataSet(IMPLICIT_LE);
  for (const [keyword, value] of Object.entries(values)) if (value !== undefined) ds.set(keyword, value);
  ds.set('CommandDataSetType', hasDataSet ? DATA_SET_PRESENT : NO_DATA_SET);
  return ds;
}

/** The command set's bytes: Command Group Length (0000,0000) first, counting the bytes after it (PS3.7 E.1). */
export function encodeCommand(command: DataSet): Uint8Array {
  command.delete('CommandGroupLength');
  const body = writeDataSet(command, TransferSyntax.ImplicitVRLittleEndian);
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  // (0000,0000) UL, implicit VR: tag, 4-byte length 4, value.
  view.setUint32(4, 4, true);
  view.setUint32(8, body.length, true);
  out.set(body, 12);
  return out;
}

/** Reads a command set; it must name its Command Field. */
export function decodeCommand(bytes: Uint8Array): DataSet {
  let command: DataSet;
  try {
    command = parseDataSet(bytes, TransferSyntax.ImplicitVRLittleEndian, { name: 'command set' });
  } catch (e) {
    throw new DimseProtocolError(`unreadable command set: ${(e as Error).message}`);
  }
  for (const el of command) if (el.tag >>> 16 !== 0) throw new DimseProtocolError(`command sets hold group 0000 only (PS3.7 6.3), found tag ${el.tag.toString(16).padStart(8, '0')}`);
  if (command.getNumber('CommandField') === undefined) throw new DimseProtocolError('a command set without Command Field (0000,0100)');
  return command;
}

/** Whether a data set follows the command set (PS3.7 E.1: Command Data Set Type other than 0101H). */
export const hasDataSet = (command: DataSet): boolean => command.getNumber('CommandDataSetType') !== NO_DATA_SET;
