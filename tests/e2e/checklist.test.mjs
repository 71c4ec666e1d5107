// Issue 4: tick items, undo one, add a note, restart, and find the same state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { count, middayZone, onboard, setValue, text, withMagday } from './magday.mjs';

test('ticks, an undo and a note survive a restart', { timeout: 180_000 }, async () => {
  const { tz } = middayZone();
  await withMagday('checklist', tz, async (app) => {
    let s = app.session;
    await onboard(s, { template: 'circulation', times: ['08:00', '23:00'] });
    // Dose 1 at 08:00 had its window close before the protocol was set up at midday: not
    // expected that day, so not shown as missed and not counted.
    assert.equal(await s.getAttribute('[data-testid=dose-1]', 'data-status'), 'before_start');
    assert.equal(await text(s, '[data-testid=dose-1-status]'), 'before start');
    assert.equal(await count(s, '[data-testid=dose-1-missed]'), 0);

    await s.click('[data-testid=item-water-plus]');
    await s.waitForText('[data-testid=item-water-count]', '1 of 8 glasses');
    await s.click('[data-testid=item-water-plus]');
    await s.waitForText('[data-testid=item-water-count]', '2 of 8 glasses');
    await s.click('[data-testid=item-movement-toggle]');
    await s.waitFor(async () => (await s.getAttribute('[data-testid=item-movement]', 'data-done')) === 'true');
    await s.click('[data-testid=item-breathing-toggle]');
    await s.waitFor(async () => (await s.getAttribute('[data-testid=item-breathing]', 'data-done')) === 'true');
    // Undo the breathing tick.
    await s.click('[data-testid=item-breathing-toggle]');
    await s.waitFor(async () => (await s.getAttribute('[data-testid=item-breathing]', 'data-done')) === 'false');
    // Take dose 2 early, with a note.
    await s.click('[data-testid=dose-2-toggle]');
    await s.waitFor(async () => (await s.getAttribute('[data-testid=dose-2]', 'data-status')) === 'taken');
    await s.click('[data-testid=item-movement-note-edit]');
    await setValue(s, '[data-testid=item-movement-note-input]', 'yoga, 20 minutes');
    await s.click('[data-testid=item-movement-note-save]');
    await s.waitForText('[data-testid=item-movement-note-text]', /yoga, 20 minutes/);
    assert.equal(await text(s, '[data-testid=score]'), '1 of 1 doses');

    await app.restart();
    s = app.session;
    await s.waitForText('[data-testid=item-water-count]', '2 of 8 glasses');
    assert.equal(await s.getAttribute('[data-testid=item-movement]', 'data-done'), 'true');
    assert.equal(await s.getAttribute('[data-testid=item-breathing]', 'data-done'), 'false');
    assert.equal(await s.getAttribute('[data-testid=dose-2]', 'data-status'), 'taken');
    assert.equal(await s.getAttribute('[data-testid=dose-1]', 'data-status'), 'before_start');
    assert.match(await text(s, '[data-testid=item-movement-note-text]'), /yoga, 20 minutes/);
    assert.equal(await text(s, '[data-testid=score]'), '1 of 1 doses');
  });
});
