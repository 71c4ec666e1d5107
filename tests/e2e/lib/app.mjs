// Start and stop the app under test through tauri-driver.
//
//   const app = await startApp({ name: 'persistence' });
//   await app.session.click('[data-testid=add]');
//   await app.restart();            // same data dir, new app process
//   await app.stop();               // always: kills tauri-driver, WebKitWebDriver, the app
//
// or, with screenshot + log tail on failure and guaranteed cleanup:
//
//   await withApp({ name: 'persistence' }, async (app) => { ... });
//
// Each App gets a fresh temp root whose data/config/cache/state/runtime dirs
// become the app's XDG_* dirs, so Tauri's app data dir is empty at start and
// survives restart(). tauri-driver runs in its own process group; stop() (and
// process exit) kill that whole group, which holds WebKitWebDriver and the app.

import { spawn } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  closeSync,
  constants as fsc,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSession, poll, status } from './webdriver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (tests/e2e/lib/../../..). */
export const REPO_ROOT = resolve(here, '..', '..', '..');
/** Where logs and failure screenshots go (gitignored). */
export const ARTIFACTS_DIR = process.env.MAGDAY_E2E_ARTIFACTS
  ? resolve(process.env.MAGDAY_E2E_ARTIFACTS)
  : join(REPO_ROOT, 'tests', 'e2e', 'artifacts');
/** The app binary: $MAGDAY_APP or <repo>/target/debug/magday. */
export const DEFAULT_APP = process.env.MAGDAY_APP
  ? resolve(process.env.MAGDAY_APP)
  : join(REPO_ROOT, 'target', 'debug', 'magday');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What the app prints when GTK cannot open the display (tao's panic). */
const GTK_INIT_FAILED = 'Failed to initialize gtk backend';

/** True if the app binary (default: DEFAULT_APP) exists and is executable. */
export function appExists(app = DEFAULT_APP) {
  return isExecutable(resolve(app));
}

// ---- process bookkeeping: never leave drivers or apps behind --------------

/** Live App instances, killed hard if the test process exits without stop(). */
const live = new Set();
let exitHooksInstalled = false;
function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const app of live) app._killNow();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      for (const app of live) app._killNow();
      process.kill(process.pid, sig);
    });
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/** Pids (from /proc) in process group `pgid` whose executable is `exe`. */
function pidsInGroup(pgid, exe) {
  const out = [];
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...  — comm may contain spaces/parens
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (rest[0] === 'Z') continue;
      if (Number(rest[2]) !== pgid) continue;
      if (exe) {
        const target = readlinkSync(`/proc/${name}/exe`).replace(/ \(deleted\)$/, '');
        if (target !== exe) continue;
      }
      out.push(Number(name));
    } catch {
      /* raced with exit, or not ours */
    }
  }
  return out;
}

