// Desktop budgets, measured on the real app (design.md §5): cold start to a usable Today screen,
// and CPU while idle between reminders. Not a test: it prints numbers. Run from the repository
// root, after a release build (`ui/node_modules/.bin/tauri build --no-bundle`):
//
//   xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
//     node tests/e2e/bench/desktop.mjs [path/to/magday] [idle-seconds]
//
// Start-up is timed from asking tauri-driver for a session (which launches the app) to the Today
// screen answering with real data, so it includes WebDriver's own overhead (an upper bound).
// Idle CPU is the CPU time of the app and its WebKit processes over a quiet stretch, read from
// /proc, with a protocol set up so the reminder loop runs, and no WebDriver attached.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startApp, REPO_ROOT } from '../lib/index.mjs';
import { middayZone, onboard } from '../magday.mjs';

const app = resolve(process.argv[2] ?? `${REPO_ROOT}/target/release/magday`);
const idleSeconds = Number(process.argv[3] ?? 180);
const runs = 5;
const { tz } = middayZone();

function descendants(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const walk = (pid) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function cpuTicks(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (1/100 s)
    } catch {
      /* gone */
    }
  }
  return total;
}

const times = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const a = await startApp({ app, name: `bench-start-${i}`, env: { TZ: tz }, waitForLoad: false });
  try {
    await a.session.waitForElement('[data-testid=welcome]', { timeout: 30_000 });
    times.push(performance.now() - t0);
  } finally {
    await a.stop();
  }
}
times.sort((x, y) => x - y);
console.log(`cold start to a usable Today screen (${runs} runs, fresh data dir, WebDriver overhead included):`);
console.log(`  median ${times[Math.floor(runs / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[runs - 1].toFixed(0)} ms`);

// Idle: set up a protocol through the UI, then run the app on that data on its own (no
// WebDriver attached, as a user runs it) and read its CPU time over a quiet stretch.
const setup = await startApp({ app, name: 'bench-idle-setup', env: { TZ: tz }, keepData: true });
let dirs;
try {
  await onboard(setup.session, { template: 'nerve', times: ['08:00', '20:00'] });
  dirs = setup.dirs;
} finally {
  await setup.stop();
}
const child = spawn(app, [], {
  env: { ...process.env, TZ: tz, XDG_DATA_HOME: dirs.data, XDG_CONFIG_HOME: dirs.config, XDG_CACHE_HOME: dirs.cache },
  stdio: 'ignore',
});
try {
  await new Promise((r) => setTimeout(r, 15_000));
  const pids = descendants(child.pid);
  const before = new Map(pids.map((p) => [p, cpuTicks([p])]));
  const t = performance.now();
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const seconds = (performance.now() - t) / 1000;
  let used = 0;
  for (const p of pids) {
    const d = (cpuTicks([p]) - before.get(p)) / 100;
    used += d;
    let name = '?';
    try {
      name = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
    } catch {
      /* gone */
    }
    console.log(`  ${name}: ${d.toFixed(2)} s`);
  }
  console.log(`idle for ${seconds.toFixed(0)} s with a protocol set up: ${used.toFixed(2)} s of CPU in ${pids.length} processes`);
  console.log(`  = ${((used / seconds) * 100).toFixed(3)}% of one core (budget: under 0.1%)`);
} finally {
  child.kill('SIGTERM');
  rmSync(setup.root, { recursive: true, force: true });
}
