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

/** The value of the form control `testid`, or whether it is checked. */
async function valueOf(s, testid) {
  return s.executeScript('const el = document.querySelector(`[data-testid=${arguments[0]}]`); return el.type === "radio" ? el.checked : el.value;', [testid]);
}

/** Press `k` (an arrow) on the focused control until `testid` reads `want`, at most `max` times. */
async function pressUntil(s, k, testid, want, max = 12) {
  for (let i = 0; i <= max; i++) {
    if ((await valueOf(s, testid)) === want) return;
    if (i < max) await key(k);
  }
  assert.fail(`${testid} is not ${want} after ${max} presses of ${k} (it is ${await valueOf(s, testid)})`);
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
    // Nothing is pre-filled: each safety question is answered with the keys. The age select and
    // the pregnancy select start on an empty choice (arrows move through the answers), the sex and
    // kidney radios with none checked (Space checks the focused one, arrows move in the group).
    await tabTo(s, '[data-testid=age-band]');
    await pressUntil(s, 'Down', 'age-band', 'y31_50');
    await tabTo(s, '[data-testid=sex-female]');
    await key('space');
    await s.waitFor(async () => valueOf(s, 'sex-female'), { message: 'sex chosen with Space' });
    await tabTo(s, '[data-testid=pregnancy]');
    await pressUntil(s, 'Down', 'pregnancy', 'no');
    // Tab enters the kidney group on its first radio (Yes); Down moves to No and checks it.
    await tabTo(s, '[data-testid^=kidney-]');
    await pressUntil(s, 'Down', 'kidney-no', true, 3);
    assert.equal(await valueOf(s, 'kidney-yes'), false, 'kidney answered No, not Yes');
    // The antacid group: Tab enters it on Yes; Down moves to No and checks it.
    await tabTo(s, '[data-testid^=antacid-]');
    await pressUntil(s, 'Down', 'antacid-no', true, 3);
    assert.equal(await valueOf(s, 'antacid-yes'), false, 'antacids answered No, not Yes');
    await s.waitFor(async () => s.executeScript('return !document.querySelector("[data-testid=setup-next]").disabled'), {
      message: 'Next comes on once every question is answered',
    });
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
