/**
 * Appointment reminder: the day before a job's appointment, and only that day.
 */
import { ukDate } from '../../calendar.ts';
import type { ContactRule, Describe } from '../rule.ts';

const describe: Describe = (o) => `Appointment ${ukDate(o.triggerDate)}`;

export const appointment: ContactRule = {
  id: 'appointment',
  contactDue: 'Appointment Reminder',
  type: 'Appointment',
  centre: 'workshop',
  offsetDays: -1,
  windowDays: 0,
  purpose: 'service',
  channelOrder: null,
  blockDays: 0,
  template: 'appointment',
  enabled: true,
  trigger: {
    kind: 'job',
    wording: 'job appointment date',
    find: () => ({ date: (job) => job.appointmentDate, describe }),
  },
};
