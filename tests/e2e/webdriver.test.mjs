// Self-test of lib/webdriver.mjs against a real W3C WebDriver server:
// WebKitWebDriver driving the WebKitGTK MiniBrowser (no Magday needed).
// Needs a display: run under `xvfb-run -a` (see README.md).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ARTIFACTS_DIR, findNativeDriver, freePort } from './lib/app.mjs';
import { decodePng, distinctColors, isPng, pixel, pngInfo } from './lib/png.mjs';
import { startProcess } from './lib/proc.mjs';
import {
  Element,
  Keys,
  WaitTimeoutError,
  WebDriverError,
  newSession,
  poll,
  status,
  wdRequest,
} from './lib/webdriver.mjs';
import { MINIBROWSER_ARGS, requireMiniBrowser, serveSite } from './fixtures/site.mjs';

describe('webdriver client against WebKitWebDriver + MiniBrowser', { timeout: 150_000 }, () => {
  let driver;
  let site;
  let root;
  /** @type {import('./lib/webdriver.mjs').Session} */
  let s;

  before(async () => {
    assert.ok(process.env.DISPLAY, 'run under xvfb-run -a');
    const browser = requireMiniBrowser();
    site = await serveSite();
    root = mkdtempSync(join(tmpdir(), 'magday-e2e-wd-'));
    const port = await freePort();
    driver = startProcess(findNativeDriver(), [`--port=${port}`, '--host=127.0.0.1'], {
      env: {
        ...process.env,
        XDG_DATA_HOME: join(root, 'data'),
        XDG_CONFIG_HOME: join(root, 'config'),
        XDG_CACHE_HOME: join(root, 'cache'),
        NO_AT_BRIDGE: '1',
      },
    });
    const url = `http://127.0.0.1:${port}`;
    await poll(async () => (await status(url, { timeoutMs: 1_000 })).ready, {
      timeout: 15_000,
      what: 'WebKitWebDriver /status',
    });
    s = await newSession(
      url,
      { 'webkitgtk:browserOptions': { binary: browser, args: MINIBROWSER_ARGS } },
      { timeoutMs: 60_000, defaultWaitMs: 5_000 },
    );
    await s.navigate(site.url);
  });

  after(async () => {
    try {
      await s?.deleteSession();
    } catch {
      /* driver may be gone */
    }
    driver?.kill('SIGTERM');
    await driver?.wait(5_000).catch(() => driver.kill('SIGKILL'));
    await site?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('navigates and reads url and title', async () => {
    assert.equal(await s.getUrl(), site.url);
    assert.equal(await s.getTitle(), 'Harness page');
    assert.equal(typeof s.capabilities.browserName, 'string');
  });

  it('finds elements by CSS and XPath, clicks and reads text', async () => {
    const inc = await s.findElement('[data-testid=inc]');
    assert.ok(inc instanceof Element);
    await inc.click();
    await s.click('[data-testid=inc]');
    assert.equal(await s.getText('[data-testid=count]'), '2');

    const byXPath = await s.findElementByXPath("//button[normalize-space()='Add one']");
    await byXPath.click();
    assert.equal(await s.getText('[data-testid=count]'), '3');

    const items = await s.findElements('[data-testid=list] li');
    assert.deepEqual(await Promise.all(items.map((e) => e.getText())), ['one', 'two', 'three']);
    const list = await s.findElement('[data-testid=list]');
    assert.equal((await list.findElements('li')).length, 3);
    assert.equal(await (await list.findElement('li:last-child')).getText(), 'three');
    assert.equal((await s.findElementsByXPath('//li')).length, 3);
    assert.deepEqual(await s.findElements('[data-testid=nothing-here]'), []);
    assert.equal(await inc.getTagName(), 'button');
  });

  it('types, clears, reads attributes and properties, visibility', async () => {
    const name = await s.findElement('[data-testid=name]');
    await name.sendKeys('Ada');
    await s.waitForText('[data-testid=greeting]', 'Hello, Ada');
    assert.equal(await name.getProperty('value'), 'Ada');
    await name.sendKeys(`${Keys.BACKSPACE}m`);
    assert.equal(await name.getProperty('value'), 'Adm');
    await s.clear(name);
    assert.equal(await name.getProperty('value'), '');
    assert.equal(await s.getAttribute('[data-testid=name]', 'data-testid'), 'name');
    assert.equal(await s.getAttribute('[data-testid=name]', 'no-such-attr'), null);
    assert.equal(await s.isDisplayed('[data-testid=title]'), true);
    assert.equal(await s.isDisplayed('[data-testid=hidden]'), false);
    assert.equal(await name.isEnabled(), true);
  });

  it('runs sync and async scripts, passing and returning elements', async () => {
    assert.equal(await s.executeScript('return arguments[0] + arguments[1]', [20, 22]), 42);
    assert.deepEqual(await s.executeScript((a, b) => ({ sum: a + b, list: [a, b] }), [1, 2]), { sum: 3, list: [1, 2] });

    const title = await s.executeScript("return document.querySelector('[data-testid=title]')");
    assert.ok(title instanceof Element);
    assert.equal(await title.getText(), 'Magday harness page');
    assert.equal(await s.executeScript('return arguments[0].dataset.testid', [title]), 'title');

    const viaCallback = await s.executeAsyncScript(
      'const done = arguments[arguments.length - 1]; setTimeout(() => done(arguments[0] * 2), 50);',
      [21],
    );
    assert.equal(viaCallback, 42);
    const viaPromise = await s.executeAsyncScript(
      (ms) => new Promise((r) => setTimeout(() => r(`waited ${ms}`), ms)),
      [30],
    );
    assert.equal(viaPromise, 'waited 30');
    await assert.rejects(
      s.executeAsyncScript(() => Promise.reject(new Error('boom'))),
      /async script rejected: .*boom/,
    );
    await assert.rejects(s.executeScript('throw new Error("sync boom")'), (e) => {
      assert.ok(e instanceof WebDriverError);
      assert.equal(e.error, 'javascript error');
      assert.match(e.message, /sync boom/);
      return true;
    });
  });

  it('surfaces server errors with their error code and message', async () => {
    await assert.rejects(s.findElement('[data-testid=missing]'), (e) => {
      assert.ok(e instanceof WebDriverError);
      assert.equal(e.error, 'no such element');
      assert.equal(e.status, 404);
      assert.equal(typeof e.serverMessage, 'string'); // WebKitWebDriver sends '' here
      assert.match(e.message, /no such element/);
      assert.match(e.message, /\[data-testid=missing\]/);
      return true;
    });
    await assert.rejects(wdRequest(s.baseUrl, 'GET', '/session/not-a-session/url'), (e) => {
      assert.equal(e.error, 'invalid session id');
      return true;
    });
  });

  it('reports transport errors clearly', async () => {
    const port = await freePort(); // nothing listens there
    await assert.rejects(newSession(`http://127.0.0.1:${port}`, {}, { timeoutMs: 3_000 }), (e) => {
      assert.ok(e instanceof WebDriverError);
      assert.equal(e.error, 'transport error');
      assert.match(e.message, /ECONNREFUSED/);
      return true;
    });
  });

  it('waits for elements, text and predicates; timeouts say what was last seen', async () => {
    await s.click('[data-testid=later]');
    const late = await s.waitFor('[data-testid=late]', 5_000);
    assert.equal(await late.getText(), 'arrived');
    assert.equal(await s.waitForText('[data-testid=late]', /arr/), 'arrived');
    const n = await s.waitFor(async () => (await s.findElements('li')).length, { timeout: 2_000 });
    assert.equal(n, 3);

    let started = Date.now();
    await assert.rejects(s.waitFor('[data-testid=never]', 400), (e) => {
      assert.ok(e instanceof WaitTimeoutError);
      assert.match(e.message, /visible element "\[data-testid=never\]"/);
      assert.match(e.message, /last seen: no element matched/);
      return true;
    });
    assert.ok(Date.now() - started < 3_000);

    await assert.rejects(s.waitFor('[data-testid=hidden]', 300), /last seen: 1 element\(s\) matched but none is displayed/);
    assert.ok(await s.waitForElement('[data-testid=hidden]', { visible: false, timeout: 1_000 }));

    await assert.rejects(
      s.waitForText('[data-testid=count]', 'forty', { timeout: 300 }),
      /text of "\[data-testid=count\]" to be "forty".*last value: false/,
    );
    started = Date.now();
    await assert.rejects(
      s.waitFor(async () => {
        throw new Error('not yet ready');
      }, { timeout: 300, message: 'the moon' }),
      /waiting for the moon; last error: Error: not yet ready/,
    );
    assert.ok(Date.now() - started < 3_000);
    await s.waitForGone('[data-testid=hidden]', 1_000);
  });

  it('resizes the window to phone size and takes PNG screenshots', async () => {
    const rect = await s.setWindowRect({ width: 390, height: 844 });
    assert.equal(rect.height, 844);
    // MiniBrowser's toolbar has a minimum width a little above 390; the app has none.
    assert.ok(rect.width >= 390 && rect.width < 500, JSON.stringify(rect));
    const viewport = await s.getViewportSize();

    const path = await s.screenshot(join(ARTIFACTS_DIR, 'selftest-webdriver-phone.png'));
    const buf = readFileSync(path);
    assert.ok(isPng(buf), 'PNG signature');
    const info = pngInfo(buf);
    assert.equal(info.width, viewport.width);
    assert.equal(info.height, viewport.height);
    const img = decodePng(buf);
    assert.ok(distinctColors(img) > 3, 'screenshot is not blank');
    // the header is green (#2f6f4f), the page background beige (#f4efe6)
    const header = pixel(img, 30, 20);
    assert.ok(header[1] > header[0] && header[1] > header[2], `header pixel ${header}`);
    const bottom = pixel(img, 5, img.height - 5);
    assert.deepEqual(bottom.slice(0, 3), [0xf4, 0xef, 0xe6]);

    const el = await s.findElement('[data-testid=inc]');
    const elPath = await el.screenshot(join(ARTIFACTS_DIR, 'selftest-webdriver-button.png'));
    const elInfo = pngInfo(readFileSync(elPath));
    const elRect = await el.getRect();
    assert.ok(Math.abs(elInfo.width - elRect.width) <= 2, `${elInfo.width} vs ${elRect.width}`);
  });
});
