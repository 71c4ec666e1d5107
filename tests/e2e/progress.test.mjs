// Issue 7: a week of use entered through the UI (past days corrected on Today, symptom
// check-ins with a day-1 baseline) shows up on the Progress screen, and the course report is
// saved through the system's save dialog (GTK, driven with xdotool) as HTML and as CSV.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { addDays, middayZone, onboard, saveInDialog, setValue, shot, text, withMagday } from './magday.mjs';

async function courseDay(s, n) {
  await s.waitForText('[data-testid=course-day]', `Day ${n} of 56`);
}

async function takeDose(s, slot) {
  await s.click(`[data-testid=dose-${slot}-toggle]`);
  await s.waitFor(async () => (await s.getAttribute(`[data-testid=dose-${slot}]`, 'data-status')) === 'taken', {
    message: `dose ${slot} taken`,
  });
}

async function rateColdHands(s, value, { baseline = false } = {}) {
  const title = await text(s, '[data-testid=checkin-title]');
  if (baseline) assert.equal(title, 'Day-0 baseline: how are you before starting?');
  else assert.notEqual(title, 'Day-0 baseline: how are you before starting?');
  await setValue(s, '[data-testid=rate-cold_hands-input]', String(value));
  await s.waitForText('[data-testid=rate-cold_hands-value]', `${value} of 10`);
  await s.click('[data-testid=checkin-save]');
  await s.waitForText('[data-testid=checkin-value-cold_hands]', `Cold hands: ${value} of 10`);
  assert.match(await text(s, '[data-testid=checkin-recorded]'), /recorded/);
}


