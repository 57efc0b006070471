/**
 * The one place `retention serve` opens its ledger: SQLite in the data folder today; a dealer
 * group's PostgreSQL will be chosen here, and nothing else in the server needs to know.
 */
import type { Ledger } from '../ledger/ledger.ts';

export async function openLedger(dataFolder: string): Promise<Ledger> {
  const { openSqliteLedger } = await import('../ledger/sqlite-ledger.ts');
  return openSqliteLedger(dataFolder);
}
