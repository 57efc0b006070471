/**
 * Job confirmation: when a job is booked, confirm it to the customer — from the booking date for
 * 3 days, and only while the appointment is still ahead. One per job; the block days do not
 * apply, because every booking deserves its own confirmation.
 */
import { ukDate } from '../../calendar.ts';
import type { ContactRule, Describe } from '../rule.ts';

const describe: Describe = (o) => {
  const appointment = o.job?.appointmentDate;
  return appointment ? `Booked ${ukDate(o.triggerDate)} for ${ukDate(appointment)}` : `Booked ${ukDate(o.triggerDate)}`;
};

export const jobConfirmation: ContactRule = {
  id: 'job-confirmation',
  contactDue: 'Job Confirmation',
  type: 'Job Booked',
  centre: 'workshop',
  offsetDays: 0,
  windowDays: 3,
  purpose: 'service',
  channelOrder: null,
  blockDays: 0,
  template: 'job-confirmation',
  enabled: true,
  trigger: {
    kind: 'job',
    wording: 'job booked date, appointment in the future',
    find: () => ({ date: (job) => job.bookedDate, describe }),
  },
  holds: (occasion, _garage, asOf) => {
    const appointment = occasion.job?.appointmentDate;
    return appointment !== null && appointment !== undefined && appointment > asOf;
  },
};
