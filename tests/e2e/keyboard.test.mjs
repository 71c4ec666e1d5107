// Issue 13: a keyboard-only walk through the real window, with real X key presses (xdotool:
// WebDriver's key actions do not trigger :focus-visible in WebKitWebDriver). Onboarding, a tick,
// a food log and a check-in, moving only with Tab and acting only with Space, Return, arrows and
// typing; every control reached shows its focus (:focus-visible). WebDriver only reads the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './lib/index.mjs';
import { middayZone, text, withMagday } from './magday.mjs';

/** The app's X window, focused so key presses reach it. */
async function focusWindow() {
  const found = await run('xdotool', ['search', '--sync', '--onlyvisible', '--name', '^Magday$'], { timeoutMs: 20_000 });
  const win = found.stdout.trim().split('\n').at(-1);
  assert.ok(win, 'the Magday window is on screen');
  await run('xdotool', ['windowactivate', '--sync', win]).catch(() => run('xdotool', ['windowfocus', '--sync', win]));
  return win;
}

async function key(...keys) {
  await run('xdotool', ['key', '--clearmodifiers', '--delay', '40', ...keys]);
}

async function type(textToType) {
  await run('xdotool', ['type', '--delay', '25', textToType], { timeoutMs: 30_000 });
}

/** What has the focus, and whether it shows it. */
async function focused(s) {
  return s.executeScript(
    `const el = document.activeElement;
     return el && el !== document.body
       ? { testid: el.dataset?.testid ?? null, tag: el.tagName, visible: el.matches(':focus-visible'),
           outline: getComputedStyle(el).outlineStyle }
       : null;`,
  );
}

/** Press Tab until the element matching `css` has the focus; check that its focus shows. */
async function tabTo(s, css, max = 120) {
  for (let i = 0; i < max; i++) {
    const on = await s.executeScript('return !!document.activeElement && document.activeElement.matches(arguments[0])', [css]);
    if (on) {
      const f = await focused(s);
      assert.ok(f?.visible, `${css} shows its focus (:focus-visible): ${JSON.stringify(f)}`);
      assert.notEqual(f.outline, 'none', `${css} has a focus outline`);
      return;
    }
    await key('Tab');
  }
  assert.fail(`${css} was not reached with ${max} Tab presses (last: ${JSON.stringify(await focused(s))})`);
}

test('keyboard only: onboarding, a tick, a food log and a check-in', { timeout: 300_000 }, async () => {
  const { tz } = middayZone();
  await withMagday('keyboard', tz, async (app) => {
    const s = app.session;
    await s.waitForElement('[data-testid=start-setup]');
    await focusWindow();

    // Onboarding: the welcome card, then each step with the answers it offers.
    await tabTo(s, '[data-testid=start-setup]');
    await key('Return');
    await s.waitForText('[data-testid=setup-step]', /Step 1 of 5/);
    await tabTo(s, '[data-testid=sex-female]');
    await key('space');
    await s.waitFor(async () => s.executeScript('return document.querySelector("[data-testid=sex-female]").checked'));
    for (const step of [2, 3, 4, 5]) {
      await tabTo(s, '[data-testid=setup-next]');
      await key('Return');
      await s.waitForText('[data-testid=setup-step]', new RegExp(`Step ${step} of 5`));
    }
    await s.waitForElement('[data-testid=findings]');
    await tabTo(s, '[data-testid=save-protocol]');
    await key('Return');
    await s.waitForElement('[data-testid=course-day]', { timeout: 15_000 });

    // A tick on Today.
    await tabTo(s, '[data-testid=item-movement-toggle]');
    await key('space');
    await s.waitFor(async () => (await s.getAttribute('[data-testid=item-movement]', 'data-done')) === 'true', {
      message: 'movement ticked from the keyboard',
    });

    // A check-in: three presses on "more" for the first symptom, then save.
    await tabTo(s, '[data-testid$=-plus][data-testid^=rate-]');
    await key('space', 'space', 'space');
    const rated = await s.executeScript('return document.activeElement.dataset.testid.replace(/^rate-|-plus$/g, "")');
    await s.waitForText(`[data-testid=rate-${rated}-value]`, '3 of 10');
    await tabTo(s, '[data-testid=checkin-save]');
    await key('Return');
    await s.waitForElement('[data-testid=checkin-recorded]');

    // A food log: the Food tab, a search typed in, a result, "Log it".
    await tabTo(s, '[data-testid=tab-food]');
    await key('Return');
    await s.waitForText('[data-testid=food-total]', '0 mg');
    await tabTo(s, '[data-testid=food-search]');
    await type('pumpkin seed roasted');
    await s.waitForElement('[data-testid=search-result-12016]');
    await tabTo(s, '[data-testid=search-result-12016]');
    await key('Return');
    await tabTo(s, '[data-testid=log-selected]');
    await key('Return');
    await s.waitFor(async () => (await text(s, '[data-testid=food-total]')) !== '0 mg', { message: 'food logged from the keyboard' });
    assert.match(await text(s, '[data-testid=food-entries]'), /Pumpkin seed/i);
  });
});
