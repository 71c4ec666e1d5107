// Issue 21: taps sent without waiting for the one before (a burst in the window, a tap meeting a
// sync merge, a reminder claim or a notification's Taken) all wait their turn in the real app:
// none is refused with "database is locked", and all of them are stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { middayZone, onboard, withMagday } from './magday.mjs';

/**
 * In the app's window, send `taps` through Tauri's IPC with at most `inFlight` calls unanswered
 * at once; resolve with {ok, refused: [{i, error}], last} (the last answer's movement minutes
 * and day note).
 */
const BURST = `
  const [taps, inFlight, done] = arguments;
  const invoke = window.__TAURI_INTERNALS__.invoke;
  const out = { ok: 0, refused: [], last: null };
  let next = 0;
  const movement = (day) => day.checklist.items.find((i) => i.key === 'movement');
  async function worker() {
    while (next < taps.length) {
      const i = next++;
      try {
        const day = await invoke('tap', { input: { day: null, tap: taps[i] } });
        out.ok += 1;
        out.last = { minutes: movement(day).minutes, note: day.checklist.day_note };
      } catch (e) {
        out.refused.push({ i, error: e });
      }
    }
  }
  Promise.all(Array.from({ length: inFlight }, worker)).then(() => done(out), (e) => done({ crashed: String(e) }));
`;

const move = { type: 'move', kind: 'walk', minutes: 1 };
const note = (text) => ({ type: 'note', item: 'day', text });

async function today(s) {
  return s.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke('get_day', { input: { day: null } }).then(
       (d) => done({ minutes: d.checklist.items.find((i) => i.key === 'movement').minutes, note: d.checklist.day_note }),
       (e) => done({ error: e }),
     );`,
    [],
  );
}

test('200 taps with 6 in flight, and 30 rounds of two at once: every one acknowledged and stored', { timeout: 300_000 }, async () => {
  const { tz } = middayZone();
  await withMagday('concurrency', tz, async (app) => {
    const s = app.session;
    await onboard(s, { template: 'nerve', times: ['08:00', '20:00'] });
    await s.setTimeouts({ script: 120_000 });

    const burst = await s.executeAsyncScript(BURST, [Array.from({ length: 200 }, () => move), 6]);
    assert.equal(burst.crashed, undefined, burst.crashed);
    assert.deepEqual(burst.refused, [], `refused: ${JSON.stringify(burst.refused.slice(0, 3))}`);
    assert.equal(burst.ok, 200);
    assert.equal((await today(s)).minutes, 200, 'all 200 stored');

    for (let round = 1; round <= 30; round++) {
      const r = await s.executeAsyncScript(BURST, [[move, note(`round ${round}`)], 2]);
      assert.deepEqual(r.refused, [], `round ${round} refused: ${JSON.stringify(r.refused)}`);
      assert.equal(r.ok, 2, `round ${round}`);
    }
    const end = await today(s);
    assert.equal(end.minutes, 230, 'every round stored its minute');
    assert.equal(end.note, 'round 30');

    // And the record survives a restart as acknowledged.
    await app.restart();
    await app.session.waitForElement('[data-testid=course-day]');
    await app.session.setTimeouts({ script: 30_000 });
    assert.deepEqual(await today(app.session), { minutes: 230, note: 'round 30' });
  });
});
