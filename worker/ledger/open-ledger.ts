/**
 * Which ledger a worker uses: PostgreSQL when RETENTION_DATABASE_URL is set (a dealer group's sites
 * sharing one queue), else SQLite in the data folder. Each is loaded only when chosen, so a garage
 * on SQLite never loads pg, and looking at PostgreSQL loads no native module.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_FILE, type Ledger } from './ledger.ts';

export type LedgerPlace = { kind: 'sqlite'; folder: string } | { kind: 'postgres'; url: string };

export interface LedgerChoice {
  /** The data folder: SQLite's home, unused when the ledger is in PostgreSQL. */
  folder: string;
  environment: NodeJS.ProcessEnv;
}

export function ledgerPlace({ folder, environment }: LedgerChoice): LedgerPlace {
  const url = environment.RETENTION_DATABASE_URL?.trim();
  return url ? { kind: 'postgres', url } : { kind: 'sqlite', folder };
}

/** The ledger in words, with no password: "PostgreSQL at db.group.example:5432/retention". */
export function ledgerInWords(place: LedgerPlace): string {
  if (place.kind === 'sqlite') return `SQLite in ${join(place.folder, LEDGER_FILE)}`;
  try {
    const url = new URL(place.url);
    return `PostgreSQL at ${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}${url.username ? ` as ${decodeURIComponent(url.username)}` : ''}`;
  } catch {
    return 'PostgreSQL (RETENTION_DATABASE_URL, which is not a postgres:// address)';
  }
}

/** Opens (or makes) the ledger: the shared one in PostgreSQL when RETENTION_DATABASE_URL is set, else SQLite in `folder`. */
export async function openLedger(choice: LedgerChoice): Promise<Ledger> {
  const place = ledgerPlace(choice);
  if (place.kind === 'postgres') return (await import('./postgres-ledger.ts')).openPostgresLedger(place.url);
  return (await import('./sqlite-ledger.ts')).openSqliteLedger(place.folder);
}

/** The ledger when there is one to read: SQLite's only once a send has made its file; PostgreSQL's always. */
export async function openExistingLedger(choice: LedgerChoice): Promise<Ledger | null> {
  const place = ledgerPlace(choice);
  if (place.kind === 'sqlite' && !existsSync(join(place.folder, LEDGER_FILE))) return null;
  return openLedger(choice);
}

/** For `retention doctor`: which ledger, whether it can be reached, and whether a send has made it yet. */
export async function ledgerFinding(choice: LedgerChoice): Promise<{ ok: boolean; text: string; made: boolean }> {
  const place = ledgerPlace(choice);
  const where = ledgerInWords(place);
  if (place.kind === 'sqlite') {
    const made = existsSync(join(place.folder, LEDGER_FILE));
    return { ok: true, made, text: `The send ledger is ${where}${made ? '' : ' (made by the first send)'}. To share one queue between sites, set RETENTION_DATABASE_URL to a PostgreSQL database.` };
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: place.url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const [table] = (await client.query<{ made: string | null }>(`SELECT to_regclass('retention_deliveries')::text AS made`)).rows;
    const made = Boolean(table?.made);
    return { ok: true, made, text: `The send ledger is shared, ${where} (RETENTION_DATABASE_URL): it answers${made ? '' : '; its table is made by the first send'}.` };
  } catch (error) {
    return { ok: false, made: false, text: `The send ledger is shared, ${where} (RETENTION_DATABASE_URL), and could not be reached: ${(error as Error).message}. Check the address, the password and that the database server is running; or unset RETENTION_DATABASE_URL to keep the ledger on this computer.` };
  } finally {
    await client.end().catch(() => {});
  }
}
