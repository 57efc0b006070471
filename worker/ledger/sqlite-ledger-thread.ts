/**
 * The thread that owns the SQLite ledger: it opens the database, says which deliveries a crash left
 * uncertain, then makes each call the main thread sends, one at a time, in the order sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteLedgerNow, type LedgerNow, type LedgerThreadReply, type LedgerThreadRequest } from './sqlite-ledger.ts';

const port = parentPort!;
const reply = (message: LedgerThreadReply) => port.postMessage(message);

let ledger: LedgerNow;
try {
  ledger = openSqliteLedgerNow((workerData as { folder: string }).folder);
  reply({ ready: [...ledger.recoveredUncertain] });
} catch (error) {
  reply({ failed: (error as Error).message });
  process.exit(1);
}

port.on('message', (request: LedgerThreadRequest) => {
  try {
    const method = ledger[request.name] as (...args: unknown[]) => unknown;
    reply({ id: request.id, value: method(...request.args) });
    if (request.name === 'close') port.close();
  } catch (error) {
    reply({ id: request.id, error: (error as Error).message });
  }
});
