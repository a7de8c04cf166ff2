// A progress bar on stderr while a folder command works through its files, only when stderr is a terminal.
import cliProgress from 'cli-progress';

export interface Progress {
  /** One more file done. */
  tick(): void;
  stop(): void;
}

const NONE: Progress = { tick: () => undefined, stop: () => undefined };

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return NONE;
  const bar = new cliProgress.SingleBar(
    { stream, format: `${label} [{bar}] {value}/{total} files | {eta_formatted} left`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}
