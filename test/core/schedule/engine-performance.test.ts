import assert from 'node:assert/strict';
import { DEFAULT_RULES } from '../../../core/schedule/default-rules.ts';
import { dueActions } from '../../../core/schedule/engine.ts';
import { DEFAULT_SETTINGS } from '../../../core/settings.ts';
import { largeGarage } from './large-garage.ts';

describe('the engine on a benchmark-sized garage', function () {
  this.timeout(60_000);

  it('finds the due actions of 100,000 customers, 140,000 units and 350,000 jobs well within a second', () => {
    const garage = largeGarage('2026-11-16');
    // 10 December: Christmas greetings are due too, the busiest day of the year.
    for (const asOf of ['2026-11-16', '2026-12-10']) {
      const started = performance.now();
      const actions = dueActions(garage, DEFAULT_RULES, { asOf, contactLog: [], lapsedMarks: [], settings: DEFAULT_SETTINGS });
      const seconds = (performance.now() - started) / 1000;
      assert.ok(actions.length > 10_000, `${actions.length} actions`);
      assert.ok(seconds < 1.5, `${asOf}: ${seconds.toFixed(2)} s`);
    }
  });
});
