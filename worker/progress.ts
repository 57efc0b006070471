/** A progress bar on stderr when it is a terminal; silent otherwise (CI, pipes, --json consumers). */
import cliProgress from 'cli-progress';

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
      bar.start(total, 0, { step: label });
    },
    advance(label) {
      done += 1;
      bar.update(done, { step: label });
    },
    stop() {
      bar.stop();
    },
  };
}
