// Runs end-to-end test files one after another, each on a D-Bus session bus of its own, started
// from the project's config (dbus/session.conf: no service directories, none of the host's
// files), so a test never meets a notification daemon, dconf, gvfs or an accessibility bus that
// the host happens to have installed, and nothing one file started reaches the next.
//
//   xvfb-run -a node tests/e2e/lane.mjs A record.test.mjs practice.test.mjs
//
// After each file, every process still connected to that file's bus address (found through
// /proc/*/environ) is named and killed before the next file starts. The lane ends with one line
// "e2e-A: N passed, N failed, N skipped" and exits non-zero when any file failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeProcess } from './lib/proc.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const BUS_CONFIG = join(here, 'dbus', 'session.conf');

// What a developer's desktop session puts in the environment, none of which a test may use:
// its display server, its buses, its desktop's name. xvfb-run gives DISPLAY and XAUTHORITY,
// dbus-run-session the session bus.
const HOST_SESSION = [
  'WAYLAND_DISPLAY', 'WAYLAND_SOCKET', 'DBUS_SESSION_BUS_ADDRESS', 'AT_SPI_BUS_ADDRESS',
  'XDG_CURRENT_DESKTOP', 'XDG_SESSION_DESKTOP', 'XDG_SESSION_TYPE', 'XDG_SESSION_ID',
  'XDG_SESSION_CLASS', 'XDG_SEAT', 'XDG_VTNR', 'DESKTOP_SESSION', 'SESSION_MANAGER',
  'GNOME_DESKTOP_SESSION_ID', 'GNOME_SETUP_DISPLAY', 'KDE_FULL_SESSION', 'KDE_SESSION_VERSION',
  'GTK_MODULES', 'QT_ACCESSIBILITY', 'SSH_AUTH_SOCK', 'GPG_AGENT_INFO',
];

/** The environment a lane's tests run in: the caller's, less the host's desktop session. */
export function laneEnv(base = process.env) {
  const env = { ...base };
  for (const k of HOST_SESSION) delete env[k];
  Object.assign(env, {
    NO_AT_BRIDGE: '1', // no accessibility bus
    GSETTINGS_BACKEND: 'memory', // no dconf (neither its files nor its D-Bus service)
    GIO_USE_VFS: 'local', // no gvfs daemons
  });
  return env;
}

/** Pids whose environment names `busAddress` as their session bus (never this process). */
export function pidsOnBus(busAddress) {
  const needle = `DBUS_SESSION_BUS_ADDRESS=${busAddress}`;
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'latin1').split('\0');
      if (env.includes(needle)) out.push(Number(name));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Kill what is left on a finished file's bus; returns the descriptions of what was found. */
async function sweep(busAddress) {
  const left = pidsOnBus(busAddress);
  if (left.length === 0) return [];
  const named = left.map(describeProcess);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline && pidsOnBus(busAddress).length) await sleep(100);
  for (const pid of pidsOnBus(busAddress)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return named;
}

/** Counts from the spec reporter's closing lines ("ℹ pass 3"). */
function counts(output) {
  const n = (word) => Number(output.match(new RegExp(`^ℹ ${word} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { pass: n('pass'), fail: n('fail') + n('cancelled'), skipped: n('skipped') + n('todo') };
}

/** Run one test file on a bus of its own; resolves with its counts and what was swept. */
function runFile(file, env) {
  const scratch = mkdtempSync(join(tmpdir(), 'magday-lane-'));
  const addrFile = join(scratch, 'bus');
  // The child writes its bus address where the sweep can read it, then becomes node --test.
  const args = [
    `--config-file=${BUS_CONFIG}`, '--',
    '/bin/sh', '-c', 'printf %s "$DBUS_SESSION_BUS_ADDRESS" > "$0"; exec "$@"', addrFile,
    process.execPath, '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-timeout=420000', '--test-concurrency=1', file,
  ];
  return new Promise((resolve) => {
    let output = '';
    const child = spawn('dbus-run-session', args, { cwd: here, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('error', (e) => {
      output += `\n${e.message}`;
      process.stderr.write(`[lane] could not start dbus-run-session: ${e.message}\n`);
    });
    child.on('close', async (code, signal) => {
      let busAddress = '';
      try {
        busAddress = readFileSync(addrFile, 'utf8');
      } catch {
        /* the bus never came up */
      }
      const swept = busAddress ? await sweep(busAddress) : [];
      rmSync(scratch, { recursive: true, force: true });
      resolve({ code: code ?? 1, signal, counts: counts(output), swept, busAddress });
    });
  });
}

async function main() {
  const [name, ...files] = process.argv.slice(2);
  if (!name || files.length === 0) {
    console.error('usage: node lane.mjs NAME FILE.test.mjs...');
    process.exit(2);
  }
  if (!process.env.DISPLAY) {
    console.error('[lane] DISPLAY is not set: run the lane under xvfb-run -a');
    process.exit(2);
  }
  const env = laneEnv();
  const total = { pass: 0, fail: 0, skipped: 0 };
  const failedFiles = [];
  for (const file of files) {
    const started = Date.now();
    console.log(`\n[lane ${name}] ${file}: on a private bus (${BUS_CONFIG})`);
    const r = await runFile(file, env);
    total.pass += r.counts.pass;
    total.fail += r.counts.fail;
    total.skipped += r.counts.skipped;
    const failed = r.code !== 0 || r.counts.fail > 0;
    if (failed) {
      failedFiles.push(file);
      // A file that died before reporting any test still counts as a failure.
      if (r.counts.fail === 0) total.fail += 1;
    }
    for (const what of r.swept) console.log(`[lane ${name}] ${file} left a process on its bus, killed: ${what}`);
    const secs = Math.round((Date.now() - started) / 1000);
    console.log(`[lane ${name}] ${file}: ${failed ? 'FAILED' : 'ok'} in ${secs} s (exit ${r.code}${r.signal ? `, ${r.signal}` : ''})`);
  }
  if (failedFiles.length) console.log(`[lane ${name}] failed: ${failedFiles.join(' ')}`);
  console.log(`e2e-${name}: ${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped`);
  process.exit(failedFiles.length ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
