// Issue 25: record files that leave the device are encrypted. Three real app instances sync
// through one plain folder (no sync daemon). All three join one record; then A and B set the
// same record passphrase, A writes a note, and B gets it: they converge, and no file in the
// folder holds the note's words. C, without the passphrase, skips their files with the reason
// shown in Settings, and keeps what it had: its own entry and its own file.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApp } from './lib/index.mjs';
import { go, middayZone, onboard, setValue, SYNC_ENV, text, useFolder } from './magday.mjs';

const PASSPHRASE = 'correct horse battery';
const NOTE = 'tangerine lighthouse';

/** Settings, Sync between devices: set the record passphrase. */
async function seal(s) {
  await go(s, '#/settings');
  await setValue(s, '[data-testid=record-passphrase]', PASSPHRASE);
  await s.click('[data-testid=record-passphrase-set]');
  await s.waitForText('[data-testid=sync-status]', /Record passphrase set/);
  await s.waitForElement('[data-testid=record-passphrase-off]');
}

test('two devices with the record passphrase converge through sealed files; one without it skips them and keeps its own', { timeout: 420_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'magday-sealed-'));
  const { tz } = middayZone();
  const env = { TZ: tz, ...SYNC_ENV };
  const apps = [];
  try {
    // One record on three devices, joined before any passphrase.
    const a = await startApp({ name: 'sealed-a', env });
    apps.push(a);
    await onboard(a.session, { template: 'nerve', times: ['07:00', '19:00'] });
    await useFolder(a.session, folder);
    const joined = [];
    for (const name of ['sealed-b', 'sealed-c']) {
      const app = await startApp({ name, env });
      apps.push(app);
      await useFolder(app.session, folder);
      await go(app.session, '#/today');
      await app.session.waitForElement('[data-testid=dose-1]', { timeout: 30_000 });
      joined.push(app);
    }
    const [b, c] = joined;
    const [sa, sb, sc] = [a.session, b.session, c.session];

    // C's own entry, before anything is sealed: a note of its own.
    await go(sc, '#/today');
    await sc.click(await sc.waitForElement('[data-testid=day-note-edit]'));
    await setValue(sc, '[data-testid=day-note-input]', 'cobalt harbour');
    await sc.click('[data-testid=day-note-save]');
    await sc.waitForText('[data-testid=day-note-text]', /cobalt harbour/);

    // A and B take the passphrase; A writes a note; B gets it.
    await seal(sa);
    await seal(sb);
    await go(sa, '#/today');
    await sa.waitFor(async () => /cobalt harbour/.test(await text(sa, '[data-testid=day-note-text]').catch(() => '')), {
      timeout: 30_000,
      message: "A has C's note from before the passphrase",
    });
    await sa.click('[data-testid=day-note-edit]');
    await setValue(sa, '[data-testid=day-note-input]', NOTE);
    await sa.click('[data-testid=day-note-save]');
    await sa.waitForText('[data-testid=day-note-text]', new RegExp(NOTE));
    await go(sb, '#/today');
    await sb.waitFor(async () => new RegExp(NOTE).test(await text(sb, '[data-testid=day-note-text]').catch(() => '')), {
      timeout: 40_000,
      interval: 500,
      message: "B shows A's note, through sealed files",
    });

    // No file in the folder holds the note's words.
    const files = readdirSync(folder).filter((f) => f.endsWith('.magday'));
    assert.ok(files.length >= 3, `three devices' files: ${files}`);
    for (const f of files) {
      const bytes = readFileSync(join(folder, f), 'latin1');
      for (const word of NOTE.split(' ')) assert.ok(!bytes.includes(word), `${word} in ${f}`);
    }
    const sealed = files.filter((f) => JSON.parse(readFileSync(join(folder, f), 'utf8').split('\n')[0]).sealed);
    assert.equal(sealed.length, 2, `A's and B's files are sealed: ${sealed}`);

    // C, without the passphrase: their files skipped, with the reason; its own note kept, not
    // replaced by A's.
    await go(sc, '#/settings');
    await sc.waitFor(async () => (await sc.findElements('[data-testid=sync-skipped]')).length === 2, {
      timeout: 30_000,
      interval: 500,
      message: "C skips A's and B's files",
    });
    for (const el of await sc.findElements('[data-testid=sync-skipped]')) {
      assert.match(await sc.getText(el), /needs the record passphrase/);
    }
    await go(sc, '#/today');
    assert.match(await text(sc, '[data-testid=day-note-text]'), /cobalt harbour/);
    assert.equal(await sc.getAttribute('[data-testid=dose-1]', 'data-status') !== null, true, 'C keeps its plan');
  } finally {
    for (const app of apps.reverse()) await app.stop().catch(() => {});
    rmSync(folder, { recursive: true, force: true });
  }
});
