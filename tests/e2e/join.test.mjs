// Issue 21: a new device pointed at a folder that holds two people's records is asked which is
// theirs (each shown by its protocol, start date and devices) instead of joining one silently;
// it then follows the one picked. Three real app instances, one plain folder (no sync daemon).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApp } from './lib/index.mjs';
import { go, middayZone, onboard, shot, SYNC_ENV, useFolder } from './magday.mjs';

test('a fresh instance in a folder with two records asks whose to follow, then follows it', { timeout: 300_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'magday-sync-'));
  const { tz } = middayZone();
  const env = { TZ: tz, ...SYNC_ENV };
  const apps = [];
  try {
    const ana = await startApp({ name: 'join-ana', env });
    apps.push(ana);
    await onboard(ana.session, { template: 'nerve', times: ['08:00', '20:00'] });
    await useFolder(ana.session, folder);
    const cara = await startApp({ name: 'join-cara', env });
    apps.push(cara);
    await onboard(cara.session, { template: 'circulation', times: ['09:00'] });
    await useFolder(cara.session, folder);
    await cara.session.waitFor(async () => readdirSync(folder).filter((f) => f.endsWith('.magday')).length === 2, {
      message: 'both records in the folder',
    });

    const b = await startApp({ name: 'join-new', env });
    apps.push(b);
    const s = b.session;
    await useFolder(s, folder);
    const rows = await s.waitFor(
      async () => {
        const found = await s.findElements('[data-testid=record-choice]');
        return found.length === 2 ? found : null;
      },
      { timeout: 30_000, message: 'asked which of the two records is mine' },
    );
    const texts = await Promise.all(rows.map((r) => r.getText()));
    assert.ok(texts.some((t) => /Warm hands and feet/.test(t)), JSON.stringify(texts));
    assert.ok(texts.some((t) => /Nerve and muscle recovery/.test(t)), JSON.stringify(texts));
    await shot(b, '[data-testid=record-choices]', 'join-choices');
    // Nothing was joined while asking.
    await go(s, '#/today');
    await s.waitForElement('[data-testid=welcome]', { timeout: 15_000 });

    await go(s, '#/settings');
    const again = await s.waitFor(async () => {
      const found = await s.findElements('[data-testid=record-choice]');
      return found.length === 2 ? found : null;
    });
    const cara_i = (await Promise.all(again.map((r) => r.getText()))).findIndex((t) => /Warm hands and feet/.test(t));
    await (await again[cara_i].findElement('input')).click();
    await s.click('[data-testid=record-choice-follow]');
    await s.waitForText('[data-testid=sync-status]', /follows the record you chose/);
    await go(s, '#/today');
    await s.waitForElement('[data-testid=dose-1]', { timeout: 30_000 });
    assert.equal((await s.findElements('[data-testid=dose-2]')).length, 0, "Cara's one dose a day, not Ana's two");
  } finally {
    for (const app of apps.reverse()) await app.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
