/**
 * Whether texts were delivered, asked of the provider that sent each (its name prefixes the
 * reference the ledger keeps: "twilio:SM…"). Polled, since a garage PC has no public address for
 * the provider's callbacks; shown as Delivered or Undelivered, or Pending while the network has
 * not said.
 */
import type { DeliveryStatus, SmsProvider } from './provider.ts';

export type DeliveryAnswer = { status: DeliveryStatus; detail: string } | { problem: string };

/** Each reference's delivery, one request at a time (the providers' own pacing applies). */
export async function pollDeliveries(providers: readonly SmsProvider[], references: readonly string[]): Promise<Map<string, DeliveryAnswer>> {
  const byName = new Map(providers.map((p) => [p.name, p]));
  const answers = new Map<string, DeliveryAnswer>();
  for (const reference of references) {
    const at = reference.indexOf(':');
    const provider = at > 0 ? byName.get(reference.slice(0, at)) : undefined;
    if (!provider) answers.set(reference, { problem: `no SMS provider configured sent ${reference}` });
    else if (!provider.status) answers.set(reference, { problem: `${provider.name} keeps no delivery reports to ask for` });
    else answers.set(reference, await provider.status(reference.slice(at + 1)));
  }
  return answers;
}
