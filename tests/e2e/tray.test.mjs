// Issue 24 (the tray): the tray menu shows today's doses with their state, the next dose, Open
// and Quit; its "Mark taken" records the dose as the checklist does, and the menu follows.
// The tray is read over D-Bus as a panel reads it: a StatusNotifierWatcher of our own
// (lib/sni.mjs) on the test's private bus, the item's com.canonical.dbusmenu menu.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { startTrayHost } from './lib/sni.mjs';
import { go, localHHMM, middayZone, onboard, setValue, withMagday } from './magday.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('the tray shows the day and marks a dose taken', { timeout: 240_000 }, async () => {
  const { tz, offsetHours } = middayZone();
  const base = Date.now();
  const due = localHHMM(offsetHours, -5, new Date(base));
  const later = localHHMM(offsetHours, 240, new Date(base));
  const tray = await startTrayHost();
  try {
    await withMagday('tray', tz, async (app) => {
      const item = await tray.waitForItem(30_000);
      const s = app.session;
      await onboard(s, { template: 'nerve', times: [due, later] });
      await s.waitFor(async () => (await s.getAttribute('[data-testid=dose-1]', 'data-status')) === 'due');

      const labels = (entries) => entries.map((e) => e.label);
      let menu = await tray.waitForMenu(item, (m) => labels(m).includes(`Dose 1 · ${due} · Mark taken`));
      assert.deepEqual(labels(menu), [
        `Dose 1 · ${due} · Mark taken`,
        `Dose 2 · ${later} · upcoming`,
        `Next: dose 1 at ${due}`,
        'Open Magday',
        'Quit Magday (reminders stop)',
      ]);
      const take = menu.find((e) => e.label.endsWith('Mark taken'));
      assert.equal(take.enabled, true);
      assert.equal(menu[1].enabled, false, 'a line to read is greyed out');

      await tray.click(item, take.id);
      // Recorded as the checklist records it: Today shows it taken...
      await s.waitFor(async () => (await s.getAttribute('[data-testid=dose-1]', 'data-status')) === 'taken', {
        timeout: 15_000,
      });
      // ... and the menu is rebuilt.
      menu = await tray.waitForMenu(item, (m) => labels(m).includes(`Dose 1 · ${due} · taken`));
      assert.deepEqual(labels(menu).slice(0, 3), [
        `Dose 1 · ${due} · taken`,
        `Dose 2 · ${later} · upcoming`,
        `Next: dose 2 at ${later}`,
      ]);

      // A tap in the window rebuilds the menu too: undo dose 1 there.
      await s.click('[data-testid=dose-1-toggle]');
      await s.waitFor(async () => (await s.getAttribute('[data-testid=dose-1]', 'data-status')) === 'due');
      await tray.waitForMenu(item, (m) => labels(m).includes(`Dose 1 · ${due} · Mark taken`));
    });
  } finally {
    await tray.stop();
  }
});

/** The X window ids whose name matches `name` (xdotool), none when there is none. */
function windows(name) {
  const r = spawnSync('xdotool', ['search', '--name', name], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}

async function waitForWindows(name, want, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ids = windows(name);
    if (want(ids)) return ids;
    await sleep(200);
  }
  throw new Error(`windows named ${name}: ${JSON.stringify(windows(name))}`);
}

function key(id, k) {
  spawnSync('xdotool', ['windowfocus', '--sync', id]);
  spawnSync('xdotool', ['key', '--window', id, k]);
}

test('quitting from the tray says once that reminders stop', { timeout: 240_000 }, async () => {
  const { tz } = middayZone();
  const tray = await startTrayHost();
  try {
    await withMagday('tray-quit', tz, async (app) => {
      let item = await tray.waitForItem(30_000);
      const quit = async () => {
        const menu = await tray.waitForMenu(item, (m) => m.some((e) => e.label.startsWith('Quit')));
        await tray.click(item, menu.find((e) => e.label.startsWith('Quit')).id);
      };
      // The first Quit asks; "Keep running" (Escape) keeps the app and its reminders.
      await quit();
      let [dialog] = await waitForWindows('Quit Magday?', (ids) => ids.length > 0);
      key(dialog, 'Escape');
      await waitForWindows('Quit Magday?', (ids) => ids.length === 0);
      await sleep(1_000);
      assert.ok(app.appPids().length > 0, 'Keep running keeps the app');
      // Asked again (nothing was said to the end yet); Quit quits.
      await quit();
      [dialog] = await waitForWindows('Quit Magday?', (ids) => ids.length > 0);
      key(dialog, 'Return');
      assert.equal(await app.waitAppExit(15_000), true, 'Quit quits');
      // Said once: the next Quit quits at once.
      await app.restart();
      // The new process's item (the old one may have registered more than once).
      const old = item.sender;
      item = await tray.waitForItem(30_000, (i) => i.sender !== old);
      await quit();
      assert.equal(await app.waitAppExit(15_000), true, 'the second time it quits without asking');
      assert.deepEqual(windows('Quit Magday?'), []);
    });
  } finally {
    await tray.stop();
  }
});

// Issue 25: with the app lock on, the tray offers "Lock Magday now"; choosing it locks the window,
// and the item is gone while locked.
test('the tray locks the app on demand', { timeout: 240_000 }, async () => {
  const { tz } = middayZone();
  const tray = await startTrayHost();
  try {
    await withMagday('tray-lock', tz, async (app) => {
      const item = await tray.waitForItem(30_000);
      const s = app.session;
      const labels = (entries) => entries.map((e) => e.label);
      let menu = await tray.waitForMenu(item, (m) => labels(m).includes('Open Magday'));
      assert.ok(!labels(menu).includes('Lock Magday now'), 'no lock item while the lock is off');
      await go(s, '#/settings');
      await setValue(s, '[data-testid=lock-new]', 'open sesame');
      await setValue(s, '[data-testid=lock-again]', 'open sesame');
      await s.click('[data-testid=lock-set]');
      await s.click(await s.waitForElement('[data-testid=recovery-code-done]'));
      menu = await tray.waitForMenu(item, (m) => labels(m).includes('Lock Magday now'));
      assert.deepEqual(labels(menu).slice(-3), ['Lock Magday now', 'Open Magday', 'Quit Magday (reminders stop)']);
      await tray.click(item, menu.find((e) => e.label === 'Lock Magday now').id);
      await s.waitForElement('[data-testid=lock-screen]', { timeout: 15_000 });
      await tray.waitForMenu(item, (m) => !labels(m).includes('Lock Magday now'));
    });
  } finally {
    await tray.stop();
  }
});
