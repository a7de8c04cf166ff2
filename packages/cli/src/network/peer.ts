// What every DIMSE command shares: HOST PORT, the AE titles (dcmtk's -aet/-aec spellings too), timeouts.
import { Command } from 'commander';
import { DEFAULT_CALLED_AE, DEFAULT_CALLING_AE, type PeerOptions } from '@dcmkit/dimse/node';
import { UsageError } from '../io.js';

/** Commander names each option after its last long flag. */
export interface PeerFlags {
  callingAe?: string;
  calledAe?: string;
  timeout?: string;
}

/** dcmtk writes its AE title options with one dash: -aet, -aec. */
const DCMTK_SPELLINGS: Record<string, string> = { '-aet': '--aet', '-aec': '--aec' };

/** A command talking to HOST PORT, with --aet/--calling-ae, --aec/--called-ae and --timeout. */
export function peerCommand(program: Command, name: string, description: string): Command {
  const command = program
    .command(name)
    .description(description)
    .argument('<host>', 'host name or address of the remote AE')
    .argument('<port>', 'its TCP port')
    .option('--aet, --calling-ae <aet>', `our AE title (default ${DEFAULT_CALLING_AE}; -aet works too)`)
    .option('--aec, --called-ae <aet>', `the remote AE title (default ${DEFAULT_CALLED_AE}; -aec works too)`)
    .option('--timeout <seconds>', 'longest wait for a response (default: none)');
  const parse = command.parseOptions.bind(command);
  command.parseOptions = (args: string[]) => parse(args.map((a) => DCMTK_SPELLINGS[a] ?? a));
  return command;
}

/** The remote AE of HOST PORT and the flags; bad values are usage errors. */
export function peerOf(host: string, port: string, flags: PeerFlags): PeerOptions {
  const n = Number(port);
  if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535) throw new UsageError(`PORT must be a TCP port (1-65535), not '${port}'`);
  const seconds = flags.timeout === undefined ? 0 : Number(flags.timeout);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--timeout needs a number of seconds, not '${flags.timeout}'`);
  for (const [option, title] of [['--aet', flags.callingAe], ['--aec', flags.calledAe]] as const) {
    if (title !== undefined && (title.trim().length === 0 || title.trim().length > 16 || title.includes('\\'))) throw new UsageError(`${option}: an AE title is 1 to 16 characters without backslash, not '${title}'`);
  }
  return { host, port: n, callingAE: flags.callingAe ?? DEFAULT_CALLING_AE, calledAE: flags.calledAe ?? DEFAULT_CALLED_AE, dimseTimeout: seconds * 1000 };
}

/** "AE@host:port" for messages. */
export const peerName = (peer: PeerOptions): string => `${peer.calledAE}@${peer.host}:${peer.port}`;
