// Issue 6: log two foods, see the day's total change and the suggestions update.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { middayZone, onboard, setValue, text, withMagday } from './magday.mjs';

async function suggestionIds(s) {
  const els = await s.findElements('[data-testid^=suggestion-log-]');
  const ids = [];
  for (const el of els) ids.push((await s.getAttribute(el, 'data-testid')).replace('suggestion-log-', ''));
  return ids;
}

test('logging two foods changes the total and the suggestions', { timeout: 180_000 }, async () => {
  const { tz } = middayZone();
  await withMagday('food', tz, async (app) => {
    const s = app.session;
    await onboard(s, { template: 'circulation', times: ['08:00', '20:00'] });
    await s.click('[data-testid=tab-food]');
    assert.equal(await text(s, '[data-testid=food-total]'), '0 mg');
    assert.match(await text(s, '[data-testid=food-gap]'), /320 mg to go/);
    const before = await suggestionIds(s);
    assert.ok(before.length >= 1 && before.length <= 5, `1 to 5 suggestions, got ${before}`);

    // 1 oz of roasted pumpkin seeds, by household portion.
    await setValue(s, '[data-testid=food-search]', 'pumpkin seed roasted');
    await s.click(await s.waitForElement('[data-testid=search-result-12016]'));
    await setValue(s, '[data-testid=portion-select]', '-1');
    await setValue(s, '[data-testid=grams-input]', '28.35');
    await s.click('[data-testid=log-selected]');
    await s.waitForText('[data-testid=food-total]', '155.9 mg');

    // 100 g of boiled spinach.
    await setValue(s, '[data-testid=food-search]', 'spinach boiled');
    await s.click(await s.waitForElement('[data-testid=search-result-11458]'));
    await setValue(s, '[data-testid=portion-select]', '-1');
    await setValue(s, '[data-testid=grams-input]', '100');
    await s.click('[data-testid=log-selected]');
    await s.waitForText('[data-testid=food-total]', '242.9 mg');
    assert.match(await text(s, '[data-testid=food-gap]'), /77.1 mg to go/);
    const after = await suggestionIds(s);
    assert.ok(after.length >= 1, 'still suggestions for the rest of the gap');
    assert.notDeepEqual(after, before, 'the suggestions changed');
    assert.ok(!after.includes('12016') && !after.includes('11458'), 'not what was just eaten');
    assert.match(await text(s, '[data-testid=food-entries]'), /Pumpkin seed[\s\S]*Spinach/i);

    // The Today checklist shows the food total too, and it survives a restart.
    await app.restart();
    await app.session.click(await app.session.waitForElement('[data-testid=tab-food]'));
    await app.session.waitForText('[data-testid=food-total]', '242.9 mg');
  });
});
