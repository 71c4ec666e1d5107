// Issue 24: reminders after a restart. The app is set up at 06:00 (on a fake clock) with doses
// at 06:30 and 08:00, and is not running at either time; started at 08:05, it sends exactly one
// catch-up notification, for dose 2 whose window is still open ("… is still open", with Taken
// and Snooze), none for dose 1 whose window closed (Today shows it missed); started again, it
// sends none. Only the app runs on the fake clock (fakeclock.mjs).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { appAt } from './fakeclock.mjs';
import { DEFAULT_APP, startNotificationServer, withApp } from './lib/index.mjs';
import { onboard, text } from './magday.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('a start after a dose time sends one catch-up per open dose, and a second start none', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'magday-catchup-'));
  const notes = await startNotificationServer();
  try {
    const wrapper = join(dir, 'magday-at');
    // 06:00 on Wednesday 15 July 2026 in Berlin (CEST, UTC+2).
    appAt(wrapper, '2026-07-15T04:00:00Z');
    await withApp({ name: 'catchup', app: wrapper, exe: DEFAULT_APP, env: { TZ: 'Europe/Berlin' } }, async (app) => {
      let s = app.session;
      const { start } = await onboard(s, { template: 'nerve', times: ['06:30', '08:00'], mgPerUnit: 100 });
      assert.equal(start, '2026-07-15');
      assert.equal(await text(s, '[data-testid=next-dose]'), 'Next dose: 06:30');
      assert.deepEqual(notes.all(), [], 'nothing due at 06:00');

      // Not running from 06:01 to 08:05: dose 1's window closed at 08:00 (dose 2's time), dose 2
      // is due. The loop's first look, at start, sends one notification.
      appAt(wrapper, '2026-07-15T06:05:00Z');
      await app.restart();
      s = app.session;
      const n = await notes.waitForNotification({ summary: 'Magnesium: dose 2 at 08:00 is still open' }, 30_000);
      assert.deepEqual(
        n.actionPairs.map((a) => a.key).filter((k) => k !== 'default'),
        ['taken', 'snooze'],
      );
      await s.waitFor(async () => (await s.getAttribute('[data-testid=dose-1]', 'data-status')) === 'missed', {
        message: 'dose 1 shows as missed on Today',
      });
      assert.equal(await s.getAttribute('[data-testid=dose-2]', 'data-status'), 'due');
      await sleep(5_000);
      assert.deepEqual(
        notes.all().map((x) => x.summary),
        ['Magnesium: dose 2 at 08:00 is still open'],
        'exactly one notification at start',
      );

      // Started again a minute later: nothing new.
      appAt(wrapper, '2026-07-15T06:06:30Z');
      await app.restart();
      s = app.session;
      await s.waitForElement('[data-testid=dose-2]');
      await sleep(8_000);
      assert.equal(notes.all().length, 1, 'a second start sends none');

      // The catch-up counts as late in the delivery check.
      await s.click('[data-testid=tab-settings]');
      assert.match(await text(s, '[data-testid=delivery-summary]'), /0 of 2 on time in the last \d+ days, 1 late, 1 not sent/);
    });
  } finally {
    await notes.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
