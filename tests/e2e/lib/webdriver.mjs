// A small W3C WebDriver client over Node's built-in fetch.
//
// Only what Magday's end-to-end tests need: sessions, navigation, finding
// elements (CSS / XPath), interacting with them, running scripts, waiting with
// useful error messages, screenshots and window sizing.
//
// Spec: https://www.w3.org/TR/webdriver2/ (HTTP endpoints under /session/{id}).

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The W3C key under which an element reference is serialised. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** Special keys for sendKeys (W3C "normalised key values"). */
export const Keys = Object.freeze({
  BACKSPACE: '\uE003',
  TAB: '\uE004',
  ENTER: '\uE007',
  SHIFT: '\uE008',
  CONTROL: '\uE009',
  ALT: '\uE00A',
  ESCAPE: '\uE00C',
  SPACE: '\uE00D',
  ARROW_LEFT: '\uE012',
  ARROW_UP: '\uE013',
  ARROW_RIGHT: '\uE014',
  ARROW_DOWN: '\uE015',
  DELETE: '\uE017',
});

/** An error reported by the WebDriver server (or by reaching it). */
export class WebDriverError extends Error {
  /**
   * @param {object} o
   * @param {string} o.error    W3C error code, e.g. "no such element"; or "transport error"
   * @param {string} o.message  the server's message
   * @param {number} [o.status] HTTP status
   * @param {string} [o.command] e.g. "POST /session/…/element"
   * @param {string} [o.stacktrace]
   * @param {unknown} [o.cause]
   */
  constructor({ error, message, status, command, stacktrace, cause }) {
    super(`WebDriver ${command ? `${command} ` : ''}failed: ${error}: ${message}`, { cause });
    this.name = 'WebDriverError';
    this.error = error;
    this.serverMessage = message;
    this.status = status;
    this.command = command;
    this.stacktrace = stacktrace;
  }
}

/** Thrown by waitFor & friends when the condition is not met in time. */
export class WaitTimeoutError extends Error {
  constructor(message, { lastValue, lastError } = {}) {
    super(message);
    this.name = 'WaitTimeoutError';
    this.lastValue = lastValue;
    this.lastError = lastError;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Short, single-line rendering of anything for error messages. */
export function describeValue(value, max = 300) {
  let s;
  if (value instanceof Error) s = `${value.name}: ${value.message}`;
  else if (value instanceof Element) s = `<element ${value.selector ?? value.id}>`;
  else if (typeof value === 'string') s = JSON.stringify(value);
  else {
    try {
      s = JSON.stringify(value, (_k, v) => (v instanceof Element ? `<element ${v.selector ?? v.id}>` : v));
    } catch {
      s = String(value);
    }
    if (s === undefined) s = String(value);
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * Low-level: send one WebDriver command. Resolves with the response's `value`.
 * @param {string} baseUrl e.g. "http://127.0.0.1:4444"
 * @param {'GET'|'POST'|'DELETE'} method
 * @param {string} path e.g. "/session"
 * @param {object} [body]
 * @param {{timeoutMs?: number}} [opts]
 */
export async function wdRequest(baseUrl, method, path, body, { timeoutMs = 60_000 } = {}) {
  const command = `${method} ${path}`;
  const init = {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  };
  if (method === 'POST') init.body = JSON.stringify(body ?? {});
  let res;
  let text;
  try {
    res = await fetch(new URL(path, baseUrl), init);
    text = await res.text();
  } catch (cause) {
    const timedOut = cause?.name === 'TimeoutError' || cause?.name === 'AbortError';
    throw new WebDriverError({
      error: timedOut ? 'timeout' : 'transport error',
      message: timedOut
        ? `no answer from ${baseUrl} within ${timeoutMs} ms`
        : `cannot reach ${baseUrl}: ${cause?.cause?.code ?? cause?.code ?? ''} ${cause?.message ?? cause}`.trim(),
      command,
      cause,
    });
  }
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError({
      error: 'invalid response',
      message: `HTTP ${res.status}, body is not JSON: ${describeValue(text)}`,
      status: res.status,
      command,
    });
  }
  const value = json?.value;
  if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    throw new WebDriverError({
      error: value?.error ?? `http ${res.status}`,
      message: value?.message ?? describeValue(json),
      stacktrace: value?.stacktrace,
      status: res.status,
      command,
    });
  }
  return value;
}

/** A remote element. Methods mirror Session's element commands. */
export class Element {
  /** @param {Session} session @param {string} id @param {string} [selector] for messages */
  constructor(session, id, selector) {
    this.session = session;
    this.id = id;
    this.selector = selector;
  }
  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
  #cmd(method, sub, body) {
    return this.session.command(method, `/element/${this.id}${sub}`, body);
  }
  /** Find a descendant by CSS selector. */
  async findElement(css) {
    const v = await this.#cmd('POST', '/element', { using: 'css selector', value: css });
    return new Element(this.session, v[ELEMENT_KEY], `${this.selector ?? '?'} ${css}`);
  }
  async findElements(css) {
    const vs = await this.#cmd('POST', '/elements', { using: 'css selector', value: css });
    return vs.map((v) => new Element(this.session, v[ELEMENT_KEY], `${this.selector ?? '?'} ${css}`));
  }
  async click() {
    await this.#cmd('POST', '/click', {});
  }
  /** Type text (may contain Keys.*) into the element. */
  async sendKeys(text) {
    await this.#cmd('POST', '/value', { text: String(text) });
  }
  async clear() {
    await this.#cmd('POST', '/clear', {});
  }
  /** Rendered (visible) text. */
  getText() {
    return this.#cmd('GET', '/text');
  }
  getAttribute(name) {
    return this.#cmd('GET', `/attribute/${encodeURIComponent(name)}`);
  }
  getProperty(name) {
    return this.#cmd('GET', `/property/${encodeURIComponent(name)}`);
  }
  getTagName() {
    return this.#cmd('GET', '/name');
  }
  isDisplayed() {
    return this.#cmd('GET', '/displayed');
  }
  isEnabled() {
    return this.#cmd('GET', '/enabled');
  }
  isSelected() {
    return this.#cmd('GET', '/selected');
  }
  getRect() {
    return this.#cmd('GET', '/rect');
  }
  /** Screenshot of just this element; writes a PNG and returns its path. */
  async screenshot(path) {
    const b64 = await this.#cmd('GET', '/screenshot');
    return savePng(path, b64);
  }
}

async function savePng(path, b64) {
  const buf = Buffer.from(b64, 'base64');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, buf);
  return path;
}

