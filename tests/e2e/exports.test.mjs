// Issue 26: the one "Export…" place on Progress saves each format through the system's save
// dialog (GTK, driven with xdotool): an event CSV, a FHIR R4 bundle and a calendar of the dose
// times, for a range the user picks; each file is non-empty and parses. Screenshots of the export
// place at phone and desktop size go to the artifacts (the README shows them).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { addDays, middayZone, onboard, saveInDialog, setValue, shot, withMagday } from './magday.mjs';


/** Send taps for past days through the app's own IPC (the checklist's core call). */
async function tap(s, day, t) {
  return s.executeAsyncScript(
    `const [day, t, done] = arguments;
     window.__TAURI_INTERNALS__.invoke('tap', { input: { day, tap: t } }).then(() => done(null), (e) => done(e));`,
    [day, t],
  );
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

async function saveFormat(s, id, path) {
  await s.click(`[data-testid=export-${id}-save]`);
  await saveInDialog(path, 'Save the Magday export');
  await s.waitForText('[data-testid=export-data-result]', `Saved to ${path}`, { timeout: 30_000 });
  assert.ok(existsSync(path), path);
  const body = readFileSync(path, 'utf8');
  assert.ok(body.length > 100, `${id}: a file with content`);
  return body;
}

test('each export format is saved through the save dialog and parses', { timeout: 300_000 }, async () => {
  const { tz } = middayZone();
  const out = mkdtempSync(join(tmpdir(), 'magday-exports-'));
  try {
    await withMagday('exports', tz, async (app) => {
      const s = app.session;
      await s.setWindowRect({ width: 390, height: 844 });
      const { start } = await onboard(s, { template: 'circulation', times: ['08:00', '20:00'], start: -7 });
      const day = (n) => addDays(start, n - 1);
      // Three days recorded: dose 1 taken on days 1-3, dose 2 on day 2, a note with a comma,
      // quotes, a line break and non-Latin text on day 2.
      const note = 'Warm hands, "finally"\nТепло 手';
      for (const n of [1, 2, 3]) assert.equal(await tap(s, day(n), { type: 'take_dose', slot: 1, at: null }), null);
      assert.equal(await tap(s, day(2), { type: 'take_dose', slot: 2, at: null }), null);
      assert.equal(await tap(s, day(2), { type: 'note', item: 'day', text: note }), null);

      await s.click('[data-testid=tab-progress]');
      await s.waitForElement('[data-testid=export-panel]');
      await shot(app, '[data-testid=export-panel]', 'export-phone');

      // The event CSV for the course so far: a header row, the note intact, doses with status.
      const csvPath = join(out, 'events.csv');
      const rows = parseCsv(await saveFormat(s, 'event_csv', csvPath));
      const header = rows[0];
      assert.ok(header.length > 5, header.join(','));
      assert.ok(rows.some((r) => r.includes(note)), 'the note survives the CSV');
      const taken = rows.filter((r) => r.includes('taken')).length;
      assert.ok(taken >= 4, `at least the four doses taken show as taken (${taken})`);

      // FHIR R4 for the last 7 days: a collection bundle with administrations.
      await setValue(s, '[data-testid=export-range]', 'last7');
      const fhirPath = join(out, 'bundle.json');
      const bundle = JSON.parse(await saveFormat(s, 'fhir', fhirPath));
      assert.equal(bundle.resourceType, 'Bundle');
      assert.equal(bundle.type, 'collection');
      const kinds = bundle.entry.map((e) => e.resource.resourceType);
      assert.ok(kinds.includes('MedicationStatement'), kinds.join());
      assert.ok(kinds.includes('MedicationAdministration'), kinds.join());
      if (process.env.MAGDAY_FHIR_VALIDATE) {
        const dir = mkdtempSync(join(tmpdir(), 'magday-fhir-e2e-'));
        writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
        const [cmd, ...args] = process.env.MAGDAY_FHIR_VALIDATE.split(' ');
        execFileSync(cmd, [...args, dir], { stdio: 'inherit' });
        rmSync(dir, { recursive: true, force: true });
      }

      // The calendar for the course, with private text: events with alarms, no product named.
      await setValue(s, '[data-testid=export-range]', 'course');
      await s.click('[data-testid=export-private]');
      const icsPath = join(out, 'doses.ics');
      const ics = await saveFormat(s, 'calendar', icsPath);
      const unfolded = ics.replace(/\r\n[ \t]/g, '');
      assert.match(unfolded, /^BEGIN:VCALENDAR\r\n/);
      assert.equal((unfolded.match(/^BEGIN:VEVENT\r$/gm) ?? []).length, 2, 'one event per dose time');
      assert.ok((unfolded.match(/^BEGIN:VALARM\r$/gm) ?? []).length >= 2, 'alarms');
      assert.match(unfolded, /RRULE:FREQ=DAILY;UNTIL=\d{8}T\d{6}Z/);
      assert.doesNotMatch(unfolded, /mg|glycinate|citrate|capsule/i, 'private text names no product or amount');
      await shot(app, '[data-testid=export-data-result]', 'export-phone-saved');

      await s.setWindowRect({ width: 1024, height: 900 });
      await s.waitFor(async () => (await s.executeScript('return window.innerWidth')) > 900, { message: 'a wide window' });
      await shot(app, '[data-testid=export-panel]', 'export-desktop');
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
