import assert from 'node:assert/strict';
import { dailyAllowance } from '../../../core/messages/daily-allowance.ts';

describe("a mailbox's daily allowance, shown before sending", () => {
  const CASES: { description: string; input: Parameters<typeof dailyAllowance>[0]; line: string; over: number }[] = [
    { description: 'says how many more the mailbox can send today, with thousands separated', input: { approved: 148, sentLast24h: 148, dailyLimit: 10_000 }, line: '148 emails approved; this mailbox can send 9,852 more today', over: 0 },
    { description: 'says one email in the singular', input: { approved: 1, sentLast24h: 0, dailyLimit: 10_000 }, line: '1 email approved; this mailbox can send 10,000 more today', over: 0 },
    { description: 'fits a run that takes exactly what is left', input: { approved: 100, sentLast24h: 9_900, dailyLimit: 10_000 }, line: '100 emails approved; this mailbox can send 100 more today', over: 0 },
    {
      description: 'names how many would go over the limit, and what to do',
      input: { approved: 148, sentLast24h: 9_900, dailyLimit: 10_000 },
      line: '148 emails approved; this mailbox can send 100 more today: 48 emails would go over its daily limit of 10,000. Approve fewer, or send the rest tomorrow.',
      over: 48,
    },
    { description: 'never says a negative number when more were sent than the limit', input: { approved: 2, sentLast24h: 10_050, dailyLimit: 10_000 }, line: '2 emails approved; this mailbox can send 0 more today: 2 emails would go over its daily limit of 10,000. Approve fewer, or send the rest tomorrow.', over: 2 },
  ];
  for (const { description, input, line, over } of CASES) {
    it(description, () => assert.deepEqual(dailyAllowance(input), { line, over }));
  }
});
