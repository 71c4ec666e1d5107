// A fake desktop notification server (org.freedesktop.Notifications) living
// in the test process, on the session bus. Run the tests under
// `dbus-run-session` so that bus is private: the app (a grandchild of
// tauri-driver, with the same DBUS_SESSION_BUS_ADDRESS) then talks to us.
//
//   const notes = await startNotificationServer();
//   ... the app sends a reminder ...
//   const n = await notes.waitForNotification({ summary: /Lunch/ }, 10_000);
//   notes.invokeAction(n.id, 'done');        // as if the user pressed the button
//   await notes.stop();
//
// Spec: https://specifications.freedesktop.org/notification-spec/latest/

import { EventEmitter } from 'node:events';
import dbus from 'dbus-next';
import { describeProcess } from './proc.mjs';

const { Interface } = dbus.interface;

export const BUS_NAME = 'org.freedesktop.Notifications';
export const OBJECT_PATH = '/org/freedesktop/Notifications';
export const INTERFACE_NAME = 'org.freedesktop.Notifications';

/** NotificationClosed reasons (spec). */
export const CloseReason = Object.freeze({ EXPIRED: 1, DISMISSED: 2, CLOSED_BY_CALL: 3, UNDEFINED: 4 });

const DEFAULT_CAPABILITIES = ['actions', 'body', 'persistence'];

/** Variant → plain JS value (recursively), keeping Buffers/bigints as they are. */
export function plain(v) {
  if (v instanceof dbus.Variant) return plain(v.value);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}

function describeNote(n) {
  return `#${n.id} ${JSON.stringify(n.appName)} ${JSON.stringify(n.summary)} / ${JSON.stringify(n.body)} actions=${JSON.stringify(n.actions)}`;
}

/** Object predicate: every given field equals (string/number) or matches (RegExp) / satisfies (fn). */
function toPredicate(p) {
  if (typeof p === 'function') return p;
  if (p === undefined || p === null) return () => true;
  if (typeof p === 'string' || p instanceof RegExp) return toPredicate({ summary: p });
  const entries = Object.entries(p);
  return (n) =>
    entries.every(([k, want]) => {
      const got = n[k];
      if (want instanceof RegExp) return typeof got === 'string' && want.test(got);
      if (typeof want === 'function') return want(got);
      if (typeof want === 'object' && want !== null) return JSON.stringify(got) === JSON.stringify(want);
      return got === want;
    });
}

class NotificationsInterface extends Interface {
  /** @param {NotificationServer} server */
  constructor(server) {
    super(INTERFACE_NAME);
    this.server = server;
  }
  Notify(appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout) {
    return this.server._notify({ appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout });
  }
  GetCapabilities() {
    return this.server.capabilities;
  }
  GetServerInformation() {
    return this.server.serverInformation;
  }
  CloseNotification(id) {
    this.server._closeByCall(id);
  }
  NotificationClosed(id, reason) {
    return [id, reason];
  }
  ActionInvoked(id, actionKey) {
    return [id, actionKey];
  }
  ActivationToken(id, token) {
    return [id, token];
  }
}
NotificationsInterface.configureMembers({
  methods: {
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
    GetCapabilities: { inSignature: '', outSignature: 'as' },
    GetServerInformation: { inSignature: '', outSignature: 'ssss' },
    CloseNotification: { inSignature: 'u', outSignature: '' },
  },
  signals: {
    NotificationClosed: { signature: 'uu' },
    ActionInvoked: { signature: 'us' },
    ActivationToken: { signature: 'us' },
  },
});

/**
 * @typedef {object} NotificationRecord
 * @property {number} id           id returned to the caller
 * @property {number} timestamp    Date.now() when Notify arrived
 * @property {string} appName
 * @property {number} replacesId
 * @property {string} appIcon
 * @property {string} summary
 * @property {string} body
 * @property {string[]} actions    flat list as sent: [key1, label1, key2, label2, …]
 * @property {{key: string, label: string}[]} actionPairs
 * @property {Record<string, unknown>} hints  variant values unwrapped
 * @property {number} expireTimeout
 * @property {boolean} closed
 * @property {number|null} closeReason
 */

