import assert from 'node:assert/strict';
import { DEFAULT_RULES } from '../../../../core/schedule/default-rules.ts';
import { cases as advisory } from './advisory.test.ts';
import { cases as appointment } from './appointment.test.ts';
import { cases as birthday } from './birthday.test.ts';
import { cases as christmas } from './christmas.test.ts';
import { cases as combined } from './combined.test.ts';
import { cases as drifting } from './drifting.test.ts';
import { cases as financeEnd } from './finance-end.test.ts';
import { cases as jobConfirmation } from './job-confirmation.test.ts';
import { cases as jobThanks } from './job-thanks.test.ts';
import { cases as mot } from './mot.test.ts';
import { cases as saleFollowUp } from './sale-follow-up.test.ts';
import { cases as saleThanks } from './sale-thanks.test.ts';
import { cases as service } from './service.test.ts';
import { cases as warranty } from './warranty.test.ts';

const ALL = [mot, service, combined, jobConfirmation, appointment, jobThanks, advisory, saleThanks, saleFollowUp, warranty, financeEnd, birthday, christmas, drifting].flat();

describe('the default rules’ window tables', () => {
  it('have a window case for every default rule', () => {
    assert.deepEqual(new Set(ALL.map((c) => c.ruleId)), new Set(DEFAULT_RULES.map((r) => r.id)));
  });
});
