import assert from 'node:assert/strict';
import { terminalProgress } from '../../worker/progress.ts';

/** A terminal that records what is written to it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; written: () => string } {
  let text = '';
  const stream = {
    isTTY: true,
    columns: 200,
    write: (chunk: string) => ((text += chunk), true),
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => stream,
    removeListener: () => stream,
  } as unknown as NodeJS.WriteStream;
  return { stream, written: () => text };
}

describe('the progress bar', () => {
  it('shows a file name holding an escape sequence as visible characters', () => {
    const terminal = fakeTerminal();
    const progress = terminalProgress(terminal.stream);
    progress.start(3, 'reading');
    progress.advance('cust\u001b[2Jomers.csv');
    progress.stop();
    assert.match(terminal.written(), /cust\\e\[2Jomers\.csv/);
    assert.ok(!terminal.written().includes('\u001b[2J'));
  });

});
