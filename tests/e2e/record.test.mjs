// Issue 11: the record survives and travels. Two real app instances with their own data dirs
// sync through one plain shared folder (no sync engine runs: it would announce itself to the
// network); the app is killed with SIGKILL during a burst of taps and during an import; a
// damaged database opens the recovery screen and a backup brings the record back.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run, startApp, startNotificationServer } from './lib/index.mjs';
import { go, localHHMM, middayZone, onboard, shot, SYNC_ENV, text, useFolder } from './magday.mjs';

const IDENTIFIER = 'app.magday.companion';
const dbOf = (app) => join(app.dirs.data, IDENTIFIER, 'magday.db');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function sqlite(db, sql) {
  const r = await run('sqlite3', [db, sql], { timeoutMs: 30_000 });
  return r.stdout.trim();
}

async function status(s, slot) {
  return s.getAttribute(`[data-testid=dose-${slot}]`, 'data-status');
}

async function waitStatus(s, slot, want, message) {
  await s.waitFor(async () => (await status(s, slot)) === want, { timeout: 30_000, message });
}


test('two instances share one log through a folder; a dose taken on one silences the other', { timeout: 420_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'magday-sync-'));
  const notes = await startNotificationServer();
  const { tz, offsetHours } = middayZone();
  const base = Date.now();
  // Dose 1 two minutes ahead is taken nowhere: both instances remind it. Dose 2 a minute later
  // is the one ticked, undone and ticked again across the two (well under a minute of work).
  const t1 = localHHMM(offsetHours, 2, new Date(base));
  const t2 = localHHMM(offsetHours, 3, new Date(base));
  const due2 = Math.floor((base + 3 * 60_000) / 60_000) * 60_000;
  const env = { TZ: tz, ...SYNC_ENV };
  const a = await startApp({ name: 'sync-a', env });
  let b;
  try {
    const sa = a.session;
    await onboard(sa, { template: 'nerve', times: [t1, t2] });
    await useFolder(sa, folder);
    await sa.waitFor(async () => readdirSync(folder).some((f) => /^magday-[0-9a-f]+\.magday$/.test(f)), {
      message: "A's file in the folder",
    });

    // B starts empty and joins A's record through the folder.
    b = await startApp({ name: 'sync-b', env });
    const sb = b.session;
    await useFolder(sb, folder);
    await go(sb, '#/today');
    await sb.waitForElement('[data-testid=dose-2]', { timeout: 30_000 });
    assert.equal(await status(sb, 2), 'upcoming');
    assert.equal(readdirSync(folder).filter((f) => f.endsWith('.magday')).length, 2, 'one file per device');

    // Tick dose 2 on A: B shows it. Undo on B: A shows it. Tick on A again.
    await go(sa, '#/today');
    await sa.click(await sa.waitForElement('[data-testid=dose-2-toggle]'));
    await waitStatus(sa, 2, 'taken', 'A: taken');
    await go(sa, '#/settings');
    await sa.waitForElement('[data-testid=sync-devices]');
    await shot(a, '[data-testid=sync-section]', 'settings-sync-desktop');
    await go(sa, '#/today');
    await waitStatus(sb, 2, 'taken', 'B shows the dose A took');
    await sb.click('[data-testid=dose-2-toggle]');
    await waitStatus(sb, 2, 'upcoming', 'B: undone');
    await waitStatus(sa, 2, 'upcoming', 'A shows the undo made on B');
    await sa.click('[data-testid=dose-2-toggle]');
    await waitStatus(sb, 2, 'taken', 'B: taken again');
    assert.ok(Date.now() < due2, 'all of it before dose 2 was due');

    // Past dose 2's time and a full minute of both reminder loops: dose 1 (taken nowhere) was
    // reminded by both instances; dose 2 (taken on A) by neither.
    await sleep(Math.max(0, due2 + 65_000 - Date.now()));
    const sent = notes.all().map((n) => n.summary);
    assert.equal(sent.filter((x) => x === `Magnesium: dose 1 at ${t1}`).length, 2, JSON.stringify(sent));
    assert.ok(!sent.some((x) => x.includes('dose 2')), `no dose 2 reminder anywhere: ${JSON.stringify(sent)}`);
  } finally {
    await notes.stop();
    if (b) await b.stop();
    await a.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('killed with SIGKILL during a burst of taps: every acknowledged tap is there', { timeout: 240_000 }, async () => {
  const { tz } = middayZone();
  const app = await startApp({ name: 'kill-taps', env: { TZ: tz } });
  try {
    const s = app.session;
    await onboard(s, { template: 'circulation', times: ['08:00', '20:00'] });
    await s.waitForElement('[data-testid=item-water-plus]');
    // Twelve taps as fast as the page can send them; the count shown is what was acknowledged.
    await s.executeScript(`
      const plus = document.querySelector('[data-testid=item-water-plus]');
      let n = 0;
      const t = setInterval(() => { plus.click(); if (++n >= 12) clearInterval(t); }, 15);`);
    await sleep(120);
    const shown = Number((await text(s, '[data-testid=item-water-count]')).split(' ')[0]);
    for (const pid of app.appPids()) process.kill(pid, 'SIGKILL');
    await app.waitAppExit(10_000);
    const db = dbOf(app);
    assert.equal(await sqlite(db, 'PRAGMA integrity_check'), 'ok');
    const stored = Number(await sqlite(db, "SELECT count(*) FROM events WHERE item = 'water'"));
    assert.ok(stored >= shown, `${stored} stored, ${shown} acknowledged on screen`);
    const s2 = await app.restart();
    const after = Number((await text(s2, '[data-testid=item-water-count]')).split(' ')[0]);
    assert.equal(after, stored);
    assert.ok(after >= shown);
  } finally {
    await app.stop();
  }
});

/** A valid record file (format 1) of `n` events of a device of its own, for a fresh record. */
function bigRecord(path, n) {
  const device = 'e2e0big0device01';
  const events = [];
  for (let i = 1; i <= n; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10);
    events.push({
      gid: `${device}:${i}`, device, seq: i, day, at: `${day}T12:00:00+00:00`,
      item: 'water', action: 'add', value: '1', version_gid: null, corrects_gid: null,
    });
  }
  const body = Buffer.from(JSON.stringify({ courses: [], versions: [], events, settings: [] }));
  const header = {
    format: 'magday-record', version: 1, profile: 'e2e0profile', device, written_at: new Date().toISOString(),
    events: n, versions: 0, courses: 0, settings: 0, body_bytes: body.length,
    body_sha256: createHash('sha256').update(body).digest('hex'),
  };
  writeFileSync(path, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body, Buffer.from('\n')]));
}