// ---- helpers ---------------------------------------------------------------

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function isExecutable(p) {
  try {
    accessSync(p, fsc.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(name) {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    if (d && isExecutable(join(d, name))) return join(d, name);
  }
  return null;
}

/** tauri-driver: $TAURI_DRIVER, else on PATH, else ~/.cargo/bin/tauri-driver. */
export function findTauriDriver() {
  const candidates = [process.env.TAURI_DRIVER, which('tauri-driver'), join(homedir(), '.cargo', 'bin', 'tauri-driver')];
  const found = candidates.find((p) => p && isExecutable(p));
  if (!found) {
    throw new Error(
      'tauri-driver not found (looked at $TAURI_DRIVER, PATH, ~/.cargo/bin). ' +
        'Install it with: cargo install tauri-driver --locked --version 2.1.0',
    );
  }
  return found;
}

/** WebKitWebDriver: $WEBKIT_WEBDRIVER, else on PATH, else /usr/bin/WebKitWebDriver. */
export function findNativeDriver() {
  const candidates = [process.env.WEBKIT_WEBDRIVER, which('WebKitWebDriver'), '/usr/bin/WebKitWebDriver'];
  const found = candidates.find((p) => p && isExecutable(p));
  if (!found) throw new Error('WebKitWebDriver not found: apt-get install webkit2gtk-driver');
  return found;
}

function sanitize(s) {
  return String(s).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'app';
}

function stamp() {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Last `lines` lines of a file ('' if unreadable). */
export function tailFile(path, lines = 60) {
  try {
    const all = readFileSync(path, 'utf8').split('\n');
    return all.slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}

// Variables passed from the test's environment to tauri-driver (and so to
// WebKitWebDriver and the app). Everything else is dropped, so the run does not
// depend on the developer's desktop session.
const PASS_EXACT = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'TZ', 'TMPDIR',
  'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'LC_TIME', 'LC_NUMERIC',
  'DISPLAY', 'XAUTHORITY', 'DBUS_SESSION_BUS_ADDRESS',
  'XDG_DATA_DIRS', 'XDG_CONFIG_DIRS', 'LD_LIBRARY_PATH',
  // A test command run on a faked clock (tests/run-all.sh with MAGDAY_FAKETIME): libfaketime
  // with one fixed offset, so the tests, the drivers and the app share the same clock.
  'LD_PRELOAD', 'FAKETIME',
];
const PASS_PREFIX = /^(MAGDAY_|RUST_|WEBKIT_|GDK_|GTK_|GSK_|LIBGL_|MESA_|G_MESSAGES|G_DEBUG|TAURI_)/;

// ---- the App ---------------------------------------------------------------

export class App {
  /** @param {object} o normalised options, see startApp */
  constructor(o) {
    this.options = o;
    this.appPath = o.app;
    this.name = o.name;
    this.root = mkdtempSync(join(tmpdir(), `magday-e2e-${sanitize(o.name)}-`));
    this.dirs = {
      data: join(this.root, 'data'),
      config: join(this.root, 'config'),
      cache: join(this.root, 'cache'),
      state: join(this.root, 'state'),
      runtime: join(this.root, 'runtime'),
    };
    for (const d of Object.values(this.dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    this.logPath = join(ARTIFACTS_DIR, `${sanitize(o.name)}-${stamp()}-${process.pid}.log`);
    this.logFd = openSync(this.logPath, 'a');
    /** @type {import('./webdriver.mjs').Session | null} */
    this.session = null;
    this.driver = null; // ChildProcess of tauri-driver
    this.pgid = null;
    this.driverUrl = null;
    this.stopped = false;
    this.env = this.#buildEnv();
  }

  /** Write a marker line into the log (shows where restarts etc. happened). */
  log(line) {
    try {
      appendFileSync(this.logPath, `[e2e ${new Date().toISOString()}] ${line}\n`);
    } catch {
      /* log closed */
    }
  }

  #buildEnv() {
    const env = {
      GDK_BACKEND: 'x11', // Xvfb
      NO_AT_BRIDGE: '1', // no accessibility bus (its launcher outlives the test)
      // Nothing of the host's desktop: GSettings in memory (not dconf's files or its D-Bus
      // service), GIO without the gvfs daemons.
      GSETTINGS_BACKEND: 'memory',
      GIO_USE_VFS: 'local',
    };
    // WEBKIT_DISABLE_COMPOSITING_MODE=1 is the usual advice for WebKitGTK in
    // VMs, but with WebKitGTK 2.50 under Xvfb it makes WebDriver screenshots
    // hang (so does WEBKIT_DISABLE_DMABUF_RENDERER=1), while the default mode
    // renders fine. So it is opt-in: {disableCompositing: true} or
    // MAGDAY_E2E_DISABLE_COMPOSITING=1.
    if (this.options.disableCompositing) env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && (PASS_EXACT.includes(k) || PASS_PREFIX.test(k))) env[k] = v;
    }
    Object.assign(env, {
      XDG_DATA_HOME: this.dirs.data,
      XDG_CONFIG_HOME: this.dirs.config,
      XDG_CACHE_HOME: this.dirs.cache,
      XDG_STATE_HOME: this.dirs.state,
      XDG_RUNTIME_DIR: this.dirs.runtime,
      MAGDAY_E2E: '1',
    });
    Object.assign(env, this.options.env);
    for (const [k, v] of Object.entries(env)) if (v === undefined || v === null) delete env[k];
    return env;
  }

  /**
   * tauri-driver starts WebKitWebDriver with stdout → /dev/null, and the app
   * inherits that. This wrapper sends WebKitWebDriver's (and so the app's)
   * stdout to stderr, which is our log file.
   */
  #nativeDriverWrapper() {
    const native = this.options.nativeDriver;
    if (!this.options.captureStdout) return native;
    const p = join(this.root, 'native-driver.sh');
    writeFileSync(p, `#!/bin/sh\nexec 1>&2\nexec '${native.replace(/'/g, `'\\''`)}' "$@"\n`, { mode: 0o755 });
    return p;
  }

  async _start() {
    live.add(this);
    installExitHooks();
    const deadline = Date.now() + this.options.startTimeoutMs;
    await this.#spawnDriver(deadline);
    await this.#createSession(Math.max(5_000, deadline - Date.now()));
  }

  /** Start tauri-driver (and WebKitWebDriver) in a process group of their own. */
  async #spawnDriver(deadline) {
    const o = this.options;
    const native = this.#nativeDriverWrapper();
    let lastErr;
    for (let attempt = 1; attempt <= 3 && !this.driverUrl; attempt++) {
      const port = await freePort();
      let nativePort = await freePort();
      while (nativePort === port) nativePort = await freePort();
      const args = ['--port', String(port), '--native-port', String(nativePort), '--native-driver', native];
      this.log(`spawn ${o.tauriDriver} ${args.join(' ')} (attempt ${attempt})`);
      this.log(`app ${this.appPath} data root ${this.root}`);
      // A small sh watchdog leads the process group: it starts tauri-driver and
      // kills the whole group (driver, WebKitWebDriver, app) as soon as this
      // test process is gone (even after SIGKILL, when no exit hook runs) or
      // tauri-driver exits (which would orphan WebKitWebDriver).
      const watchdog =
        'parent=$1; shift; "$@" & driver=$!; ' +
        'while kill -0 "$parent" 2>/dev/null && kill -0 "$driver" 2>/dev/null; do sleep 1; done; ' +
        'echo "[e2e watchdog] test process or tauri-driver gone: killing the process group" >&2; ' +
        'kill -KILL 0';
      const child = spawn('/bin/sh', ['-c', watchdog, 'e2e-watchdog', String(process.pid), o.tauriDriver, ...args], {
        env: this.env,
        cwd: this.root,
        detached: true, // own process group: we kill the group
        stdio: ['ignore', this.logFd, this.logFd],
      });
      child.unref();
      let exited = null;
      child.on('exit', (code, sig) => {
        exited = { code, sig };
        this.log(`tauri-driver (watchdog) exited code=${code} signal=${sig}`);
      });
      child.on('error', (e) => {
        exited = { error: e };
        this.log(`spawn error: ${e.message}`);
      });
      this.driver = child;
      this.pgid = child.pid;
      const url = `http://127.0.0.1:${port}`;
      const nativeUrl = `http://127.0.0.1:${nativePort}`;
      const budget = () => Math.max(1_000, Math.min(20_000, deadline - Date.now()));
      const checkAlive = () => {
        if (exited) throw Object.assign(new Error(`tauri-driver exited early: ${JSON.stringify(exited)}`), { fatal: true });
      };
      try {
        // WebKitWebDriver first (asking tauri-driver before it listens makes
        // tauri-driver log a connection error), then tauri-driver itself.
        await poll(
          async () => {
            checkAlive();
            return (await status(nativeUrl, { timeoutMs: 2_000 }))?.ready !== false;
          },
          { timeout: budget(), interval: 50, what: `WebKitWebDriver to answer GET ${nativeUrl}/status` },
        );
        await poll(
          async () => {
            checkAlive();
            return (await status(url, { timeoutMs: 2_000 }))?.ready !== false;
          },
          { timeout: budget(), interval: 50, what: `tauri-driver to answer GET ${url}/status` },
        );
        this.driverUrl = url;
      } catch (e) {
        lastErr = e;
        this.#killDriverGroup('SIGKILL');
        await sleep(100);
      }
    }
    if (!this.driverUrl) throw this.#withTail(new Error(`could not start tauri-driver: ${lastErr?.message}`));
  }

  #capabilities() {
    return {
      'tauri:options': { application: this.appPath, args: this.options.args },
      ...this.options.capabilities,
    };
  }

  /** Bytes in the log so far (where to look for what happens next). */
  #logSize() {
    try {
      return statSync(this.logPath).size;
    } catch {
      return 0;
    }
  }

  /** Whether the app, since `from` in the log, died because GTK could not open the display. */
  #gtkFailedSince(from) {
    try {
      return readFileSync(this.logPath).subarray(from).toString('utf8').includes(GTK_INIT_FAILED);
    } catch {
      return false;
    }
  }

  async #createSession(timeoutMs, retries = 2) {
    this.log('new session');
    const from = this.#logSize();
    const deadline = Date.now() + timeoutMs;
    try {
      // Under load on Xvfb, an app started right after another exits now and then cannot open
      // the display ("Failed to initialize GTK", Xvfb itself reports nothing), and WebKitWebDriver
      // then waits out its whole timeout. Seen here on one restart in twenty or so under two busy
      // cores; the cause is not found. Watch the log for it and start once more, saying so.
      let watch;
      const crashed = new Promise((_, reject) => {
        watch = setInterval(() => {
          if (this.#gtkFailedSince(from)) reject(Object.assign(new Error(GTK_INIT_FAILED), { gtkInit: true }));
        }, 200);
      });
      const created = newSession(this.driverUrl, this.#capabilities(), {
        timeoutMs,
        ...this.options.sessionOptions,
      });
      created.catch(() => {});
      try {
        this.session = await Promise.race([created, crashed]);
      } finally {
        clearInterval(watch);
      }
    } catch (e) {
      if (e.gtkInit && retries > 0) {
        this.log(`the app could not open the display (${GTK_INIT_FAILED}): restarting the drivers and trying again`);
        process.stderr.write(`[e2e] ${this.name}: the app could not open the display; started again (${retries - 1} retries left)\n`);
        this.#killDriverGroup('SIGKILL');
        const hard = Date.now() + 3_000;
        while (this.pgid && groupAlive(this.pgid) && Date.now() < hard) await sleep(50);
        this.driverUrl = null;
        await sleep(500);
        await this.#spawnDriver(Math.max(Date.now() + 20_000, deadline));
        return this.#createSession(Math.max(5_000, deadline - Date.now()), retries - 1);
      }
      throw this.#withTail(e);
    }
    this.log(`session ${this.session.id}`);
    if (this.options.waitForLoad) {
      await this.session.waitFor(
        async () => (await this.session.executeScript('return document.readyState')) === 'complete',
        { timeout: this.options.loadTimeoutMs, message: 'document.readyState to be "complete"' },
      );
    }
    return this.session;
  }

  #withTail(e) {
    const tail = this.logTail(40);
    e.message += `\n--- log ${this.logPath} (tail) ---\n${tail}\n--- end of log ---`;
    return e;
  }

  /** Pids of the running app process(es) started for this App. */
  appPids() {
    if (!this.pgid) return [];
    let exe = this.options.exe;
    try {
      exe = realpathSync(exe);
    } catch {
      /* keep as is */
    }
    return pidsInGroup(this.pgid, exe);
  }

  /** Wait until the app process is gone; SIGTERM then SIGKILL it after `timeoutMs`. */
  async waitAppExit(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.appPids().length === 0) return true;
      await sleep(100);
    }
    const left = this.appPids();
    this.log(`app still running after ${timeoutMs} ms (pids ${left.join(',')}), terminating`);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    await sleep(1_000);
    for (const pid of this.appPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await sleep(200);
    return false;
  }

  /**
   * Close the app (delete the session) and start it again with the SAME data
   * dirs. Resolves with the new session (also at app.session).
   */
  async restart({ exitTimeoutMs = 15_000, startTimeoutMs = this.options.startTimeoutMs } = {}) {
    if (this.stopped) throw new Error('restart() after stop()');
    this.log('restart: closing app');
    if (this.session) {
      try {
        await this.session.deleteSession({ timeoutMs: exitTimeoutMs });
      } catch (e) {
        this.log(`restart: delete session failed: ${e.message}`);
      }
    }
    this.session = null;
    const clean = await this.waitAppExit(exitTimeoutMs);
    this.log(`restart: app exited ${clean ? 'by itself' : 'after kill'}; starting again`);
    return this.#createSession(startTimeoutMs);
  }

  /** Screenshot into the artifacts dir as <name>-<label>.png; returns the path. */
  async screenshot(label = 'screen') {
    if (!this.session) throw new Error('no session');
    return this.session.screenshot(join(ARTIFACTS_DIR, `${sanitize(this.name)}-${sanitize(label)}.png`));
  }

  /** Last lines of the driver+app log. */
  logTail(lines = 60) {
    return tailFile(this.logPath, lines);
  }

  #killDriverGroup(signal) {
    if (this.pgid) killGroup(this.pgid, signal);
  }

  /** Synchronous last resort (process exit): kill everything, remove temp dirs. */
  _killNow() {
    this.#killDriverGroup('SIGKILL');
    if (!this.options.keepData) {
      try {
        rmSync(this.root, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    }
  }

  /**
   * Close the app and kill tauri-driver, WebKitWebDriver and anything else in
   * their process group; remove the temp root (unless keepData). Idempotent,
   * never throws.
   */
  async stop({ graceMs = 5_000 } = {}) {
    if (this.stopped) return;
    this.stopped = true;
    try {
      if (this.session && this.driverUrl) {
        try {
          await this.session.deleteSession({ timeoutMs: Math.min(graceMs, 5_000) });
        } catch (e) {
          this.log(`stop: delete session failed: ${e.message}`);
        }
      }
      this.session = null;
      if (this.pgid) {
        this.#killDriverGroup('SIGTERM');
        const deadline = Date.now() + graceMs;
        while (groupAlive(this.pgid) && Date.now() < deadline) await sleep(50);
        if (groupAlive(this.pgid)) {
          this.log('stop: process group still alive, SIGKILL');
          this.#killDriverGroup('SIGKILL');
          const hard = Date.now() + 3_000;
          while (groupAlive(this.pgid) && Date.now() < hard) await sleep(50);
        }
      }
      this.log('stopped');
    } finally {
      live.delete(this);
      try {
        closeSync(this.logFd);
      } catch {
        /* closed */
      }
      if (!this.options.keepData) rmSync(this.root, { recursive: true, force: true });
    }
  }
}

/**
 * Start the app under test with a fresh data dir and open a WebDriver session.
 *
 * @param {object} [options]
 * @param {string} [options.app] binary (default $MAGDAY_APP or <repo>/target/debug/magday)
 * @param {string} [options.exe] the executable the app process ends up running, when `app` is a
 *   wrapper script that execs it (default: `app`); restart() waits for that process to exit
 * @param {string[]} [options.args] extra command-line args for the app
 * @param {string} [options.name] label for log/screenshot file names
 * @param {Record<string,string|undefined>} [options.env] extra env for the app (undefined deletes)
 * @param {object} [options.capabilities] extra capabilities (alwaysMatch)
 * @param {number} [options.startTimeoutMs] driver start + session creation (default 60 s)
 * @param {boolean} [options.waitForLoad] wait for document.readyState complete (default true)
 * @param {number} [options.loadTimeoutMs] default 30 s
 * @param {boolean} [options.keepData] keep the temp root after stop (default $MAGDAY_E2E_KEEP=1)
 * @param {boolean} [options.captureStdout] route app stdout into the log (default true)
 * @param {boolean} [options.disableCompositing] set WEBKIT_DISABLE_COMPOSITING_MODE=1
 *   (default $MAGDAY_E2E_DISABLE_COMPOSITING=1; breaks screenshots on WebKitGTK 2.50)
 * @param {object} [options.sessionOptions] passed to newSession (defaultWaitMs, requestTimeoutMs…)
 * @returns {Promise<App>}
 */
export async function startApp(options = {}) {
  const o = {
    app: resolve(options.app ?? DEFAULT_APP),
    exe: resolve(options.exe ?? options.app ?? DEFAULT_APP),
    args: options.args ?? [],
    name: options.name ?? 'app',
    env: options.env ?? {},
    capabilities: options.capabilities ?? {},
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    waitForLoad: options.waitForLoad ?? true,
    loadTimeoutMs: options.loadTimeoutMs ?? 30_000,
    keepData: options.keepData ?? process.env.MAGDAY_E2E_KEEP === '1',
    captureStdout: options.captureStdout ?? true,
    disableCompositing: options.disableCompositing ?? process.env.MAGDAY_E2E_DISABLE_COMPOSITING === '1',
    sessionOptions: options.sessionOptions ?? {},
    tauriDriver: options.tauriDriver ?? findTauriDriver(),
    nativeDriver: options.nativeDriver ?? findNativeDriver(),
  };
  if (!isExecutable(o.app)) {
    throw new Error(
      `app binary ${o.app} is missing or not executable: build it (cargo build) or set MAGDAY_APP to its path`,
    );
  }
  if (!process.env.DISPLAY) {
    throw new Error('DISPLAY is not set: run the tests under xvfb-run -a (see tests/e2e/README.md)');
  }
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    process.emitWarning('DBUS_SESSION_BUS_ADDRESS is not set: run under dbus-run-session for a private session bus');
  }
  const app = new App(o);
  try {
    await app._start();
  } catch (e) {
    await app.stop();
    throw e;
  }
  return app;
}

/**
 * Run `fn(app)` against a freshly started app; on failure save a screenshot
 * and print the log tail; always stop the app.
 * @template T
 * @param {Parameters<typeof startApp>[0]} options
 * @param {(app: App) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withApp(options, fn) {
  const app = await startApp(options);
  try {
    return await fn(app);
  } catch (e) {
    let shot = '';
    try {
      if (app.session) shot = await app.screenshot('failure');
    } catch (se) {
      shot = `(screenshot failed: ${se.message})`;
    }
    process.stderr.write(
      `\n[e2e] ${app.name} failed: ${e?.message}\n[e2e] screenshot: ${shot}\n` +
        `[e2e] log ${app.logPath} (tail):\n${app.logTail(60)}\n[e2e] end of log\n`,
    );
    throw e;
  } finally {
    await app.stop();
  }
}
