// Smoke test of the harness against the real Magday binary (skipped when it
// is not built). Deliberately UI-agnostic: it checks only what any Magday
// build does — the window loads, renders, keeps its data dir across a restart.

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_APP, appExists, decodePng, distinctColors, withApp } from './lib/index.mjs';

const IDENTIFIER = 'app.magday.companion'; // tauri.conf.json "identifier"

test(
  'the Magday app starts on a fresh data dir, renders, and restarts on the same data',
  { skip: !appExists() && `${DEFAULT_APP} not built (cargo build), or set MAGDAY_APP`, timeout: 120_000 },
  async () => {
    await withApp({ name: 'app-smoke' }, async (app) => {
      const s = app.session;
      assert.equal(s.capabilities.browserName, 'wry');
      await s.waitFor(async () => (await s.executeScript('return document.body.innerText.trim().length')) > 0, {
        timeout: 15_000,
        message: 'the UI to render some text',
      });
      await s.setWindowRect({ width: 390, height: 844 });
      // Let the resized window paint before the screenshot (it can catch a blank frame).
      await s.executeAsyncScript(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)))),
      );
      const shot = decodePng(await app.screenshot('phone'));
      assert.ok(distinctColors(shot) > 3, 'screenshot is not blank');

      // the app keeps its database under Tauri's app data dir: $XDG_DATA_HOME/<identifier>
      const dataDir = join(app.dirs.data, IDENTIFIER);
      const dbFiles = () => (existsSync(dataDir) ? readdirSync(dataDir).filter((n) => n.endsWith('.db')) : []);
      const before = await s.waitFor(() => dbFiles().length > 0 && dbFiles(), {
        timeout: 10_000,
        message: `a *.db file in ${dataDir}`,
      });
      const [pid] = app.appPids();

      await app.restart();
      assert.notDeepEqual(app.appPids(), [pid]);
      assert.deepEqual(dbFiles(), before, 'database kept across restart');
      await app.session.waitFor(
        async () => (await app.session.executeScript('return document.body.innerText.trim().length')) > 0,
        { timeout: 15_000, message: 'the UI to render after restart' },
      );
    });
  },
);
