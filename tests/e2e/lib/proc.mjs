// Child-process helpers with bounded waits (for helper tools such as gdbus,
// notify-send, dbus-monitor, WebKitWebDriver in the self-tests).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Start a process and collect its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{env?: object, cwd?: string}} [opts]
 */
export function startProcess(cmd, args = [], opts = {}) {
  const child = spawn(cmd, args, {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so kill() takes its children too
  });
  const p = {
    child,
    stdout: '',
    stderr: '',
    exited: null,
    /** Resolves with {code, signal} when the process exits (rejects after timeoutMs). */
    wait(timeoutMs = 10_000) {
      if (p.exited) return Promise.resolve(p.exited);
      return new Promise((res, rej) => {
        const t = setTimeout(
          () => rej(new Error(`${cmd} ${args.join(' ')} still running after ${timeoutMs} ms; stdout: ${p.stdout.slice(-500)} stderr: ${p.stderr.slice(-500)}`)),
          timeoutMs,
        );
        child.once('close', () => {
          clearTimeout(t);
          res(p.exited);
        });
      });
    },
    /** Resolves with the stdout so far once it matches `re` (rejects after timeoutMs). */
    waitForOutput(re, timeoutMs = 10_000) {
      return new Promise((res, rej) => {
        const check = () => {
          if (re.test(p.stdout)) {
            done();
            res(p.stdout);
            return true;
          }
          return false;
        };
        const onData = () => check();
        const onClose = () => {
          if (!check()) {
            done();
            rej(new Error(`${cmd} exited (${JSON.stringify(p.exited)}) before printing ${re}; stdout: ${p.stdout.slice(-1000)} stderr: ${p.stderr.slice(-500)}`));
          }
        };
        const t = setTimeout(() => {
          done();
          rej(new Error(`${cmd} did not print ${re} within ${timeoutMs} ms; stdout: ${p.stdout.slice(-1000)} stderr: ${p.stderr.slice(-500)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(t);
          child.stdout.off('data', onData);
          child.off('close', onClose);
        };
        if (check()) return;
        child.stdout.on('data', onData);
        child.once('close', onClose);
      });
    },
    /** Kill the process group (idempotent). */
    kill(signal = 'SIGTERM') {
      if (p.exited) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* gone */
      }
    },
  };
  child.stdout.setEncoding('utf8').on('data', (d) => (p.stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (p.stderr += d));
  child.on('error', (e) => {
    p.stderr += `\n[spawn error] ${e.message}`;
    if (child.pid === undefined) {
      // never started: no 'close' will follow
      p.exited = { code: null, signal: null, error: e.message };
      child.emit('close', null, null);
    }
  });
  // 'close' comes after 'exit' and after stdout/stderr are drained.
  child.prependListener('close', (code, signal) => {
    p.exited ??= { code, signal };
  });
  return p;
}

/**
 * Run a command to completion. Resolves with {code, signal, stdout, stderr};
 * rejects (after killing it) if it runs longer than timeoutMs, or if it exits
 * non-zero and `check` is true (default).
 */
export async function run(cmd, args = [], { timeoutMs = 15_000, check = true, env, cwd } = {}) {
  const p = startProcess(cmd, args, { env, cwd });
  let exited;
  try {
    exited = await p.wait(timeoutMs);
  } catch (e) {
    p.kill('SIGKILL');
    throw e;
  }
  const result = { ...exited, stdout: p.stdout, stderr: p.stderr };
  if (check && (exited.code !== 0 || exited.signal)) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${JSON.stringify(exited)}): ${p.stderr.trim() || p.stdout.trim()}`);
  }
  return result;
}

/** "1234 (dunst -config …)" from /proc, for messages that name a process. */
export function describeProcess(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').filter(Boolean).join(' ');
    return `${pid} (${cmd.slice(0, 160) || '?'})`;
  } catch {
    return `${pid} (no longer running)`;
  }
}