export class NotificationServer extends EventEmitter {
  /**
   * @param {object} [o]
   * @param {{ name: string, message: string } | null} [o.refuseNotify] answer every Notify with
   *   this D-Bus error (a server that is there but will not show anything); attempts are kept
   *   in `refused`
   */
  constructor({ capabilities = DEFAULT_CAPABILITIES, serverInformation, refuseNotify = null } = {}) {
    super();
    this.refuseNotify = refuseNotify;
    /** Notify calls answered with `refuseNotify`'s error: { summary, body, timestamp }. */
    this.refused = [];
    this.capabilities = [...capabilities];
    this.serverInformation = serverInformation ?? ['magday-e2e', 'Magday tests', '1.0', '1.2'];
    /** @type {NotificationRecord[]} */
    this.records = [];
    this.nextId = 1;
    this.bus = null;
    this.iface = new NotificationsInterface(this);
  }

  async _start({ busAddress } = {}) {
    const address = busAddress ?? process.env.DBUS_SESSION_BUS_ADDRESS;
    if (!address) {
      throw new Error(
        'DBUS_SESSION_BUS_ADDRESS is not set: run the tests under dbus-run-session (see tests/e2e/README.md)',
      );
    }
    this.bus = dbus.sessionBus({ busAddress: address });
    this.bus.on('error', (e) => this.emit('bus-error', e));
    // Never let a forgotten server keep the test process (and so `node --test`)
    // alive: pending waits hold their own timers. (dbus-next keeps its socket
    // at bus._connection.stream; best effort if that changes.)
    this.bus._connection?.stream?.unref?.();
    // A name already owned means an earlier test's server (or something the host started) is
    // still on this bus: say whose it is rather than take it over or queue behind it.
    const owner = await this.#owner();
    if (owner) {
      this.bus.disconnect();
      this.bus = null;
      throw new Error(
        `could not own ${BUS_NAME} on ${address}: another notification server holds it, ` +
          `connection ${owner.connection} of process ${owner.process}. ` +
          'A notification server from an earlier test, or one the bus activated, is still running.',
      );
    }
    this.bus.export(OBJECT_PATH, this.iface);
    const reply = await withTimeout(
      this.bus.requestName(BUS_NAME, dbus.NameFlag.DO_NOT_QUEUE),
      10_000,
      `requestName ${BUS_NAME}`,
    );
    if (reply !== dbus.RequestNameReply.PRIMARY_OWNER && reply !== dbus.RequestNameReply.ALREADY_OWNER) {
      this.bus.disconnect();
      throw new Error(`could not own ${BUS_NAME} on ${address} (reply ${reply}): another notification server holds it`);
    }
  }

