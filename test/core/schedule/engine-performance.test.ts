import assert from 'node:assert/strict';
import { DEFAULT_RULES } from '../../../core/schedule/default-rules.ts';
import { dueActions } from '../../../core/schedule/engine.ts';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import { largeGarage } from './large-garage.ts';

// How fast is the benchmark's business (bench/where-time-goes.ts times this step); a timed test
// fails on a busy machine for reasons that are not the code's.
describe('the engine on a benchmark-sized garage', function () {
  this.timeout(60_000);

  it('finds the due actions of 100,000 customers, 140,000 units and 350,000 jobs, on an ordinary day and on the busiest', () => {
    const garage = largeGarage('2026-11-16');
    // 10 December: Christmas greetings are due too, the busiest day of the year.
    const counts = ['2026-11-16', '2026-12-10'].map((asOf) => dueActions(garage, DEFAULT_RULES, { asOf, contactLog: [], lapsedMarks: [], settings: DEFAULT_SETTINGS }).length);
    assert.ok(counts[0]! > 10_000, `${counts[0]} actions`);
    assert.ok(counts[1]! > counts[0]!, `Christmas adds to the list: ${counts.join(' → ')}`);
  });
});