/**
 * Convert element references in a script result into Element objects.
 * @param {Session} session
 */
function revive(session, v) {
  if (Array.isArray(v)) return v.map((x) => revive(session, x));
  if (v && typeof v === 'object') {
    if (typeof v[ELEMENT_KEY] === 'string' && Object.keys(v).length === 1) {
      return new Element(session, v[ELEMENT_KEY]);
    }
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = revive(session, x);
    return out;
  }
  return v;
}

/** Anything usable where an element is expected: an Element or a CSS selector. */
/** @typedef {Element | string} ElementLike */

export class Session {
  /**
   * @param {string} baseUrl WebDriver server URL
   * @param {string} id session id
   * @param {object} capabilities as returned by the server
   * @param {{requestTimeoutMs?: number, defaultWaitMs?: number, pollMs?: number}} [opts]
   */
  constructor(baseUrl, id, capabilities, opts = {}) {
    this.baseUrl = baseUrl;
    this.id = id;
    this.capabilities = capabilities;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 60_000;
    this.defaultWaitMs = opts.defaultWaitMs ?? 10_000;
    this.pollMs = opts.pollMs ?? 100;
    this.deleted = false;
  }

  /** Send a command relative to this session ("/url", "/element", …). */
  command(method, sub, body, opts = {}) {
    return wdRequest(this.baseUrl, method, `/session/${this.id}${sub}`, body, {
      timeoutMs: opts.timeoutMs ?? this.requestTimeoutMs,
    });
  }

  /** End the session (for tauri-driver: the app is closed). Idempotent. */
  async deleteSession({ timeoutMs = 15_000 } = {}) {
    if (this.deleted) return;
    this.deleted = true;
    await this.command('DELETE', '', undefined, { timeoutMs });
  }

  // ---- navigation -------------------------------------------------------

  async navigate(url) {
    await this.command('POST', '/url', { url });
  }
  getUrl() {
    return this.command('GET', '/url');
  }
  getTitle() {
    return this.command('GET', '/title');
  }
  async refresh() {
    await this.command('POST', '/refresh', {});
  }
  async back() {
    await this.command('POST', '/back', {});
  }
  getPageSource() {
    return this.command('GET', '/source');
  }
  /** @param {{script?: number, pageLoad?: number, implicit?: number}} t */
  async setTimeouts(t) {
    await this.command('POST', '/timeouts', t);
  }

  // ---- elements ---------------------------------------------------------