/** Answer the GTK open dialog: type the path (a "/" opens its location field) and accept it. */
async function openInDialog(title, path) {
  const found = await run('xdotool', ['search', '--sync', '--onlyvisible', '--name', `^${title}$`], { timeoutMs: 30_000 });
  const win = found.stdout.trim().split('\n').at(-1);
  await run('xdotool', ['windowfocus', '--sync', win]);
  await run('xdotool', ['type', '--delay', '10', path], { timeoutMs: 30_000 });
  await sleep(300);
  // The first Return may only take the location field's completion; press again while the
  // dialog is still there.
  for (let i = 0; i < 4; i++) {
    await run('xdotool', ['key', 'Return']);
    await sleep(500);
    const left = await run('xdotool', ['search', '--onlyvisible', '--name', `^${title}$`], { timeoutMs: 5_000 }).catch(() => null);
    if (!left || !left.stdout.trim()) return;
  }
  throw new Error(`the "${title}" dialog did not take ${path}`);
}

test('killed with SIGKILL during an import: all of it or none, and the file is sound', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'magday-import-'));
  const file = join(dir, 'big.magday');
  const N = 150_000;
  bigRecord(file, N);
  const { tz } = middayZone();
  const app = await startApp({ name: 'kill-import', env: { TZ: tz } });
  try {
    const s = app.session;
    await go(s, '#/settings');
    await s.waitForElement('[data-testid=import-record]', { timeout: 30_000 });
    await s.click('[data-testid=import-record]');
    await openInDialog('Import a Magday record', file);
    // Mid-import: once the backup taken just before the merge is there, the merge of 150,000
    // entries (one transaction of several seconds) is under way.
    const backupsDir = join(app.dirs.data, IDENTIFIER, 'backups');
    const began = Date.now();
    while (!(existsSync(backupsDir) && readdirSync(backupsDir).some((f) => f.endsWith('-pre-import.db')))) {
      if (Date.now() - began > 60_000) {
        const shown = await s.executeScript(
          'return [...document.querySelectorAll("[data-testid=record-error],[data-testid=import-result]")].map((e) => e.textContent).join(" | ")',
        );
        throw new Error(`the import never began; the screen says: ${shown}`);
      }
      await sleep(25);
    }
    await sleep(400);
    for (const pid of app.appPids()) process.kill(pid, 'SIGKILL');
    await app.waitAppExit(10_000);
    const db = dbOf(app);
    assert.equal(await sqlite(db, 'PRAGMA integrity_check'), 'ok');
    const stored = Number(await sqlite(db, "SELECT count(*) FROM events WHERE device = 'e2e0big0device01'"));
    assert.ok(stored === 0 || stored === N, `all or nothing: ${stored} of ${N}`);
    console.log(`# import killed mid-way: ${stored === 0 ? 'none' : 'all'} of ${N} entries kept`);
    // The app starts again, and importing the same file completes and reports what it added.
    const s2 = await app.restart();
    await go(s2, '#/settings');
    await s2.waitForElement('[data-testid=import-record]', { timeout: 30_000 });
    await s2.click('[data-testid=import-record]');
    await openInDialog('Import a Magday record', file);
    await s2.waitForText('[data-testid=import-result]', stored === 0 ? /150,?000/ : /Nothing new/, { timeout: 120_000 });
    assert.equal(Number(await sqlite(db, "SELECT count(*) FROM events WHERE device = 'e2e0big0device01'")), N);
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged database opens the recovery screen, and a backup brings the record back', { timeout: 360_000 }, async () => {
  const { tz } = middayZone();
  const app = await startApp({ name: 'recovery', env: { TZ: tz } });
  try {
    let s = app.session;
    await onboard(s, { template: 'nerve', times: ['08:00', '20:00'] });
    await s.click('[data-testid=dose-2-toggle]');
    await waitStatus(s, 2, 'taken', 'dose 2 taken');
    await go(s, '#/settings');
    await s.waitForElement('[data-testid=backup-now]', { timeout: 30_000 });
    await s.click('[data-testid=backup-now]');
    await s.waitFor(async () => (await s.findElements('[data-testid=backup-row]')).length >= 1, { message: 'a backup listed' });
    await shot(app, '[data-testid=backups-section]', 'settings-backups-desktop');
    const db = dbOf(app);
    const good = statSync(db).size;
    assert.ok(good > 0);

    const damage = {
      truncated: () => truncateSync(db, 1000),
      random: () => writeFileSync(db, Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 2654435761) >>> 24))),
      'not a database': () => writeFileSync(db, 'This is a shopping list, not a database.\n'),
    };
    const kinds = Object.keys(damage);
    for (const [i, kind] of kinds.entries()) {
      // Stop the app, damage the file, start again.
      await s.deleteSession().catch(() => {});
      await app.waitAppExit(15_000);
      if (!existsSync(db)) {
        // The previous round set the damaged file aside: a fresh start made a new one; damage it.
        s = await app.restart();
        await s.deleteSession().catch(() => {});
        await app.waitAppExit(15_000);
      }
      for (const side of ['-wal', '-shm']) if (existsSync(db + side)) unlinkSync(db + side);
      damage[kind]();
      s = await app.restart();
      await s.waitForElement('[data-testid=recovery-screen]', { timeout: 30_000 });
      const aside = readdirSync(join(app.dirs.data, IDENTIFIER)).filter((f) => /^magday\.db\.damaged-[0-9TZ]+$/.test(f));
      assert.equal(aside.length, i + 1, `${kind}: the damaged file is kept aside`);
      assert.equal((await s.findElements('[data-testid=tab-today]')).length, 0, 'only the recovery screen');
      // Issue 21: the app's words, never SQLite's ("error returned from database: (code: 26)").
      assert.doesNotMatch(await s.getText('[data-testid=recovery-reason]'), /error returned from database|\(code:|org\.freedesktop/);
      if (i === 0) {
        await shot(app, '[data-testid=recovery-screen]', 'recovery-desktop');
        await s.setWindowRect({ width: 390, height: 844 });
        await shot(app, '[data-testid=recovery-screen]', 'recovery-phone');
      }
      const backups = await s.findElements('[data-testid=recovery-backup]');
      assert.ok(backups.length >= 1, `${kind}: backups offered`);
      if (i < kinds.length - 1) continue;
      // The last time: restore the newest backup. The app restarts by itself.
      await s.click('[data-testid=recovery-restore]');
      await s.waitForElement('[data-testid=recovery-restarting]');
    }
    // The app started itself again, outside WebDriver's session: end that process (the backup is
    // already in place) and start one under the test's control.
    await sleep(2_000);
    for (const pid of app.appPids()) process.kill(pid, 'SIGTERM');
    await app.waitAppExit(10_000);
    s = await app.restart();
    await go(s, '#/today');
    await waitStatus(s, 2, 'taken', 'the record is back: dose 2 taken');
    assert.equal(await sqlite(db, 'PRAGMA integrity_check'), 'ok');
  } finally {
    await app.stop();
  }
});
