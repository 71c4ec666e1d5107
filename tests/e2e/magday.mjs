// What Magday's end-to-end tests share: starting the app in a chosen time zone, filling the
// onboarding as a user does, and reading the screen.
import assert from 'node:assert/strict';
import { run, withApp } from './lib/index.mjs';

/**
 * A fixed-offset zone where the local time is now about midday, so a test that schedules a dose
 * a few minutes ahead never straddles the 04:00 day start. Returns the zone and its offset.
 */
export function middayZone(now = new Date()) {
  let h = 12 - now.getUTCHours();
  if (h > 12) h -= 24;
  if (h < -12) h += 24;
  // POSIX-style Etc zones are inverted: Etc/GMT-3 is UTC+3.
  const tz = h === 0 ? 'Etc/UTC' : `Etc/GMT${h > 0 ? '-' : '+'}${Math.abs(h)}`;
  return { tz, offsetHours: h };
}

/** "HH:MM" of now + minutes in a zone offset. */
export function localHHMM(offsetHours, plusMinutes = 0, now = new Date()) {
  const t = new Date(now.getTime() + (offsetHours * 60 + plusMinutes) * 60_000);
  return t.toISOString().slice(11, 16);
}

/** Start the app on fresh data in `tz` and run `fn(app)`. */
export function withMagday(name, tz, fn) {
  return withApp({ name, env: { TZ: tz } }, fn);
}

