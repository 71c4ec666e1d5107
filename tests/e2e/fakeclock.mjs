// The real app on a fake clock: libfaketime preloaded into the app's process only (and the
// WebKit processes it starts); tauri-driver, WebKitWebDriver and the tests run on the real one.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { DEFAULT_APP } from './lib/index.mjs';

/** libfaketime's multi-threaded library (Debian's `faketime` package), or null. */
export function libfaketime() {
  for (const arch of ['x86_64-linux-gnu', 'aarch64-linux-gnu']) {
    const p = `/usr/lib/${arch}/faketime/libfaketimeMT.so.1`;
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * The real clock, in ms. When the whole test command runs on a faked clock (tests/run-all.sh
 * with MAGDAY_FAKETIME), this process inherits libfaketime with a fixed offset in seconds.
 */
export function realNow() {
  const inherited = process.env.LD_PRELOAD?.includes('faketime') ? process.env.FAKETIME ?? '' : '';
  return Date.now() - (/^[+-]?\d+$/.test(inherited) ? Number(inherited) * 1000 : 0);
}

/**
 * Write `path`: an executable that starts the app with its clock at `instant` (RFC 3339), as a
 * fixed offset from the real clock, so the app and its web process agree and time runs on.
 */
export function appAt(path, instant, app = DEFAULT_APP) {
  const lib = libfaketime();
  assert.ok(lib, 'libfaketime is installed (bash src-tauri/scripts/install-deps.sh test)');
  const offset = Math.round((Date.parse(instant) - realNow()) / 1000);
  writeFileSync(
    path,
    `#!/bin/sh\nexport LD_PRELOAD='${lib}'\nexport FAKETIME='${offset >= 0 ? '+' : ''}${offset}'\nexec '${app}' "$@"\n`,
    { mode: 0o755 },
  );
  return path;
}
