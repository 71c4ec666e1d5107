// Issues 13 and 14: the real app with its clock faked by libfaketime. Set up at 01:30 on a night
// in Auckland, before the 04:00 day start: the day still running is the evening before, so the
// app offers the coming day as Day 1 and says so; Today shows the evening before with the
// course's start and the next dose "today". Started again at 04:01, Day 1 has begun: both doses
// ahead, and a tap lands on it. Only the app (and the WebKit processes it starts) runs on the
// fake clock; tauri-driver and WebKitWebDriver run on the real one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_APP, withApp } from './lib/index.mjs';
import { appAt } from './fakeclock.mjs';
import { count, onboard, text } from './magday.mjs';

/** A screenshot once the window has painted what the test just saw (artifacts only). */
async function shot(app, label) {
  await app.session.executeAsyncScript(
    'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)));',
    [],
  );
  await app.screenshot(label);
}

/** What the web view's own clock says (the app's fake one). */
async function appClock(s) {
  return s.executeScript('return new Date().toISOString()');
}

test('set up at 01:30 at night: Day 1 is the coming day, and it begins at 04:00', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'magday-night-'));
  try {
    const wrapper = join(dir, 'magday-at-night');
    // 01:30 on Wednesday 15 July 2026 in Auckland (NZST, UTC+12).
    appAt(wrapper, '2026-07-14T13:30:00Z');
    await withApp({ name: 'night', app: wrapper, exe: DEFAULT_APP, env: { TZ: 'Pacific/Auckland' } }, async (app) => {
      let s = app.session;
      await s.setWindowRect({ width: 390, height: 844 });
      const clock = await appClock(s);
      assert.match(clock, /^2026-07-14T13:3/, `the app's web view runs on the fake clock: ${clock}`);
      let dayOne = '';
      const { offered, start } = await onboard(s, {
        template: 'nerve',
        times: ['08:00', '20:00'],
        onCourseStep: async (s) => {
          dayOne = await text(s, '[data-testid=day-one]');
        },
      });
      assert.equal(offered, '2026-07-15', 'after midnight the app offers the coming day as Day 1');
      assert.equal(start, '2026-07-15');
      assert.match(dayOne, /Day 1 is Wednesday, July 15/, dayOne);
      assert.match(dayOne, /past midnight/, dayOne);

      // Today is still Tuesday the 14th, before the course: it says when the course starts and
      // when the first dose is, and offers nothing to tick.
      assert.equal(await text(s, '[data-testid=day-title]'), 'Today');
      const subtitle = await text(s, 'header p.muted');
      assert.match(subtitle, /Tuesday, July 14/, subtitle);
      assert.match(await text(s, '[data-testid=before-course]'), /Your course starts on Wednesday, July 15/);
      assert.equal(await text(s, '[data-testid=next-dose]'), 'Next dose: 08:00 today');
      assert.equal(await count(s, '[data-testid=item-water-plus]'), 0);
      assert.equal(await count(s, '[data-testid=dose-1]'), 0);
      await shot(app, 'today-0130');

      // 04:01 the same night: Day 1 has begun.
      appAt(wrapper, '2026-07-14T16:01:00Z');
      await app.restart();
      s = app.session;
      assert.match(await appClock(s), /^2026-07-14T16:0/);
      await s.waitForText('[data-testid=course-day]', 'Day 1 of 56');
      assert.match(await text(s, 'header p.muted'), /Wednesday, July 15/);
      assert.equal(await count(s, '[data-testid=before-course]'), 0);
      assert.equal(await s.getAttribute('[data-testid=dose-1]', 'data-status'), 'upcoming');
      assert.equal(await s.getAttribute('[data-testid=dose-2]', 'data-status'), 'upcoming');
      assert.equal(await text(s, '[data-testid=next-dose]'), 'Next dose: 08:00');
      await s.click('[data-testid=item-water-plus]');
      await s.waitForText('[data-testid=item-water-count]', '1 of 8 glasses');
      await shot(app, 'today-0401');
      // The evening before stays a day before the course, with nothing recorded.
      await s.click('[data-testid=prev-day]');
      await s.waitForElement('[data-testid=past-day]');
      assert.match(await text(s, '[data-testid=day-title]'), /Tuesday, July 14/);
      assert.match(await text(s, '[data-testid=before-course]'), /Wednesday, July 15/);
      assert.equal(await count(s, '[data-testid=item-water-plus]'), 0);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
