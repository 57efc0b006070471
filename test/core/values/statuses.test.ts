import assert from 'node:assert/strict';
import { bookingStatus, jobCancelled } from '../../../core/values/statuses.ts';

describe('the one reader of status words', () => {
  const bookings: [string, ReturnType<typeof bookingStatus>][] = [
    ['Booked', 'booked'], ['Booked In', 'booked'], ['BOOKED-IN', 'booked'], ['confirmed', 'booked'],
    ['Declined', 'declined'], ['Lost', 'declined'], ['rejected ', 'declined'],
    ['Cancelled', 'cancelled'], ['Canceled', 'cancelled'],
    ['New', null], ['Pending', null], ['Not booked', null], ['', null],
  ];
  for (const [text, expected] of bookings) {
    it(`reads a booking status of "${text}" as ${expected ?? 'still open'}`, () => assert.equal(bookingStatus(text), expected));
  }

  const jobs: [string, boolean][] = [
    ['Cancelled', true], ['canceled', true], [' Cancelled by customer', true], ['DNA', true], ['D.N.A.', true], ['Did not attend', true], ['No Show', true], ['no-show', true],
    ['Completed', false], ['Closed', false], ['Collected', false], ['Done', false], ['New', false], ['Invoiced', false], ['', false],
  ];
  for (const [text, expected] of jobs) {
    it(`${expected ? 'reads' : 'does not read'} a job status of "${text}" as cancelled or not attended`, () => assert.equal(jobCancelled(text), expected));
  }
});
