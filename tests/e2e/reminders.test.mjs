// Issue 5: the real app, on a private D-Bus session bus whose notification server is this
// test's own, shows exactly one notification for a dose that falls due, with that dose's title,
// body and icon (a PNG file, so it shows before the app is installed); a dose taken before its
// time produces none; "Taken" on the notification records it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startNotificationServer } from './lib/index.mjs';
import { localHHMM, middayZone, onboard, text, withMagday } from './magday.mjs';

test('one notification for a due dose, none for a dose taken early', { timeout: 300_000 }, async () => {
  const notes = await startNotificationServer();
  try {
    const { tz, offsetHours } = middayZone();
    // Dose 1 two minutes from now; dose 2 a minute later, which the user takes early.
    const base = Date.now();
    const t1 = localHHMM(offsetHours, 2, new Date(base));
    const t2 = localHHMM(offsetHours, 3, new Date(base));
    const due2 = Math.floor((base + 3 * 60_000) / 60_000) * 60_000;
    await withMagday('reminders', tz, async (app) => {
      const s = app.session;
      await onboard(s, { template: 'nerve', times: [t1, t2], mgPerUnit: 100 });
      assert.match(await text(s, '[data-testid=next-dose]'), new RegExp(t1));
      await s.click('[data-testid=dose-2-toggle]');
      await s.waitFor(async () => (await s.getAttribute('[data-testid=dose-2]', 'data-status')) === 'taken');

      const title = `Magnesium: dose 1 at ${t1}`;
      const body = '1 unit of magnesium glycinate / bisglycinate (100 mg), with food if you can.';
      const n = await notes.waitForNotification({ summary: title }, 200_000);
      assert.equal(n.body, body);
      // The icon is a file the server can read (the app's own), not a theme name that only an
      // installed app has.
      assert.ok(n.appIcon.startsWith('/') && existsSync(n.appIcon), `icon ${n.appIcon}`);
      assert.equal(readFileSync(n.appIcon).subarray(1, 4).toString('latin1'), 'PNG');
      assert.deepEqual(
        n.actionPairs.map((a) => a.key).filter((k) => k !== 'default'),
        ['taken', 'snooze'],
      );
      // Past dose 2's time, plus a full minute of the app's loop: still only dose 1's.
      await new Promise((r) => setTimeout(r, Math.max(0, due2 + 65_000 - Date.now())));
      const sent = notes.all().map((x) => x.summary);
      assert.deepEqual(sent, [title], `exactly one notification, got ${JSON.stringify(sent)}`);

      // "Taken" on the notification goes into the log.
      notes.invokeAction(n.id, 'taken');
      await s.waitFor(
        async () => {
          await s.executeScript('window.dispatchEvent(new Event("focus"))');
          return (await s.getAttribute('[data-testid=dose-1]', 'data-status')) === 'taken';
        },
        { timeout: 15_000, message: 'dose 1 recorded as taken from the notification' },
      );
      // The delivery check counts it on time.
      await s.click('[data-testid=tab-settings]');
      assert.match(await text(s, '[data-testid=delivery-summary]'), /1 of 1 on time/);
    });
  } finally {
    await notes.stop();
  }
});
