// Self-test of lib/app.mjs: the full tauri-driver → WebKitWebDriver → "app"
// chain, with the WebKitGTK MiniBrowser standing in for the Magday binary.
// Run under `xvfb-run -a dbus-run-session --` (see README.md).

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startApp, withApp, ARTIFACTS_DIR } from './lib/app.mjs';
import { decodePng, distinctColors } from './lib/png.mjs';
import { startProcess } from './lib/proc.mjs';
import { MINIBROWSER, MINIBROWSER_ARGS, requireMiniBrowser, serveSite } from './fixtures/site.mjs';

const APP = { app: MINIBROWSER, args: MINIBROWSER_ARGS };

function environOf(pid) {
  return Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids whose command line contains `needle` (a unique marker). */
function pidsWithArg(needle) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').includes(needle)) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('app lifecycle through tauri-driver (MiniBrowser as the app)', { timeout: 170_000 }, () => {
  let site;
  before(async () => {
    assert.ok(process.env.DISPLAY, 'run under xvfb-run -a');
    requireMiniBrowser();
    site = await serveSite();
  });
  after(async () => {
    await site?.close();
  });

  it('starts with fresh XDG dirs, restarts on the same data, and stops everything', async () => {
    const app = await startApp({ ...APP, name: 'selftest-lifecycle' });
    let root;
    let pgid;
    try {
      root = app.root;
      pgid = app.pgid;
      // fresh, private data dirs, handed to the app process
      for (const d of Object.values(app.dirs)) assert.ok(d.startsWith(`${root}/`));
      assert.deepEqual(readdirSync(app.dirs.config), []);
      const [pid1] = app.appPids();
      assert.ok(pid1 > 0, 'app process found in the driver process group');
      const env = environOf(pid1);
      assert.equal(env.XDG_DATA_HOME, app.dirs.data);
      assert.equal(env.XDG_CONFIG_HOME, app.dirs.config);
      assert.equal(env.XDG_CACHE_HOME, app.dirs.cache);
      assert.equal(env.DISPLAY, process.env.DISPLAY);
      assert.equal(env.DBUS_SESSION_BUS_ADDRESS, process.env.DBUS_SESSION_BUS_ADDRESS);
      assert.equal(env.TAURI_WEBVIEW_AUTOMATION, 'true'); // set by tauri-driver for the app
      assert.equal(env.WEBKIT_DISABLE_COMPOSITING_MODE, process.env.WEBKIT_DISABLE_COMPOSITING_MODE);

      // drive it
      await app.session.navigate(site.url);
      await app.session.click('[data-testid=inc]');
      assert.equal(await app.session.getText('[data-testid=count]'), '1');
      await app.session.setWindowRect({ width: 390, height: 844 });
      const shot = await app.screenshot('phone');
      assert.equal(shot, join(ARTIFACTS_DIR, 'selftest-lifecycle-phone.png'));
      assert.ok(distinctColors(decodePng(shot)) > 3);

      // something "the app" saved survives the restart; the process does not
      writeFileSync(join(app.dirs.data, 'saved.txt'), 'kept');
      const oldSession = app.session.id;
      await app.restart();
      assert.notEqual(app.session.id, oldSession);
      const pids2 = app.appPids();
      assert.equal(pids2.length, 1);
      assert.notEqual(pids2[0], pid1);
      assert.equal(existsSync(`/proc/${pid1}/exe`), false, 'first app process is gone');
      assert.equal(environOf(pids2[0]).XDG_DATA_HOME, app.dirs.data);
      assert.equal(readFileSync(join(app.dirs.data, 'saved.txt'), 'utf8'), 'kept');
      await app.session.navigate(site.url);
      assert.equal(await app.session.getText('[data-testid=count]'), '0');

      const log = readFileSync(app.logPath, 'utf8');
      assert.match(log, /spawn .*tauri-driver --port \d+ --native-port \d+/);
      assert.match(log, /restart: app exited by itself/);
    } finally {
      await app.stop();
    }
    assert.equal(groupAlive(pgid), false, 'tauri-driver process group is gone');
    assert.equal(existsSync(root), false, 'temp root removed');
    await app.stop(); // idempotent
    assert.match(app.logTail(5), /stopped/);
  });

  it('withApp stops the app, saves a screenshot and rethrows when the test body fails', async () => {
    let pgid;
    let seen;
    await assert.rejects(
      withApp({ ...APP, name: 'selftest-failing' }, async (app) => {
        pgid = app.pgid;
        seen = app;
        await app.session.navigate(site.url);
        await app.session.waitFor('[data-testid=does-not-exist]', 500);
      }),
      /Timed out .* "\[data-testid=does-not-exist\]".*last seen: no element matched/,
    );
    assert.equal(groupAlive(pgid), false);
    assert.equal(existsSync(seen.root), false);
    assert.ok(existsSync(join(ARTIFACTS_DIR, 'selftest-failing-failure.png')));
    assert.equal(await withApp({ ...APP, name: 'selftest-ok' }, async () => 'value'), 'value');
  });

  it('an app that never comes up fails startApp within its timeout and is killed', async () => {
    const marker = String(Date.now() % 100000) + '.25'; // unique sleep duration
    const started = Date.now();
    await assert.rejects(
      startApp({ app: '/bin/sleep', args: [marker], name: 'selftest-hung', startTimeoutMs: 6_000 }),
      (e) => {
        assert.match(e.message, /POST \/session/);
        assert.match(e.message, /--- log .* \(tail\) ---/);
        return true;
      },
    );
    const took = Date.now() - started;
    assert.ok(took < 20_000, `took ${took} ms`);
    await sleep(200);
    assert.deepEqual(pidsWithArg(marker), [], 'the hung "app" was killed');
  });

  it("the app's stdout and stderr go to the log file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'magday-e2e-wrapper-'));
    try {
      const wrapper = join(dir, 'fake-app');
      writeFileSync(
        wrapper,
        `#!/bin/sh\necho "out: XDG_DATA_HOME=$XDG_DATA_HOME"\necho "err: hello" >&2\nexec ${MINIBROWSER} "$@"\n`,
        { mode: 0o755 },
      );
      await withApp({ app: wrapper, args: MINIBROWSER_ARGS, name: 'selftest-stdout' }, async (app) => {
        const log = readFileSync(app.logPath, 'utf8');
        assert.ok(log.includes(`out: XDG_DATA_HOME=${app.dirs.data}`), log);
        assert.match(log, /^err: hello$/m);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing binary is reported with a hint', async () => {
    await assert.rejects(
      startApp({ app: '/nonexistent/magday', name: 'selftest-missing' }),
      /\/nonexistent\/magday is missing or not executable: build it \(cargo build\) or set MAGDAY_APP/,
    );
  });

  it('tauri-driver and the app are killed when the test process dies without stop()', async () => {
    const lib = fileURLToPath(new URL('./lib/app.mjs', import.meta.url));
    const script = `
      import { startApp } from ${JSON.stringify(lib)};
      const app = await startApp(${JSON.stringify({ ...APP, name: 'selftest-orphan' })});
      console.log(JSON.stringify({ pgid: app.pgid, pids: app.appPids(), root: app.root }));
      if (process.argv.at(-1) === 'exit') process.exit(3); // argv: [node, mode] with -e
      setInterval(() => {}, 1000); // wait to be killed
    `;
    // exit: 'exit' hook; sigterm: signal hook; sigkill: no hook runs, the
    // sh watchdog leading the driver's process group notices within ~1 s.
    for (const mode of ['exit', 'sigterm', 'sigkill']) {
      const child = startProcess(process.execPath, ['--input-type=module', '-e', script, mode]);
      try {
        const out = await child.waitForOutput(/"pgid"/, 60_000);
        const info = JSON.parse(out.trim().split('\n').pop());
        assert.equal(info.pids.length, 1);
        if (mode === 'sigterm') child.child.kill('SIGTERM');
        if (mode === 'sigkill') child.child.kill('SIGKILL');
        await child.wait(15_000);
        const deadline = Date.now() + 8_000;
        while (groupAlive(info.pgid) && Date.now() < deadline) await sleep(50);
        assert.equal(groupAlive(info.pgid), false, `${mode}: driver group gone`);
        assert.equal(existsSync(`/proc/${info.pids[0]}/exe`), false, `${mode}: app gone`);
        if (mode !== 'sigkill') assert.equal(existsSync(info.root), false, `${mode}: temp root removed`);
        else rmSync(info.root, { recursive: true, force: true }); // nobody left to do it
      } finally {
        child.kill('SIGKILL');
      }
    }
  });
});
