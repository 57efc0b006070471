/** A progress bar on stderr when it is a terminal; silent otherwise (CI, pipes, --json consumers). */
import cliProgress from 'cli-progress';
import { terminalLine } from './terminal-text.ts';

export interface Progress {
  start(total: number, label: string): void;
  advance(label: string): void;
  stop(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { start() {}, advance() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: ' {bar} {percentage}% | {step}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  return {
    start(total, label) {
      done = 0;
      bar.start(total, 0, { step: terminalLine(label, 60) });
    },
    advance(label) {
      done += 1;
      // A file's name is the user's text: escaped, as every other line from the files is.
      bar.update(done, { step: terminalLine(label, 60) });
    },
    stop() {
      bar.stop();
    },
  };
}