/** Set an input's or select's value the way the user's typing or choosing would. */
export async function setValue(s, selector, value) {
  const el = await s.waitForElement(selector);
  await s.executeScript(
    `const el = arguments[0];
     const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
     Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [el, value],
  );
}

/** Scroll `css` to the top of the window and screenshot it into the artifacts as `label`. */
export async function shot(app, css, label) {
  const el = await app.session.waitForElement(css);
  await app.session.executeScript('arguments[0].scrollIntoView({ block: "start" })', [el]);
  // Let the scroll paint before the picture is taken.
  await app.session.executeAsyncScript(
    'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)));',
    [],
  );
  await app.screenshot(label);
}

export async function text(s, selector) {
  return (await s.getText(await s.waitForElement(selector))).trim();
}

export async function count(s, selector) {
  return (await s.findElements(selector)).length;
}

async function next(s, step, onStep) {
  await s.click('[data-testid=setup-next]');
  await s.waitForText('[data-testid=setup-step]', new RegExp(`Step ${step} of 5`));
  if (onStep) await onStep(step);
}

/** Whether the setup form's "Next" can be pressed. */
export async function nextEnabled(s) {
  return (await s.executeScript('return !document.querySelector("[data-testid=setup-next]").disabled')) === true;
}

/** The bands where the pregnancy question is asked of women (reference §1: 14–50 years). */
const PREGNANCY_BANDS = ['y14_18', 'y19_30', 'y31_50'];

/**
 * Answer the safety questions of step 1, every one explicitly (none is pre-filled): the age band
 * (a select), sex (a radio), pregnancy where it is asked (women of 14–50), kidney disease (a
 * radio: 'yes', 'no' or 'not_sure') and whether magnesium antacids or laxatives are taken
 * (antacid: 'yes' or 'no', asked before any amount). "Next" stays off until the last one is answered.
 */
export async function answerSafety(s, { ageBand = 'y31_50', sex = 'female', pregnancy = 'no', kidney = 'no', antacid = 'no' } = {}) {
  assert.equal(await nextEnabled(s), false, 'Next is off before the safety questions are answered');
  await setValue(s, '[data-testid=age-band]', ageBand);
  await s.click(`[data-testid=sex-${sex}]`);
  const asked = sex === 'female' && PREGNANCY_BANDS.includes(ageBand);
  if (asked) await setValue(s, '[data-testid=pregnancy]', pregnancy);
  else assert.equal(await count(s, '[data-testid=pregnancy]'), 0, 'pregnancy is asked only of women of 14–50');
  assert.equal(await nextEnabled(s), false, 'Next is off until kidney disease is answered');
  assert.match(await text(s, '[data-testid=unanswered]'), /kidney disease/);
  await s.click(`[data-testid=kidney-${kidney}]`);
  // A step hook may have answered the antacid question already (to enter an amount).
  if (!(await s.getProperty(`[data-testid=antacid-${antacid}]`, 'checked'))) {
    assert.equal(await nextEnabled(s), false, 'Next is off until the antacid question is answered');
    assert.match(await text(s, '[data-testid=unanswered]'), /antacids or laxatives/);
    await s.click(`[data-testid=antacid-${antacid}]`);
  }
  await s.waitFor(() => nextEnabled(s), { message: 'Next comes on once every question is answered' });
  if (kidney !== 'no') assert.match(await text(s, '[data-testid=stop-banner]'), /Talk to your clinician first/);
}

/**
 * Onboarding on a fresh install, from the welcome card to a saved protocol.
 * options: template ('circulation' | 'nerve'), kidney ('no' | 'yes' | 'not_sure'; true and false
 * read as 'yes' and 'no'), ageBand, sex, pregnancy and antacid (answered explicitly: see
 * answerSafety),
 * times (['HH:MM', ...]),
 * mgPerUnit (number), custom (an item of the user's own), start (the course's first day:
 * 'YYYY-MM-DD', or a number of days from the Day 1 the app offers; that day when absent).
 * Returns { offered, start }: the Day 1 the app offered (its own today, computed by the core
 * with the day start, or after midnight and before the day start the coming day) and the
 * course's first day, both 'YYYY-MM-DD'. Tests take dates from here, never from their own clock.
 * onCourseStep(s), when given, runs on the course step once the start date is set; onStep(n),
 * as each step n (1 to 5) comes up.
 */
export async function onboard(
  s,
  {
    template = 'nerve',
    kidney = 'no',
    ageBand = 'y31_50',
    sex = 'female',
    pregnancy = 'no',
    antacid = 'no',
    times = null,
    mgPerUnit = 100,
    custom = null,
    start = null,
    onCourseStep = null,
    onStep = null,
  } = {},
) {
  await s.click(await s.waitForElement('[data-testid=start-setup]'));
  await s.waitForText('[data-testid=setup-step]', /Step 1 of 5/);
  if (onStep) await onStep(1);
  assert.match(await text(s, '[data-testid=disclaimer]'), /not medical advice/);
  if (kidney === true) kidney = 'yes';
  if (kidney === false) kidney = 'no';
  await answerSafety(s, { ageBand, sex, pregnancy, kidney, antacid });
  await next(s, 2, onStep);
  await s.click(`[data-testid=template-${template}]`);
  if (kidney !== 'no') {
    // No supplement step: straight to the course.
    await next(s, 4, onStep);
  } else {
    await next(s, 3, onStep);
    await setValue(s, '[data-testid=mg-per-unit]', String(mgPerUnit));
    if (times) {
      await s.click(`[data-testid=dose-count-${times.length}]`);
      for (const [i, t] of times.entries()) await setValue(s, `[data-testid=dose-time-${i}]`, t);
    }
    await s.waitForText('[data-testid=plan-summary]', /a day/);
    await next(s, 4, onStep);
  }
  const offered = await s.getProperty(await s.waitForElement('[data-testid=start-date]'), 'value');
  assert.match(offered, /^\d{4}-\d{2}-\d{2}$/, 'the start date comes filled in by the app');
  if (typeof start === 'number') start = addDays(offered, start);
  if (start) await setValue(s, '[data-testid=start-date]', start);
  if (onCourseStep) await onCourseStep(s);
  if (custom) {
    await setValue(s, '[data-testid=custom-item]', custom);
    await s.click('[data-testid=add-custom]');
  }
  await next(s, 5, onStep);
  await s.waitForElement('[data-testid=findings]');
  await s.click('[data-testid=save-protocol]');
  // Today: on its course day, or before the course starts.
  await s.waitForElement('[data-testid=course-day], [data-testid=before-course]', { timeout: 15_000 });
  return { offered, start: start ?? offered };
}

/** 'YYYY-MM-DD' plus `n` days (calendar arithmetic, no clock). */
export function addDays(day, n) {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

// Sync every 2 s in the two-instance tests (the app's default is at start, after a change, and
// every 5 minutes).
export const SYNC_ENV = { MAGDAY_SYNC_EVERY_SECS: '2' };

/** Go to a screen by its hash ("#/settings"). */
export async function go(s, hash) {
  await s.executeScript(`location.hash = ${JSON.stringify(hash)}`);
}

/** Settings: sync through `folder` (typed, as a user pastes a path). */
export async function useFolder(s, folder) {
  await go(s, '#/settings');
  await setValue(s, '[data-testid=sync-folder-input]', folder);
  await s.click('[data-testid=sync-folder-save]');
  await s.waitForText('[data-testid=sync-device]', /\S/);
}

/**
 * Answer the GTK save dialog the app opens (titled `title`): type a full path into its name
 * field and press Return, as a user would.
 */
export async function saveInDialog(path, title = 'Save the Magday report') {
  const found = await run('xdotool', ['search', '--sync', '--onlyvisible', '--name', `^${title}$`], {
    timeoutMs: 30_000,
  });
  const win = found.stdout.trim().split('\n').at(-1);
  assert.ok(win, 'the save dialog is on screen');
  await run('xdotool', ['windowfocus', '--sync', win]);
  // The name field has the focus, with the suggested name in it: replace it with the path.
  await run('xdotool', ['key', '--clearmodifiers', 'ctrl+a']);
  await run('xdotool', ['type', '--delay', '15', path], { timeoutMs: 30_000 });
  await run('xdotool', ['key', 'Return']);
}