test('a seeded week shows on Progress, and the report is saved as HTML and CSV', { timeout: 300_000 }, async () => {
  const { tz } = middayZone();
  let day; // course day n as 'YYYY-MM-DD', from the Day 1 the app offers (its today, at midday)
  const out = mkdtempSync(join(tmpdir(), 'magday-report-'));
  try {
    await withMagday('progress', tz, async (app) => {
      const s = app.session;
      // A phone-sized window throughout: everything below must work there.
      await s.setWindowRect({ width: 390, height: 844 });
      // The course started a week before the day the app offers as Day 1 (today, at midday).
      const { start } = await onboard(s, { template: 'circulation', times: ['08:00', '20:00'], start: -7 });
      day = (n) => addDays(start, n - 1);
      await courseDay(s, 8);

      // Back to day 1 with the previous-day button, then forward through the week.
      for (let n = 7; n >= 1; n--) {
        await s.click('[data-testid=prev-day]');
        await courseDay(s, n);
      }
      assert.match(await text(s, '[data-testid=past-day]'), /past day/);

      // Day 1: both doses and the baseline; day 2 both; day 3 a skip day; day 4 both and a
      // rating; day 5 one dose; days 6 and 7 both, day 7 rated again.
      const plan = { 1: [1, 2], 2: [1, 2], 3: 'skip', 4: [1, 2], 5: [1], 6: [1, 2], 7: [1, 2] };
      const ratings = { 1: 7, 4: 5, 7: 3 };
      for (let n = 1; n <= 7; n++) {
        if (n > 1) {
          await s.click('[data-testid=next-day]');
          await courseDay(s, n);
        }
        if (plan[n] === 'skip') {
          await s.click('[data-testid=skip-day]');
          await setValue(s, '[data-testid=skip-reason]', 'travel');
          await s.click('[data-testid=skip-confirm]');
          await s.waitForElement('[data-testid=skip-banner]');
        } else {
          for (const slot of plan[n]) await takeDose(s, slot);
        }
        if (n === 1) {
          // The baseline form, with the urgent signs opened (artifacts only).
          await s.click('[data-testid=urgent-list] summary');
          await shot(app, '[data-testid=checkin]', 'today-baseline-phone');
        }
        if (ratings[n] !== undefined) await rateColdHands(s, ratings[n], { baseline: n === 1 });
      }
      // Today (day 8, still open): a check-in.
      await s.click('[data-testid=next-day]');
      await s.waitForText('[data-testid=day-title]', 'Today');
      await rateColdHands(s, 2);
      await shot(app, '[data-testid=checkin]', 'today-checkin-phone');

      await s.click('[data-testid=tab-progress]');
      assert.equal(await text(s, '[data-testid=progress-course-day]'), 'Day 8 of 56');
      // Days 1, 2, 4, 5, 6, 7 count (day 3 skipped, today open): 11 of 12 doses.
      assert.equal(await text(s, '[data-testid=progress-dose-adherence]'), '92%');
      assert.equal(await text(s, '[data-testid=progress-doses-taken]'), '11 of 12 doses taken');
      // Days 1, 2, (skip), 4 kept: 3; day 5 broke it; days 6 and 7: 2 now.
      assert.equal(await text(s, '[data-testid=progress-streak]'), '2 days');
      assert.equal(await text(s, '[data-testid=progress-best-streak]'), 'best 3 days');
      assert.match(await text(s, '[data-testid=progress-score]'), /^\d+%$/);
      assert.equal(await text(s, '[data-testid=progress-plain]'), 'plain adherence 92%');
      const state = (n) => s.getAttribute(`[data-testid=calendar-day-${day(n)}]`, 'data-state');
      assert.deepEqual(
        await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map(state)),
        ['kept', 'kept', 'skipped', 'kept', 'partial', 'kept', 'kept', 'open', 'future'],
      );
      assert.equal(await text(s, '[data-testid=week-1-doses]'), '92% (11 of 12)');
      // Cold hands: 7 at baseline, 5, 3, then 2 today: −5 from baseline; week 1 averages 5.
      assert.equal(await text(s, '[data-testid=symptom-change-cold_hands]'), '−5 from baseline (better)');
      assert.equal(await text(s, '[data-testid=symptom-cold_hands-week-1]'), '5 (−2)');
      assert.equal(await text(s, '[data-testid=symptom-cold_hands-week-2]'), '2 (−5)');
      assert.equal((await s.findElements('[data-testid=symptom-chart-cold_hands] circle')).length, 4);
      assert.equal(await text(s, '[data-testid=report-now-status]'), 'ready');
      assert.match(await text(s, '[data-testid=report-week4-status]'), /^ready on /);

      // The phone-sized screenshot of this week (README), and the rest of the screen to look at.
      await shot(app, 'main h1', 'progress-phone');
      await shot(app, '[data-testid=progress-calendar]', 'progress-phone-calendar');
      await shot(app, '[data-testid=symptom-chart-cold_hands]', 'progress-phone-symptoms');
      await shot(app, '[data-testid=report-now]', 'progress-phone-reports');
      // At the narrowest window the app allows, nothing runs off the side and the five tabs fit.
      await s.setWindowRect({ width: 340, height: 700 });
      const fit = await s.executeScript(
        `const tabs = [...document.querySelectorAll('nav.tabs a')].map((a) => a.getBoundingClientRect());
         return { overflow: document.documentElement.scrollWidth - window.innerWidth,
                  tabs: tabs.length, minWidth: Math.min(...tabs.map((r) => r.width)),
                  minHeight: Math.min(...tabs.map((r) => r.height)) };`,
      );
      assert.deepEqual({ overflow: fit.overflow, tabs: fit.tabs }, { overflow: 0, tabs: 5 });
      assert.ok(fit.minWidth >= 48 && fit.minHeight >= 48, JSON.stringify(fit));
      await app.screenshot('progress-340');
      await s.setWindowRect({ width: 390, height: 844 });

      // The report so far, as HTML, where the user types it in the save dialog.
      const html = join(out, 'week-one.html');
      await s.click('[data-testid=report-now-html]');
      await saveInDialog(html);
      await s.waitForText('[data-testid=export-result]', `Saved to ${html}`, { timeout: 30_000 });
      assert.ok(existsSync(html), html);
      const page = readFileSync(html, 'utf8');
      assert.match(page, /Doses taken: <strong>11 of 12<\/strong> \(92%\)/);
      assert.match(page, /Streak of kept days: 2 now, 3 at best/);
      assert.match(
        page,
        /<tr><td>Cold hands<\/td><td>7 \([^)]*\)<\/td><td>5\.0 \(-2\.0\)<\/td><td>2\.0 \(-5\.0\)<\/td><td class="better">-5\.0<\/td><\/tr>/,
      );

      // And as CSV: one row per day, the skip day marked, the ratings in their column.
      const csv = join(out, 'week-one.csv');
      await s.click('[data-testid=report-now-csv]');
      await saveInDialog(csv);
      await s.waitForText('[data-testid=export-result]', `Saved to ${csv}`, { timeout: 30_000 });
      const rows = readFileSync(csv, 'utf8').trimEnd().split('\r\n').map((r) => r.split(','));
      const header = rows[0];
      const col = (name) => header.indexOf(name);
      assert.ok(col('cold_hands') > 0, header.join(','));
      assert.equal(rows.length, 1 + 8);
      const row = (n) => rows.find((r) => r[0] === day(n));
      assert.deepEqual(
        [1, 2, 3, 4, 5, 6, 7].map((n) => row(n)[col('doses_taken')]),
        ['2', '2', '0', '2', '1', '2', '2'],
      );
      assert.equal(row(3)[col('skip_day')], 'yes');
      assert.deepEqual(
        [1, 2, 4, 7, 8].map((n) => row(n)[col('cold_hands')]),
        ['7', '', '5', '3', '2'],
      );
      await shot(app, '[data-testid=export-result]', 'progress-phone-exported');
      await s.setWindowRect({ width: 1024, height: 900 });
      await s.waitFor(async () => (await s.executeScript('return window.innerWidth')) > 900, { message: 'a wide window' });
      await shot(app, 'main h1', 'progress-desktop');

      // An urgent sign in today's check-in: the real core's stop advice, first in the card.
      await s.click('[data-testid=tab-today]');
      await s.click(await s.waitForElement('[data-testid=checkin-edit]'));
      await s.click('[data-testid=urgent-list] summary');
      const signs = await s.findElements('[data-testid=urgent-sign]');
      assert.equal(signs.length, 11); // reference §7 in full (issue 12)
      await s.click(signs[5]);
      await s.click('[data-testid=checkin-save]');
      const stop = await s.waitForElement('[data-testid=advice-seek_care]');
      assert.equal(await s.getAttribute(stop, 'role'), 'alert');
      assert.equal(
        await text(s, '[data-testid=advice-seek_care] .stop-head'),
        '⚠ Stop taking magnesium and seek medical care now (irregular heartbeat).',
      );
      assert.match(await s.getText(stop), /signs of too much magnesium/);
      await app.screenshot('today-stop-desktop');
      await s.setWindowRect({ width: 390, height: 844 });
      await shot(app, '[data-testid=checkin]', 'today-stop-phone');
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
