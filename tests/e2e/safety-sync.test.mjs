// Issue 22: a pause travels with the record. Two real app instances sync through one plain
// folder (no sync daemon). An urgent sign checked in on A: after B's next sync, B shows the pause
// and neither sends a reminder for the dose that comes due; the clinician's clearance confirmed
// on B resumes both, and the next dose is reminded again.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApp, startNotificationServer } from './lib/index.mjs';
import { go, localHHMM, middayZone, onboard, SYNC_ENV, useFolder } from './magday.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const paused = async (s) => (await s.findElements('[data-testid=safety-pause]')).length === 1;

test('an urgent sign on one device pauses the other after its next sync; clearance on the other resumes both', { timeout: 420_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'magday-sync-'));
  const notes = await startNotificationServer();
  const { tz, offsetHours } = middayZone();
  const base = Date.now();
  // Dose 1 three minutes ahead falls inside the pause; dose 2 five minutes ahead, after it.
  const t1 = localHHMM(offsetHours, 3, new Date(base));
  const t2 = localHHMM(offsetHours, 5, new Date(base));
  const due1 = Math.floor((base + 3 * 60_000) / 60_000) * 60_000;
  const env = { TZ: tz, ...SYNC_ENV };
  const a = await startApp({ name: 'pause-sync-a', env });
  let b;
  try {
    const sa = a.session;
    await onboard(sa, { template: 'nerve', times: [t1, t2] });
    await useFolder(sa, folder);
    b = await startApp({ name: 'pause-sync-b', env });
    const sb = b.session;
    await useFolder(sb, folder);
    await go(sb, '#/today');
    await sb.waitForElement('[data-testid=dose-1]', { timeout: 30_000 });
    assert.equal(await paused(sb), false);

    // A: a check-in with an urgent sign.
    await go(sa, '#/today');
    await sa.click(await sa.waitForElement('[data-testid=urgent-list] summary'));
    await sa.click((await sa.findElements('[data-testid=urgent-sign]'))[0]);
    await sa.click('[data-testid=checkin-save]');
    await sa.waitForElement('[data-testid=safety-pause]');

    // B, untouched: its next sync brings the pause, and Today shows it.
    await sb.waitFor(() => paused(sb), { timeout: 30_000, interval: 500, message: 'B shows the pause from A' });
    assert.ok(Date.now() < due1, 'paused on both before dose 1 was due');

    // Past dose 1's time and a full minute of both reminder loops: nobody reminded it.
    await sleep(Math.max(0, due1 + 65_000 - Date.now()));
    const during = notes.all().map((n) => n.summary);
    assert.ok(!during.some((x) => x.includes('dose 1')), `no dose 1 reminder anywhere: ${JSON.stringify(during)}`);

    // B: the clinician's clearance, confirmed; A follows after its next sync.
    await sb.click('[data-testid=safety-cleared]');
    await sb.click('[data-testid=safety-resume]');
    await sb.waitFor(async () => !(await paused(sb)), { message: 'B resumed' });
    await sa.waitFor(async () => !(await paused(sa)), { timeout: 30_000, interval: 500, message: 'A resumed after its sync' });

    // Dose 2 is reminded again (by both instances: each plans its own reminders).
    const n = await notes.waitForNotification({ summary: `Magnesium: dose 2 at ${t2}` }, 200_000);
    assert.ok(n);
  } finally {
    await notes.stop();
    if (b) await b.stop();
    await a.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
