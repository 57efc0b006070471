/**
 * Workshop thank you: the day after a job is completed, due for 6 days. One per job.
 */
import { ukDate } from '../../calendar.ts';
import type { ContactRule, Describe } from '../rule.ts';

const describe: Describe = (o) => `Completed ${ukDate(o.triggerDate)}`;

export const jobThanks: ContactRule = {
  id: 'job-thanks',
  contactDue: 'Workshop Thank You',
  type: 'Job Complete',
  centre: 'workshop',
  offsetDays: 1,
  windowDays: 6,
  purpose: 'service',
  channelOrder: null,
  blockDays: 0,
  template: 'job-thanks',
  enabled: true,
  trigger: {
    kind: 'job',
    wording: 'job completed date',
    find: () => ({ date: (job) => job.completedDate, describe }),
  },
};
