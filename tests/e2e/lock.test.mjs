// Issue 25: the app lock through the real window, on a private D-Bus session whose notification
// server is this test's own. Lock now, a wrong then the right passphrase, the idle timeout (40 s
// here, through MAGDAY_LOCK_IDLE_SECONDS), a reminder that comes while locked with private text
// (no product, form or mg) whose "Taken" records the dose, the wait after six wrong tries kept
// across a restart, and the recovery code setting a new passphrase.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startNotificationServer, withApp } from './lib/index.mjs';
import { count, go, localHHMM, middayZone, onboard, setValue, text } from './magday.mjs';

const FIRST = 'open sesame';
const SECOND = 'a new passphrase';
const IDLE_SECONDS = 40;

/** Type `passphrase` on the lock screen and press Unlock. */
async function tryUnlock(s, passphrase) {
  await setValue(s, '[data-testid=lock-passphrase]', passphrase);
  await s.click('[data-testid=unlock]');
}

/** The lock screen is shown, and nothing of the record behind it. */
async function assertLocked(s, message, timeout = 20_000) {
  await s.waitForElement('[data-testid=lock-screen]', { timeout });
  assert.equal(await count(s, '[data-testid=tab-today], [data-testid=dose-1], [data-testid=app-lock]'), 0, message);
}

test('the app lock: locks, unlocks, times out, waits, recovers; reminders stay private', { timeout: 600_000 }, async () => {
  const notes = await startNotificationServer();
  try {
    const { tz, offsetHours } = middayZone();
    // The dose comes due about four minutes from now: after the idle timeout has locked the app.
    const t1 = localHHMM(offsetHours, 4);
    const env = { TZ: tz, MAGDAY_LOCK_IDLE_SECONDS: String(IDLE_SECONDS) };
    await withApp({ name: 'lock', env }, async (app) => {
      const s = app.session;
      await onboard(s, { template: 'nerve', times: [t1], mgPerUnit: 100 });

      // Turn the lock on: the one-time recovery code is shown once.
      await go(s, '#/settings');
      await setValue(s, '[data-testid=lock-new]', FIRST);
      await setValue(s, '[data-testid=lock-again]', FIRST);
      await s.click('[data-testid=lock-set]');
      const code = await text(s, '[data-testid=recovery-code]');
      assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/, `a recovery code: ${code}`);
      await s.click('[data-testid=recovery-code-done]');
      assert.equal(await count(s, '[data-testid=recovery-code]'), 0, 'the code shows only once');
      // The private text setting is on, and cannot be turned off, while the lock is on.
      assert.equal(await s.getProperty('[data-testid=private-text]', 'checked'), true);
      assert.equal(await s.getProperty('[data-testid=private-text]', 'disabled'), true);
      assert.equal(await s.executeScript('return document.title'), 'Magday', 'the window title names nothing');

      // Lock now: only the lock screen; a wrong passphrase is refused, the right one opens.
      await s.click('[data-testid=lock-now]');
      await assertLocked(s, 'nothing of the record behind the lock screen');
      await tryUnlock(s, 'not the passphrase');
      assert.match(await text(s, '[data-testid=lock-error]'), /Wrong passphrase/);
      await tryUnlock(s, FIRST);
      // The page starts afresh where it was: Settings.
      await s.waitForElement('[data-testid=app-lock]', { timeout: 20_000 });

      // Idle: nothing done in the window for the idle time locks it.
      const idleFrom = Date.now();
      await assertLocked(s, 'locked after the idle time', (IDLE_SECONDS + 40) * 1000);
      const idled = (Date.now() - idleFrom) / 1000;
      assert.ok(idled >= IDLE_SECONDS - 5 && idled < IDLE_SECONDS + 30, `locked after ${idled} s`);

      // The dose's reminder comes while locked, saying when and nothing else.
      const n = await notes.waitForNotification({ summary: `Magday: time for your ${t1} dose` }, 300_000);
      for (const word of [/mg/i, /glycinate/i, /unit/i, /magnesium/i, /\d+ ?mg/]) {
        assert.doesNotMatch(`${n.summary} ${n.body}`, word, `the reminder says ${n.summary} / ${n.body}`);
      }
      assert.deepEqual(
        n.actionPairs.map((a) => a.key).filter((k) => k !== 'default'),
        ['taken', 'snooze'],
      );
      // A person reads it before pressing: the app listens for the button once the server has
      // taken the notification, and a press within milliseconds of the banner can come first
      // (seen once in CI, where the press was lost).
      await new Promise((r) => setTimeout(r, 3_000));
      notes.invokeAction(n.id, 'taken');

      // Six wrong tries: the sixth starts a wait; the button is off while it runs.
      let said = '';
      for (let i = 0; i < 6; i++) {
        await tryUnlock(s, `wrong ${i}`);
        // Each wrong try says how many are left: wait for this one's answer.
        await s.waitFor(async () => {
          const now = (await s.findElements('[data-testid=lock-error]')).length ? await text(s, '[data-testid=lock-error]') : '';
          if (now && now !== said) return (said = now);
          return false;
        }, { timeout: 15_000, message: `the answer to wrong try ${i + 1}` });
      }
      await s.waitForText('[data-testid=lock-wait]', /Try again in \d+ seconds/);
      assert.equal(await s.getProperty('[data-testid=unlock]', 'disabled'), true);

      // The wait survives a restart: the new start is locked, with the wait still running.
      await app.restart();
      await assertLocked(app.session, 'locked at start');
      const waiting = await text(app.session, '[data-testid=lock-wait]');
      const left = Number(/(\d+) seconds/.exec(waiting)?.[1]);
      assert.ok(left > 0 && left <= 30, `still waiting after the restart: ${waiting}`);
      assert.equal(await app.session.getProperty('[data-testid=unlock]', 'disabled'), true);

      // Once it is over, the recovery code sets a new passphrase and opens the app; a new code
      // is shown.
      const r = app.session;
      await r.waitFor(async () => (await count(r, '[data-testid=lock-wait]')) === 0, { timeout: 40_000 });
      await r.click('[data-testid=lock-recover]');
      await setValue(r, '[data-testid=lock-code]', code.toLowerCase().replaceAll('-', ' '));
      await setValue(r, '[data-testid=lock-passphrase]', SECOND);
      await r.click('[data-testid=unlock]');
      const next = await text(r, '[data-testid=recovery-code]');
      assert.notEqual(next, code, 'a new recovery code');
      await r.click('[data-testid=recovery-code-done]');
      await r.waitForElement('[data-testid=tab-today]', { timeout: 20_000 });
      await go(r, '#/today');
      // The dose taken from the notification while locked is recorded.
      await r.waitFor(async () => (await r.getAttribute('[data-testid=dose-1]', 'data-status')) === 'taken', {
        timeout: 20_000,
        message: 'dose 1 taken from the private reminder',
      });

      // The old passphrase and the used code no longer open it; the new passphrase does.
      await go(r, '#/settings');
      await r.click(await r.waitForElement('[data-testid=lock-now]'));
      await assertLocked(r, 'locked on demand');
      await tryUnlock(r, FIRST);
      assert.match(await text(r, '[data-testid=lock-error]'), /Wrong passphrase/);
      await tryUnlock(r, SECOND);
      await r.waitForElement('[data-testid=app-lock]', { timeout: 20_000 });
    });
  } finally {
    await notes.stop();
  }
});
