/**
 * Finding a customer by what the person at the counter has in hand: a name, the account code, or
 * the registration of their vehicle. Case, spaces and punctuation do not matter ("ab12 cde" finds
 * AB12CDE); the closest matches come first, and only a screenful is returned.
 */
import type { GarageIndex } from '../garage-index.ts';
import type { Customer } from '../records.ts';

export interface CustomerMatch {
  code: string;
  name: string;
  postcode: string;
  /** The customer's vehicles as a person writes them ("AB12 CDE"). */
  registrations: string[];
  /** What the query matched. */
  matchedBy: 'code' | 'registration' | 'name';
}

/** Enough for a task pane's list; a longer list means the query should say more. */
export const MATCHES_SHOWN = 20;

/** Lower case, letters and digits only: how both sides are compared. */
function squashed(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

interface Searchable {
  customer: Customer;
  code: string;
  name: string;
  /** Each word of the name, squashed, for "starts a word" matches. */
  words: string[];
  registrations: { key: string; shown: string }[];
}

// Built once per garage index and kept with it: a pane searches as the user types.
const built = new WeakMap<GarageIndex, Searchable[]>();

function searchable(garage: GarageIndex): Searchable[] {
  let list = built.get(garage);
  if (list) return list;
  const units = new Map<string, { key: string; shown: string }[]>();
  for (const unit of garage.units) {
    if (!unit.customerCode) continue;
    let held = units.get(unit.customerCode);
    if (!held) units.set(unit.customerCode, (held = []));
    held.push({ key: squashed(unit.registration), shown: unit.registrationDisplay || unit.registration });
  }
  list = garage.customers.map((customer) => {
    const full = [customer.name, customer.company, customer.firstName, customer.surname].join(' ');
    return {
      customer,
      code: squashed(customer.code),
      name: squashed(full),
      words: full.split(/\s+/).map(squashed).filter(Boolean),
      registrations: units.get(customer.code) ?? [],
    };
  });
  built.set(garage, list);
  return list;
}

/** Lower is closer; null: no match. Exact code or registration first, then starts, then anywhere. */
function closeness(entry: Searchable, query: string): { rank: number; by: CustomerMatch['matchedBy'] } | null {
  if (entry.code === query) return { rank: 0, by: 'code' };
  if (entry.registrations.some((r) => r.key === query)) return { rank: 1, by: 'registration' };
  if (entry.code.startsWith(query)) return { rank: 2, by: 'code' };
  if (entry.registrations.some((r) => r.key.startsWith(query))) return { rank: 3, by: 'registration' };
  if (entry.words.some((w) => w.startsWith(query)) || entry.name.startsWith(query)) return { rank: 4, by: 'name' };
  if (entry.name.includes(query)) return { rank: 5, by: 'name' };
  if (entry.code.includes(query)) return { rank: 6, by: 'code' };
  if (entry.registrations.some((r) => r.key.includes(query))) return { rank: 7, by: 'registration' };
  return null;
}

/**
 * The customers a query finds, closest first (then by name, then code), at most `limit`:
 * findCustomers(garage, 'ab12 cde') → [{ code: 'C1', name: 'Mrs Jane Smith', matchedBy: 'registration', … }].
 * A blank query finds nobody.
 */
export function findCustomers(garage: GarageIndex, query: string, limit = MATCHES_SHOWN): CustomerMatch[] {
  const wanted = squashed(query);
  if (!wanted) return [];
  const found: { entry: Searchable; rank: number; by: CustomerMatch['matchedBy'] }[] = [];
  for (const entry of searchable(garage)) {
    const match = closeness(entry, wanted);
    if (match) found.push({ entry, ...match });
  }
  found.sort((a, b) => a.rank - b.rank || compare(a.entry.customer.name, b.entry.customer.name) || compare(a.entry.customer.code, b.entry.customer.code));
  return found.slice(0, Math.max(0, limit)).map(({ entry, by }) => ({
    code: entry.customer.code,
    name: entry.customer.name,
    postcode: entry.customer.postcode,
    registrations: entry.registrations.map((r) => r.shown),
    matchedBy: by,
  }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
