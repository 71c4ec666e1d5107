// A fake system tray host: an org.kde.StatusNotifierWatcher living in the test process, on the
// test's private session bus, with a host registered. The app's tray (libayatana-appindicator,
// through tauri's tray-icon) registers its StatusNotifierItem with it; the test then reads the
// item's menu over com.canonical.dbusmenu and clicks its entries, as a panel would.
//
//   const tray = await startTrayHost();          // before the app starts
//   ... start the app ...
//   const item = await tray.waitForItem(20_000);
//   const menu = await tray.menu(item);           // [{ id, label, enabled }]
//   await tray.click(item, menu.find((m) => /Mark taken/.test(m.label)).id);
//   await tray.stop();
//
// Specs: https://www.freedesktop.org/wiki/Specifications/StatusNotifierItem/ and
// https://github.com/AyatanaIndicators/libdbusmenu/blob/master/libdbusmenu-glib/dbus-menu.xml

import dbus from 'dbus-next';
import { plain } from './notifications.mjs';

const { Interface } = dbus.interface;
const { Message, Variant } = dbus;

export const WATCHER_NAME = 'org.kde.StatusNotifierWatcher';
export const WATCHER_PATH = '/StatusNotifierWatcher';
const ITEM_IFACE = 'org.kde.StatusNotifierItem';
const MENU_IFACE = 'com.canonical.dbusmenu';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class WatcherInterface extends Interface {
  constructor(host) {
    super(WATCHER_NAME);
    this.host = host;
  }
  get RegisteredStatusNotifierItems() {
    return this.host.items.map((i) => `${i.sender}${i.path}`);
  }
  get IsStatusNotifierHostRegistered() {
    return true;
  }
  get ProtocolVersion() {
    return 0;
  }
  RegisterStatusNotifierHost(_service) {}
  StatusNotifierItemRegistered(service) {
    return service;
  }
  StatusNotifierItemUnregistered(service) {
    return service;
  }
  StatusNotifierHostRegistered() {}
}
WatcherInterface.configureMembers({
  properties: {
    RegisteredStatusNotifierItems: { signature: 'as', access: 'read' },
    IsStatusNotifierHostRegistered: { signature: 'b', access: 'read' },
    ProtocolVersion: { signature: 'i', access: 'read' },
  },
  methods: {
    RegisterStatusNotifierHost: { inSignature: 's', outSignature: '' },
  },
  signals: {
    StatusNotifierItemRegistered: { signature: 's' },
    StatusNotifierItemUnregistered: { signature: 's' },
    StatusNotifierHostRegistered: { signature: '' },
  },
});

/** A dbusmenu layout (ia{sv}av) flattened to its entries, depth first. */
function flatten([id, props, children], out = []) {
  const p = plain(props);
  if (id !== 0 && p.type !== 'separator') {
    out.push({ id, label: (p.label ?? '').replace(/_(.)/g, '$1'), enabled: p.enabled !== false, visible: p.visible !== false });
  }
  for (const c of children ?? []) flatten(plain(c), out);
  return out;
}

export class TrayHost {
  constructor() {
    this.items = [];
    this.iface = new WatcherInterface(this);
    this.waiters = [];
  }

  async _start({ busAddress } = {}) {
    const address = busAddress ?? process.env.DBUS_SESSION_BUS_ADDRESS;
    if (!address) throw new Error('DBUS_SESSION_BUS_ADDRESS is not set: run the tests through lane.mjs');
    this.bus = dbus.sessionBus({ busAddress: address });
    // RegisterStatusNotifierItem needs the caller's unique name, which an exported interface's
    // method does not see: answered here from the raw message.
    this.handler = (msg) => {
      if (msg.interface !== WATCHER_NAME || msg.member !== 'RegisterStatusNotifierItem') return false;
      const [service] = msg.body;
      // Either an object path (on the caller's connection) or a bus name (at the usual path).
      const item = service.startsWith('/')
        ? { sender: msg.sender, path: service }
        : { sender: service, path: '/StatusNotifierItem' };
      this.items.push(item);
      this.bus.send(Message.newMethodReturn(msg, '', []));
      this.iface.StatusNotifierItemRegistered(`${item.sender}${item.path}`);
      for (const w of this.waiters.splice(0)) w();
      return true;
    };
    this.bus.addMethodHandler(this.handler);
    this.bus.export(WATCHER_PATH, this.iface);
    const reply = await this.bus.requestName(WATCHER_NAME, dbus.NameFlag.DO_NOT_QUEUE);
    if (reply !== dbus.RequestNameReply.PRIMARY_OWNER) throw new Error(`could not own ${WATCHER_NAME} (reply ${reply})`);
    // The socket stays referenced (a call awaiting its reply holds no timer): stop() closes it.
  }

  /** The first item registered that `pred` accepts (waits up to `ms`). */
  waitForItem(ms = 20_000, pred = () => true) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no StatusNotifierItem registered within ${ms} ms`)), ms);
      const wait = () => {
        const item = this.items.find(pred);
        if (!item) return this.waiters.push(wait);
        clearTimeout(t);
        resolve(item);
      };
      wait();
    });
  }

  async _call(destination, path, iface, member, signature, body) {
    const reply = await this.bus.call(new Message({ destination, path, interface: iface, member, signature, body }));
    return reply.body;
  }

  /** An item's property (org.kde.StatusNotifierItem). */
  async property(item, name) {
    const [v] = await this._call(item.sender, item.path, 'org.freedesktop.DBus.Properties', 'Get', 'ss', [ITEM_IFACE, name]);
    return plain(v);
  }

  /** The item's menu entries now: [{ id, label, enabled, visible }]. */
  async menu(item) {
    const path = await this.property(item, 'Menu');
    // A panel tells the menu it is about to open (GTK exporters fill lazily on it).
    await this._call(item.sender, path, MENU_IFACE, 'AboutToShow', 'i', [0]).catch(() => {});
    const [, layout] = await this._call(item.sender, path, MENU_IFACE, 'GetLayout', 'iias', [0, -1, []]);
    return flatten(plain(layout)).filter((e) => e.visible);
  }

  /** Wait until `pred(entries)` holds for the item's menu; returns the entries. */
  async waitForMenu(item, pred, ms = 20_000) {
    const end = Date.now() + ms;
    let last = [];
    while (Date.now() < end) {
      last = await this.menu(item).catch(() => last);
      if (pred(last)) return last;
      await sleep(250);
    }
    throw new Error(`the tray menu did not become as expected within ${ms} ms; it shows ${JSON.stringify(last.map((e) => e.label))}`);
  }

  /** Click the menu entry `id`, as a panel does. */
  async click(item, id) {
    const path = await this.property(item, 'Menu');
    const ts = Math.floor(Date.now() / 1000) >>> 0;
    await this._call(item.sender, path, MENU_IFACE, 'Event', 'isvu', [id, 'clicked', new Variant('i', 0), ts]);
  }

  async stop() {
    try {
      this.bus?.removeMethodHandler(this.handler);
      this.bus?.disconnect();
    } catch {
      /* already gone */
    }
    this.bus = null;
  }
}

/** Own org.kde.StatusNotifierWatcher on the session bus, with a host, until stop(). */
export async function startTrayHost(opts = {}) {
  const host = new TrayHost();
  await host._start(opts);
  return host;
}