  /** The current owner of the name, with its process, or null when nobody owns it. */
  async #owner() {
    // Every wait here holds a timer: the bus socket is unref'd, so nothing else keeps the test
    // process's event loop alive while the bus answers.
    const bus = await withTimeout(
      this.bus.getProxyObject('org.freedesktop.DBus', '/org/freedesktop/DBus'),
      10_000,
      'the bus object',
    );
    const iface = bus.getInterface('org.freedesktop.DBus');
    const has = await withTimeout(iface.NameHasOwner(BUS_NAME), 10_000, `NameHasOwner ${BUS_NAME}`);
    if (!has) return null;
    let connection = '?';
    let process_ = '?';
    try {
      connection = await withTimeout(iface.GetNameOwner(BUS_NAME), 10_000, `GetNameOwner ${BUS_NAME}`);
      const pid = await withTimeout(iface.GetConnectionUnixProcessID(connection), 10_000, 'GetConnectionUnixProcessID');
      process_ = describeProcess(pid);
    } catch (e) {
      process_ = `unknown (${e.message})`;
    }
    return { connection, process: process_ };
  }

  _notify({ appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout }) {
    if (this.refuseNotify) {
      this.refused.push({ summary, body, timestamp: Date.now() });
      this.emit('refused', { summary, body });
      throw new dbus.DBusError(this.refuseNotify.name, this.refuseNotify.message);
    }
    const existing = replacesId ? this.records.find((r) => r.id === replacesId && !r.closed) : null;
    const id = existing ? replacesId : this.nextId++;
    const actionPairs = [];
    for (let i = 0; i + 1 < actions.length; i += 2) actionPairs.push({ key: actions[i], label: actions[i + 1] });
    /** @type {NotificationRecord} */
    const rec = {
      id,
      timestamp: Date.now(),
      appName,
      replacesId,
      appIcon,
      summary,
      body,
      actions: [...actions],
      actionPairs,
      hints: plain(hints),
      expireTimeout,
      closed: false,
      closeReason: null,
    };
    this.records.push(rec);
    this.emit('notify', rec);
    return id;
  }

  _closeByCall(id) {
    this.#close(id, CloseReason.CLOSED_BY_CALL);
  }

  #close(id, reason) {
    for (const r of this.records) {
      if (r.id === id && !r.closed) {
        r.closed = true;
        r.closeReason = reason;
      }
    }
    this.iface.NotificationClosed(id, reason);
    this.emit('closed', { id, reason });
  }

  /** Every Notify call so far, oldest first (replacements are separate records). */
  all() {
    return [...this.records];
  }

  /** Forget recorded notifications (ids keep increasing). */
  clear() {
    this.records = [];
  }

  /**
   * Resolve with the first recorded notification (already received or
   * arriving within timeoutMs) that matches. `predicate` is a function, or an
   * object of fields to match ({summary: /x/, appName: 'magday'}), or a string
   * / RegExp for the summary.
   * @returns {Promise<NotificationRecord>}
   */
  waitForNotification(predicate, timeoutMs = 10_000) {
    const test = toPredicate(predicate);
    const safe = (r) => {
      try {
        return test(r);
      } catch {
        return false;
      }
    };
    const found = this.records.find(safe);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onNotify = (r) => {
        if (!safe(r)) return;
        clearTimeout(timer);
        this.off('notify', onNotify);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.off('notify', onNotify);
        const seen = this.records.length ? this.records.map(describeNote).join('\n  ') : '(none)';
        reject(
          new Error(
            `no notification matching ${describePredicate(predicate)} within ${timeoutMs} ms; received:\n  ${seen}`,
          ),
        );
      }, timeoutMs);
      this.on('notify', onNotify);
    });
  }

  /**
   * Act as if the user pressed the action button `actionKey` of notification `id`:
   * emits ActionInvoked(id, key), then (unless close: false, or the
   * notification is "resident") NotificationClosed(id, 2 dismissed).
   */
  invokeAction(id, actionKey, { close = true, activationToken } = {}) {
    const rec = [...this.records].reverse().find((r) => r.id === id);
    if (!rec) throw new Error(`invokeAction: no notification with id ${id}`);
    if (!rec.actions.some((a, i) => i % 2 === 0 && a === actionKey)) {
      throw new Error(`invokeAction: notification #${id} has no action ${JSON.stringify(actionKey)} (has ${JSON.stringify(rec.actions)})`);
    }
    if (activationToken) this.iface.ActivationToken(id, activationToken);
    this.iface.ActionInvoked(id, actionKey);
    this.emit('action', { id, actionKey });
    if (close && !rec.hints.resident) this.#close(id, CloseReason.DISMISSED);
  }

  /** The user closed the notification (NotificationClosed reason 2). */
  dismiss(id) {
    this.#close(id, CloseReason.DISMISSED);
  }

  /** The notification timed out (NotificationClosed reason 1). */
  expire(id) {
    this.#close(id, CloseReason.EXPIRED);
  }

  /** Release the name and disconnect. Idempotent. */
  async stop() {
    const bus = this.bus;
    this.bus = null;
    if (!bus) return;
    try {
      await withTimeout(bus.releaseName(BUS_NAME), 3_000, `releaseName ${BUS_NAME}`);
    } catch {
      /* disconnecting releases it anyway */
    }
    try {
      bus.unexport(OBJECT_PATH, this.iface);
    } catch {
      /* ignore */
    }
    bus.disconnect();
  }
}

function describePredicate(p) {
  if (typeof p === 'function') return p.name ? `predicate ${p.name}` : `predicate ${String(p).slice(0, 120)}`;
  if (p instanceof RegExp) return `summary ${p}`;
  if (p && typeof p === 'object') {
    return `{${Object.entries(p).map(([k, v]) => `${k}: ${v instanceof RegExp ? v : JSON.stringify(v)}`).join(', ')}}`;
  }
  return JSON.stringify(p);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Own org.freedesktop.Notifications on the session bus and record every Notify.
 * @param {{capabilities?: string[], serverInformation?: [string,string,string,string], busAddress?: string}} [opts]
 * @returns {Promise<NotificationServer>}
 */
export async function startNotificationServer(opts = {}) {
  const server = new NotificationServer(opts);
  await server._start(opts);
  return server;
}
