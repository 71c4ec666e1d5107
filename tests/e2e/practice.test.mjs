// Issue 15: a guided breathing session run for a minute in the real app ticks the breathing item
// with its minute; movement minutes and the supply go through the real screens too. Screenshots
// of the session at phone and desktop size go to the artifacts (the README shows them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { middayZone, onboard, setValue, shot, text, withMagday } from './magday.mjs';

async function attr(s, css, name) {
  return s.getAttribute(css, name);
}

test('a one-minute breathing session ticks breathing with 1 minute; movement and supply show', { timeout: 360_000 }, async () => {
  const { tz } = middayZone();
  await withMagday('practice', tz, async (app) => {
    const s = app.session;
    await s.setWindowRect({ width: 390, height: 844 });
    await onboard(s, { template: 'nerve', times: ['08:00', '20:00'] });

    // Today: the breathing item links to the session.
    await s.waitForElement('[data-testid=item-breathing]');
    assert.equal(await attr(s, '[data-testid=item-breathing-toggle]', 'aria-pressed'), 'false');
    await s.click('[data-testid=breathing-link]');
    await s.waitForElement('[data-testid=breathing-screen]');
    assert.equal(await attr(s, '[data-testid=breathing-screen]', 'data-state'), 'setup');
    // The nerve template's own pace is chosen first: the longer exhale.
    assert.equal(
      await s.executeScript('return document.querySelector("[data-testid=breathing-pattern-longer_exhale]").checked'),
      true,
    );
    await s.click('[data-testid=breathing-minutes-3]');
    await setValue(s, '[data-testid=breathing-warmth-before]', '3');
    await s.click('[data-testid=breathing-start]');
    await s.waitFor(async () => (await attr(s, '[data-testid=breathing-screen]', 'data-state')) === 'running', {
      message: 'the session runs',
    });
    const started = Date.now();

    // The pacer alternates: in for 4 s, out for 6 s; the live region says only the phase.
    assert.equal(await attr(s, '[data-testid=breathing-screen]', 'data-phase'), 'in');
    assert.equal(await text(s, '[data-testid=breathing-cue]'), 'Breathe in');
    await s.waitFor(async () => (await attr(s, '[data-testid=breathing-screen]', 'data-phase')) === 'out', {
      timeout: 8_000,
      message: 'the exhale comes after about 4 s',
    });
    assert.equal(await text(s, '[data-testid=breathing-cue]'), 'Breathe out');
    const live = await s.executeScript('return document.querySelector("[data-testid=breathing-live]").textContent.trim()');
    assert.equal(live, 'Breathe out');
    await shot(app, '[data-testid=breathing-screen]', 'breathing-phone');
    await s.setWindowRect({ width: 1280, height: 900 });
    await shot(app, '[data-testid=breathing-screen]', 'breathing-desktop');
    await s.setWindowRect({ width: 390, height: 844 });

    // Pause for a few seconds: the time does not count.
    await s.click('[data-testid=breathing-pause]');
    await s.waitFor(async () => (await attr(s, '[data-testid=breathing-screen]', 'data-state')) === 'paused');
    const pausedAt = await text(s, '[data-testid=breathing-remaining]');
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(await text(s, '[data-testid=breathing-remaining]'), pausedAt, 'paused time does not run');
    await s.click('[data-testid=breathing-resume]');
    await s.waitFor(async () => (await attr(s, '[data-testid=breathing-screen]', 'data-state')) === 'running');

    // A little over a minute of breathing (the pause added about 3 s), then stop.
    const wait = 64_000 + 3_000 - (Date.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await s.click('[data-testid=breathing-stop]');
    await s.waitFor(async () => (await attr(s, '[data-testid=breathing-screen]', 'data-state')) === 'finished', {
      message: 'a stopped session past a minute is offered for saving',
    });
    assert.equal(await s.findElements('[data-testid=breathing-too-short]').then((e) => e.length), 0);
    await setValue(s, '[data-testid=breathing-warmth-after]', '5');
    await s.click('[data-testid=breathing-save]');
    await s.waitForText('[data-testid=breathing-done]', /Recorded: 1 minute of breathing/);

    // Back on Today: breathing is ticked with its minute.
    await s.click('[data-testid=tab-today]');
    await s.waitFor(async () => (await attr(s, '[data-testid=item-breathing-toggle]', 'aria-pressed')) === 'true', {
      message: 'breathing ticked',
    });
    assert.match(await text(s, '[data-testid=item-breathing-minutes]'), /^1 min today/);

    // Movement: 20 minutes of walking.
    await setValue(s, '[data-testid=movement-kind]', 'walk');
    await setValue(s, '[data-testid=movement-minutes]', '20');
    await s.click('[data-testid=movement-add]');
    await s.waitForText('[data-testid=item-movement-minutes]', /^20 min today/);
    assert.equal(await attr(s, '[data-testid=item-movement-toggle]', 'aria-pressed'), 'true');

    // The supply: 10 capsules counted on the Protocol screen; two a day, both still to take.
    await s.click('[data-testid=tab-protocol]');
    await s.waitForElement('[data-testid=supply-section]');
    await setValue(s, '[data-testid=stock-count-units]', '10');
    await setValue(s, '[data-testid=stock-count-unit]', 'capsules');
    await s.click('[data-testid=stock-count-save]');
    await s.waitForText('[data-testid=supply-section] [data-testid=stock-line]', /10 capsules left: enough for 5 days/);
    await shot(app, '[data-testid=supply-section]', 'protocol-supply-phone');
    await s.click('[data-testid=tab-today]');
    await s.waitForText('[data-testid=stock-line]', /10 capsules left: enough for 5 days/);
    assert.match(await text(s, '[data-testid=stock-notice]'), /Time to refill/);
    await shot(app, '[data-testid=stock-notice]', 'today-supply-phone');

    // Progress: the week's minutes and the hand-warmth change.
    await s.click('[data-testid=tab-progress]');
    await s.waitForText('[data-testid=practice-week-1]', /20 min movement/);
    assert.match(await text(s, '[data-testid=practice-week-1]'), /1 min breathing/);
    assert.match(await text(s, '[data-testid=practice-warmth]'), /3(\.0)? before, 5(\.0)? after/);
    assert.match(await text(s, '[data-testid=expect-card]'), /Week 1/);
    await shot(app, '[data-testid=expect-card]', 'progress-expect-phone');
    await shot(app, '[data-testid=practice-section]', 'progress-practice-phone');
    await s.setWindowRect({ width: 1280, height: 900 });
    await shot(app, '[data-testid=expect-card]', 'progress-expect-desktop');
  });
});