  /** First element matching a CSS selector; throws WebDriverError "no such element" if none. */
  async findElement(css) {
    return this.#find('css selector', css);
  }
  /** All elements matching a CSS selector (possibly none). */
  async findElements(css) {
    return this.#findAll('css selector', css);
  }
  async findElementByXPath(xpath) {
    return this.#find('xpath', xpath);
  }
  async findElementsByXPath(xpath) {
    return this.#findAll('xpath', xpath);
  }
  async #find(using, value) {
    try {
      const v = await this.command('POST', '/element', { using, value });
      return new Element(this, v[ELEMENT_KEY], value);
    } catch (e) {
      if (e instanceof WebDriverError) e.message += ` (${using}: ${value})`;
      throw e;
    }
  }
  async #findAll(using, value) {
    const vs = await this.command('POST', '/elements', { using, value });
    return vs.map((v) => new Element(this, v[ELEMENT_KEY], value));
  }
  /** @param {ElementLike} el */
  async #el(el) {
    return el instanceof Element ? el : this.findElement(el);
  }

  /**
   * Click an element (Element, or CSS selector: the first match). WebKitWebDriver does not
   * scroll an element out from under a fixed bar (or from below the fold) before clicking, so
   * it is scrolled to the middle of the view first, as a user would scroll to it.
   */
  async click(el) {
    const e = await this.#el(el);
    await this.executeScript('arguments[0].scrollIntoView({ block: "center", inline: "nearest" });', [e]);
    await e.click();
  }
  async sendKeys(el, text) {
    await (await this.#el(el)).sendKeys(text);
  }
  async clear(el) {
    await (await this.#el(el)).clear();
  }
  async getText(el) {
    return (await this.#el(el)).getText();
  }
  async getAttribute(el, name) {
    return (await this.#el(el)).getAttribute(name);
  }
  async getProperty(el, name) {
    return (await this.#el(el)).getProperty(name);
  }
  async isDisplayed(el) {
    return (await this.#el(el)).isDisplayed();
  }
  async getActiveElement() {
    const v = await this.command('GET', '/element/active');
    return new Element(this, v[ELEMENT_KEY], ':focus');
  }

  // ---- scripts ----------------------------------------------------------

  /**
   * Run a synchronous script in the page: `script` is a function body (use
   * `arguments[i]`) or a function, whose source is wrapped and called with args.
   * Elements in args/result are converted both ways.
   */
  async executeScript(script, args = []) {
    const v = await this.command('POST', '/execute/sync', { script: toScript(script, false), args });
    return revive(this, v);
  }

  /**
   * Run an asynchronous script. As a string: the callback is the last argument
   * (`arguments[arguments.length - 1]`). As a function: it may return a promise;
   * its result is passed to the callback.
   */
  async executeAsyncScript(script, args = []) {
    const v = await this.command('POST', '/execute/async', { script: toScript(script, true), args });
    if (typeof script === 'function' && v && typeof v === 'object' && typeof v.__wdError === 'string') {
      throw new Error(`async script rejected: ${v.__wdError}`);
    }
    return revive(this, v);
  }

  // ---- waiting ----------------------------------------------------------

  /**
   * Poll until `target` is satisfied, then resolve with its value.
   *  - a function: called repeatedly (may be async); done when it returns a
   *    truthy value. Errors thrown by it are remembered and retried.
   *  - a string: a CSS selector; done when a matching element is displayed
   *    (or merely present with {visible: false}); resolves with the Element.
   * @param {Function|string} target
   * @param {number|{timeout?: number, interval?: number, message?: string, visible?: boolean}} [opts]
   */
  async waitFor(target, opts = {}) {
    if (typeof opts === 'number') opts = { timeout: opts };
    if (typeof target === 'string') return this.waitForElement(target, opts);
    const timeout = opts.timeout ?? this.defaultWaitMs;
    const interval = opts.interval ?? this.pollMs;
    const what = opts.message ?? (target.name ? `condition ${target.name}` : 'condition');
    return poll(target, { timeout, interval, what });
  }

  /** Wait for a CSS selector to match a (displayed, unless visible:false) element. */
  async waitForElement(css, opts = {}) {
    if (typeof opts === 'number') opts = { timeout: opts };
    const visible = opts.visible ?? true;
    const timeout = opts.timeout ?? this.defaultWaitMs;
    let seen = 'nothing yet';
    const found = await poll(
      async () => {
        const els = await this.findElements(css);
        if (els.length === 0) {
          seen = 'no element matched';
          return null;
        }
        if (!visible) return els[0];
        for (const el of els) if (await el.isDisplayed()) return el;
        seen = `${els.length} element(s) matched but none is displayed`;
        return null;
      },
      {
        timeout,
        interval: opts.interval ?? this.pollMs,
        what: opts.message ?? `${visible ? 'visible ' : ''}element ${JSON.stringify(css)}`,
        lastSeen: () => seen,
      },
    );
    found.selector = css;
    return found;
  }

  /** Wait until no element matching `css` is displayed. */
  async waitForGone(css, opts = {}) {
    if (typeof opts === 'number') opts = { timeout: opts };
    let seen = '';
    await poll(
      async () => {
        const els = await this.findElements(css);
        let shown = 0;
        for (const el of els) {
          try {
            if (await el.isDisplayed()) shown++;
          } catch (e) {
            if (e?.error !== 'stale element reference') throw e;
          }
        }
        seen = `${shown} displayed element(s) still match`;
        return shown === 0;
      },
      {
        timeout: opts.timeout ?? this.defaultWaitMs,
        interval: opts.interval ?? this.pollMs,
        what: opts.message ?? `element ${JSON.stringify(css)} to disappear`,
        lastSeen: () => seen,
      },
    );
  }

  /**
   * Wait until the text of the first element matching `css` equals `expected`
   * (string), matches it (RegExp) or satisfies it (function). Resolves with the text.
   */
  async waitForText(css, expected, opts = {}) {
    if (typeof opts === 'number') opts = { timeout: opts };
    const test =
      typeof expected === 'function'
        ? expected
        : expected instanceof RegExp
          ? (t) => expected.test(t)
          : (t) => t === String(expected);
    let text;
    await poll(
      async () => {
        text = await this.getText(css);
        return test(text);
      },
      {
        timeout: opts.timeout ?? this.defaultWaitMs,
        interval: opts.interval ?? this.pollMs,
        what: opts.message ?? `text of ${JSON.stringify(css)} to be ${expected instanceof RegExp || typeof expected === 'function' ? String(expected) : JSON.stringify(expected)}`,
      },
    );
    return text;
  }

  // ---- screenshots & window --------------------------------------------

  /** Screenshot of the viewport; writes a PNG to `path` (dirs created) and returns the path. */
  async screenshot(path) {
    const b64 = await this.command('GET', '/screenshot');
    return savePng(path, b64);
  }

  getWindowRect() {
    return this.command('GET', '/window/rect');
  }
  /** Resize/move the window, e.g. {width: 390, height: 844} for a phone-sized shot. */
  setWindowRect(rect) {
    return this.command('POST', '/window/rect', rect);
  }
  /** Window size, then the viewport's (innerWidth × innerHeight) as the page sees it. */
  async getViewportSize() {
    return this.executeScript('return {width: window.innerWidth, height: window.innerHeight}');
  }
}

function toScript(script, isAsync) {
  if (typeof script === 'string') return script;
  if (typeof script !== 'function') throw new TypeError('script must be a string or a function');
  const src = script.toString();
  if (!isAsync) return `return (${src}).apply(null, arguments);`;
  return (
    `const __done = arguments[arguments.length - 1];` +
    `const __args = Array.prototype.slice.call(arguments, 0, -1);` +
    `Promise.resolve().then(() => (${src}).apply(null, __args)).then(` +
    `(v) => __done(v), (e) => __done({__wdError: String(e) + (e && e.stack ? '\\n' + e.stack : '')}));`
  );
}

/**
 * Generic bounded poll. `fn` returns truthy when done; errors it throws are
 * retried (remembered for the message) unless they carry `fatal: true`.
 * The timeout message names what was waited for, the last value seen and the
 * last error.
 */
export async function poll(fn, { timeout = 10_000, interval = 100, what = 'condition', lastSeen } = {}) {
  const start = Date.now();
  const deadline = start + timeout;
  let lastValue;
  let lastError;
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      const v = await fn();
      if (v) return v;
      lastValue = v;
      lastError = undefined;
    } catch (e) {
      if (e?.fatal) throw e; // not worth waiting for
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
  const parts = [`Timed out after ${Date.now() - start} ms (${attempts} attempts) waiting for ${what}`];
  if (lastSeen) parts.push(`last seen: ${lastSeen()}`);
  else if (lastValue !== undefined) parts.push(`last value: ${describeValue(lastValue)}`);
  if (lastError) parts.push(`last error: ${describeValue(lastError)}`);
  throw new WaitTimeoutError(parts.join('; '), { lastValue, lastError });
}

/**
 * Create a session.
 * @param {string} baseUrl WebDriver server, e.g. "http://127.0.0.1:4444"
 * @param {object} capabilities put under capabilities.alwaysMatch
 * @param {{timeoutMs?: number, requestTimeoutMs?: number, defaultWaitMs?: number, pollMs?: number}} [opts]
 * @returns {Promise<Session>}
 */
export async function newSession(baseUrl, capabilities = {}, opts = {}) {
  const v = await wdRequest(
    baseUrl,
    'POST',
    '/session',
    { capabilities: { alwaysMatch: capabilities, firstMatch: [{}] } },
    { timeoutMs: opts.timeoutMs ?? 60_000 },
  );
  if (!v?.sessionId) {
    throw new WebDriverError({ error: 'invalid response', message: `no sessionId in ${describeValue(v)}`, command: 'POST /session' });
  }
  return new Session(baseUrl, v.sessionId, v.capabilities, opts);
}

/** GET /status: resolves with {ready, message} or throws WebDriverError. */
export function status(baseUrl, { timeoutMs = 5_000 } = {}) {
  return wdRequest(baseUrl, 'GET', '/status', undefined, { timeoutMs });
}
