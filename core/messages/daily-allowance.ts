/**
 * What a mailbox may still send today, shown before sending. Exchange Online allows each mailbox
 * 10,000 recipients in a rolling 24 hours; past that it refuses mail until the day rolls on, so a
 * run that would pass it is named before it starts, not found half-way.
 */
export interface DailyAllowance {
  /** "148 emails approved; this mailbox can send 9,852 more today". */
  line: string;
  /** How many approved would go past the limit (0 when all fit). */
  over: number;
}

const count = (n: number) => n.toLocaleString('en-GB');
const emails = (n: number) => `${count(n)} email${n === 1 ? '' : 's'}`;

/**
 * @param approved emails approved in this run (each to one customer)
 * @param sentLast24h recipients the mailbox sent to in the last 24 hours
 * @param dailyLimit recipients a day the mailbox may send to
 * @example dailyAllowance({ approved: 148, sentLast24h: 148, dailyLimit: 10000 }).line
 *   → "148 emails approved; this mailbox can send 9,852 more today"
 */
export function dailyAllowance({ approved, sentLast24h, dailyLimit }: { approved: number; sentLast24h: number; dailyLimit: number }): DailyAllowance {
  const left = Math.max(0, dailyLimit - sentLast24h);
  const over = Math.max(0, approved - left);
  const line = `${emails(approved)} approved; this mailbox can send ${count(left)} more today`;
  if (over === 0) return { line, over };
  return { line: `${line}: ${emails(over)} would go over its daily limit of ${count(dailyLimit)}. Approve fewer, or send the rest tomorrow.`, over };
}
