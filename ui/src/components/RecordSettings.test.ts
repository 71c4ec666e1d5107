import "../test/ipc";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import RecordSettings from "./RecordSettings.svelte";
import Settings from "../screens/Settings.svelte";
import { answer, calls } from "../test/ipc";
import { backup, backups, deviceSeen, importResult, recordStatus, settings } from "../test/fixtures";
import { dateTime } from "../lib/format";
import { refresh } from "../lib/refresh.svelte";
import type { RecordStatus } from "../lib/bindings";

type Reply = (args: Record<string, unknown> | undefined) => unknown;

/** Answer the record's commands: get_record_status with `status` unless `replies` says otherwise. */
function serve(status: RecordStatus, replies: Record<string, Reply> = {}) {
  answer((cmd, args) => {
    if (replies[cmd]) return replies[cmd](args);
    if (cmd === "get_record_status") return status;
    throw new Error(`unexpected ${cmd}`);
  });
  render(RecordSettings);
}

function sent(cmd: string) {
  return calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}

async function rows() {
  await screen.findAllByTestId("backup-row");
  return screen.getAllByTestId("backup-row");
}

/** An element's text with its white space as a reader sees it. */
function text(el: HTMLElement): string {
  return (el.textContent ?? "").replace(/\s+/g, " ").trim();
}

const refused = (code: string, message: string) => () => {
  throw { code, message, field: null };
};

describe("Backups", () => {
  it("lists each backup newest first with its local time, its reason in words, its size and its entries", async () => {
    const list = [
      backup({ name: "m", taken_at: "2026-11-21T09:30:00Z", reason: "manual", reason_label: "Made by you", bytes: 50 * 1024, events: 124 }),
      backup({ name: "d", taken_at: "2026-11-21T07:00:00Z", reason: "daily", reason_label: "Daily" }),
      backup({ name: "r", taken_at: "2026-11-20T12:00:00Z", reason: "pre_restore", reason_label: "Before a restore", events: 1 }),
      backup({ name: "i", taken_at: "2026-11-20T09:00:00Z", reason: "pre_import", reason_label: "Before an import" }),
      backup({ name: "u", taken_at: "2026-11-19T06:00:00Z", reason: "pre_migration", reason_label: "Before an update", bytes: 2.5 * 1024 * 1024 }),
    ];
    serve(recordStatus({ backups: list }));
    const r = await rows();
    expect(r.map((row) => row.dataset.name)).toEqual(["m", "d", "r", "i", "u"]);
    expect(r[0].textContent).toContain(dateTime("2026-11-21T09:30:00Z"));
    expect(r[0].textContent).toContain("Made by you");
    expect(r[0].textContent).toContain("50 KB · 124 entries");
    expect(r[1].textContent).toContain("Daily");
    expect(r[2].textContent).toContain("Before a restore");
    expect(r[2].textContent).toContain("1 entry");
    expect(r[3].textContent).toContain("Before an import");
    expect(r[4].textContent).toContain("Before an update");
    expect(r[4].textContent).toContain("2.5 MB");
    expect(r[0].textContent).not.toContain("manual");
    expect(text(screen.getByTestId("backups-section"))).toContain(
      "Kept: the last 7 days, 4 weeks, and every backup taken before an update.",
    );
  });

  it("each row's buttons are named after the backup, so a screen reader can tell them apart", async () => {
    serve(recordStatus());
    await rows();
    const names = screen.getAllByTestId("backup-save-copy").map((b) => b.getAttribute("aria-label"));
    expect(new Set(names).size).toBe(backups().length);
    expect(names[0]).toBe(`Save a copy of the backup of ${dateTime(backups()[0].taken_at)}`);
  });

  it("Back up now refreshes the list from the core's answer and says so", async () => {
    const before = recordStatus();
    const fresh = backup({ name: "magday-2026-11-21T120000Z-manual.db", taken_at: "2026-11-21T12:00:00Z", reason: "manual", reason_label: "Made by you" });
    const after = recordStatus({ backups: [fresh, ...backups()] });
    serve(before, { back_up_now: () => after });
    expect((await rows()).length).toBe(4);
    expect(screen.queryByTestId("backup-status")).toBeNull();
    await fireEvent.click(screen.getByTestId("backup-now"));
    await waitFor(() => expect(screen.getAllByTestId("backup-row").length).toBe(5));
    expect(screen.getAllByTestId("backup-row")[0].dataset.name).toBe(fresh.name);
    const status = screen.getByTestId("backup-status");
    expect(status.getAttribute("role")).toBe("status");
    expect(status.textContent).toBe("Backed up");
    expect(sent("back_up_now")).toHaveLength(1);
  });

  it("says so when there is no backup yet", async () => {
    serve(recordStatus({ backups: [] }));
    expect((await screen.findByTestId("no-backups")).textContent).toBe("No backups yet.");
    expect(screen.queryByTestId("backup-row")).toBeNull();
  });

  it("a copy saved names where; a cancelled save shows nothing", async () => {
    let path: string | null = null;
    serve(recordStatus(), { save_backup_copy: () => ({ path }) });
    const second = (await rows())[1];
    await fireEvent.click(within(second).getByTestId("backup-save-copy"));
    await waitFor(() => expect(sent("save_backup_copy")).toEqual([{ input: { name: backups()[1].name } }]));
    await waitFor(() => expect((screen.getByTestId("backup-now") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("backup-copy-result")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();

    path = "/home/ana/Documents/magday-backup.db";
    await fireEvent.click(within(second).getByTestId("backup-save-copy"));
    const saved = await within(second).findByTestId("backup-copy-result");
    expect(saved.textContent?.trim()).toBe("Saved to /home/ana/Documents/magday-backup.db");
  });

  it("Restore… opens a choice that merges by default, sends mode merge and shows what was added", async () => {
    serve(recordStatus(), { restore_backup: () => ({ merged: importResult({ written_at: backups()[1].name }), restarting: false }) });
    const row = (await rows())[1];
    expect(within(row).queryByTestId("restore-confirm")).toBeNull();
    await fireEvent.click(within(row).getByTestId("backup-restore"));
    expect((within(row).getByTestId("restore-merge") as HTMLInputElement).checked).toBe(true);
    expect((within(row).getByTestId("restore-replace") as HTMLInputElement).checked).toBe(false);
    expect(text(row)).toContain("Merge into my record (nothing is lost)");
    expect(sent("restore_backup")).toHaveLength(0);
    await fireEvent.click(within(row).getByTestId("restore-confirm"));
    const result = await within(row).findByTestId("restore-result");
    expect(result.getAttribute("role")).toBe("status");
    expect(result.textContent).toContain("Added 12 entries, 1 protocol version from this backup.");
    expect(sent("restore_backup")).toEqual([{ input: { name: backups()[1].name, mode: "merge" } }]);
    expect(within(row).queryByTestId("restore-confirm")).toBeNull();
    // The list is read again (a backup was taken before the restore).
    expect(sent("get_record_status").length).toBe(2);
  });

  it("a merge that added nothing says nothing was missing", async () => {
    const nothing = { events: 0, versions: 0, courses: 0, settings: 0 };
    serve(recordStatus(), { restore_backup: () => ({ merged: importResult({ added: nothing }), restarting: false }) });
    const row = (await rows())[0];
    await fireEvent.click(within(row).getByTestId("backup-restore"));
    await fireEvent.click(within(row).getByTestId("restore-confirm"));
    expect((await within(row).findByTestId("restore-result")).textContent?.trim()).toBe(
      "Nothing was missing: your record already had everything in this backup.",
    );
  });

  it("replacing needs its explicit choice, says what happens, sends mode replace and shows Restarting…", async () => {
    serve(recordStatus(), { restore_backup: () => ({ merged: null, restarting: true }) });
    const row = (await rows())[2];
    await fireEvent.click(within(row).getByTestId("backup-restore"));
    expect(text(row)).toContain("Your current record is backed up first. Magday restarts.");
    await fireEvent.click(within(row).getByTestId("restore-replace"));
    expect((within(row).getByTestId("restore-merge") as HTMLInputElement).checked).toBe(false);
    await fireEvent.click(within(row).getByTestId("restore-confirm"));
    expect((await within(row).findByTestId("restore-result")).textContent?.trim()).toBe("Restarting…");
    expect(sent("restore_backup")).toEqual([{ input: { name: backups()[2].name, mode: "replace" } }]);
    // Nothing else can be started while the app restarts.
    expect((screen.getByTestId("backup-now") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("import-record") as HTMLButtonElement).disabled).toBe(true);
  });

  it("a refused restore shows the core's message", async () => {
    serve(recordStatus(), { restore_backup: refused("not_found", "That backup is no longer there.") });
    const row = (await rows())[0];
    await fireEvent.click(within(row).getByTestId("backup-restore"));
    await fireEvent.click(within(row).getByTestId("restore-confirm"));
    const err = await screen.findByTestId("record-error");
    expect(err.getAttribute("role")).toBe("alert");
    expect(err.textContent).toBe("That backup is no longer there.");
  });
});

describe("Export and import", () => {
  it("an export names where it was saved; a cancelled one shows nothing", async () => {
    let path: string | null = null;
    serve(recordStatus(), { export_record: () => ({ path }) });
    await fireEvent.click(await screen.findByTestId("export-record"));
    await waitFor(() => expect(sent("export_record")).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId("export-record") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("export-record-result")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();

    path = "/home/ana/magday-record-2026-11-21.magday";
    await fireEvent.click(screen.getByTestId("export-record"));
    const saved = await screen.findByTestId("export-record-result");
    expect(saved.getAttribute("role")).toBe("status");
    expect(saved.textContent).toBe("Saved to /home/ana/magday-record-2026-11-21.magday");
  });

  it("explains the file and that importing twice changes nothing", async () => {
    serve(recordStatus());
    const said = text(await screen.findByTestId("transfer-section"));
    expect(said).toContain("The file holds your whole record");
    expect(said).toContain("importing the same file twice changes nothing");
  });

  it("an import says what it added, from which device and when that file was written", async () => {
    serve(recordStatus(), { import_record: () => ({ result: importResult() }) });
    await fireEvent.click(await screen.findByTestId("import-record"));
    const result = await screen.findByTestId("import-result");
    expect(result.getAttribute("role")).toBe("status");
    expect(result.textContent).toBe(
      `Added 12 entries, 1 protocol version from device phone-7c1e (written ${dateTime("2026-11-20T19:45:00Z")}).`,
    );
    // The backup taken before the import shows once the list is read again.
    await waitFor(() => expect(sent("get_record_status").length).toBe(2));
  });

  it("an import with nothing new says so; a cancelled one shows nothing", async () => {
    const nothing = { events: 0, versions: 0, courses: 0, settings: 0 };
    let result: unknown = null;
    serve(recordStatus(), { import_record: () => ({ result }) });
    await fireEvent.click(await screen.findByTestId("import-record"));
    await waitFor(() => expect(sent("import_record")).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId("import-record") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("import-result")).toBeNull();

    result = importResult({ added: nothing });
    await fireEvent.click(screen.getByTestId("import-record"));
    expect((await screen.findByTestId("import-result")).textContent).toBe(
      "Nothing new: your record already had everything in this file.",
    );
  });

  it("a refused import shows the core's message as an alert", async () => {
    const message = "This file was written by a newer version of Magday: update Magday to import it.";
    serve(recordStatus(), { import_record: refused("newer_format", message) });
    await fireEvent.click(await screen.findByTestId("import-record"));
    const err = await screen.findByTestId("record-error");
    expect(err.getAttribute("role")).toBe("alert");
    expect(err.textContent).toBe(message);
    expect(within(screen.getByTestId("transfer-section")).getByTestId("record-error")).toBe(err);
    expect(screen.queryByTestId("import-result")).toBeNull();
  });
});

describe("Sync between devices", () => {
  const folder = "/home/ana/Sync/Magday";

  it("explains the folder and shows this device", async () => {
    serve(recordStatus());
    const section = await screen.findByTestId("sync-section");
    expect(text(section)).toContain("Syncthing, Nextcloud, iCloud Drive, Dropbox or a USB stick carries between your devices");
    expect(text(section)).toContain("there is no account, and nothing leaves your devices except through that folder");
    expect(screen.getByTestId("sync-device").textContent).toBe("This device: laptop-3fa2");
    expect((screen.getByTestId("sync-folder-input") as HTMLInputElement).value).toBe("");
    expect(screen.queryByTestId("sync-stop")).toBeNull();
    expect(screen.queryByTestId("sync-now")).toBeNull();
    expect(screen.getByLabelText(/Sync folder/)).toBe(screen.getByTestId("sync-folder-input"));
  });

  it("Use this folder sends the typed path, and then stop and sync now are offered", async () => {
    serve(recordStatus(), { set_sync_folder: () => recordStatus({ sync_folder: folder }) });
    const input = await screen.findByTestId("sync-folder-input");
    await fireEvent.input(input, { target: { value: ` ${folder} ` } });
    await fireEvent.click(screen.getByTestId("sync-folder-save"));
    await screen.findByTestId("sync-stop");
    expect(sent("set_sync_folder")).toEqual([{ input: { folder } }]);
    expect(screen.getByTestId("sync-now")).toBeTruthy();
    expect(screen.getByTestId("sync-status").textContent).toBe(`Syncing through ${folder}.`);
  });

  it("the record passphrase is sent as typed, then can be turned off; a short one shows the core's message", async () => {
    serve(recordStatus(), {
      set_record_passphrase: (args) => {
        const p = (args?.input as { passphrase: string | null }).passphrase;
        if (p !== null && p.length < 8) return refused("record_passphrase_too_short", "At least 8 characters.")();
        return recordStatus({ record_passphrase: p !== null });
      },
    });
    const input = await screen.findByTestId("record-passphrase");
    expect(input.getAttribute("type")).toBe("password");
    expect(screen.queryByTestId("record-passphrase-off")).toBeNull();
    await fireEvent.input(input, { target: { value: "short" } });
    await fireEvent.click(screen.getByTestId("record-passphrase-set"));
    expect((await screen.findByTestId("record-error")).textContent).toBe("At least 8 characters.");
    await fireEvent.input(input, { target: { value: "river stones 42" } });
    await fireEvent.click(screen.getByTestId("record-passphrase-set"));
    await screen.findByTestId("record-passphrase-off");
    expect(screen.getByTestId("sync-status").textContent).toBe("Record passphrase set.");
    expect((input as HTMLInputElement).value).toBe("");
    await fireEvent.click(screen.getByTestId("record-passphrase-off"));
    await waitFor(() => expect(screen.queryByTestId("record-passphrase-off")).toBeNull());
    expect(sent("set_record_passphrase")).toEqual([
      { input: { passphrase: "short" } },
      { input: { passphrase: "river stones 42" } },
      { input: { passphrase: null } },
    ]);
  });

  it("a folder the core refuses shows its message as an alert", async () => {
    const message = "Choose a folder that exists on this device (a full path).";
    serve(recordStatus(), { set_sync_folder: refused("invalid_folder", message) });
    await fireEvent.input(await screen.findByTestId("sync-folder-input"), { target: { value: "Sync" } });
    await fireEvent.click(screen.getByTestId("sync-folder-save"));
    const err = await screen.findByTestId("record-error");
    expect(err.getAttribute("role")).toBe("alert");
    expect(err.textContent).toBe(message);
    expect(within(screen.getByTestId("sync-section")).getByTestId("record-error")).toBe(err);
    expect(screen.queryByTestId("sync-stop")).toBeNull();
    // What was typed stays, to be corrected.
    expect((screen.getByTestId("sync-folder-input") as HTMLInputElement).value).toBe("Sync");
  });

  it("Stop syncing sends null and clears the folder", async () => {
    serve(recordStatus({ sync_folder: folder }), { set_sync_folder: () => recordStatus() });
    const input = (await screen.findByTestId("sync-folder-input")) as HTMLInputElement;
    expect(input.value).toBe(folder);
    await fireEvent.click(screen.getByTestId("sync-stop"));
    await waitFor(() => expect(screen.queryByTestId("sync-stop")).toBeNull());
    expect(sent("set_sync_folder")).toEqual([{ input: { folder: null } }]);
    expect(input.value).toBe("");
    expect(screen.queryByTestId("sync-now")).toBeNull();
  });

  it("Choose… opens the system's dialog and shows the folder chosen", async () => {
    serve(recordStatus(), { choose_sync_folder: () => recordStatus({ sync_folder: folder }) });
    await fireEvent.click(await screen.findByTestId("sync-folder-choose"));
    await screen.findByTestId("sync-stop");
    expect(sent("choose_sync_folder")).toHaveLength(1);
    expect((screen.getByTestId("sync-folder-input") as HTMLInputElement).value).toBe(folder);
  });

  it("Sync now asks the core and shows the new last sync", async () => {
    const at = "2026-11-21T10:05:00Z";
    const after = recordStatus({
      sync_folder: folder,
      last_sync: { at, report: { wrote: "laptop-3fa2.magday", files: [], added: { events: 2, versions: 0, courses: 0, settings: 0 }, choices: [] }, error: null },
    });
    serve(recordStatus({ sync_folder: folder }), { sync_now: () => after });
    await fireEvent.click(await screen.findByTestId("sync-now"));
    const last = await screen.findByTestId("sync-last");
    expect(last.textContent).toContain(dateTime(at));
    expect(screen.getByTestId("sync-last-added").textContent).toBe("Added 2 entries.");
    expect(sent("sync_now")).toHaveLength(1);
    expect(screen.getByTestId("sync-status").textContent).toBe("Synced.");
  });

  it("shows the devices seen and the last sync, with each skipped file and why", async () => {
    const at = "2026-11-21T09:00:00Z";
    serve(
      recordStatus({
        sync_folder: folder,
        devices: [deviceSeen(), deviceSeen({ device: "tablet-91d0", written_at: "2026-11-19T20:00:00Z", events: 1 })],
        last_sync: {
          at,
          report: {
            wrote: "laptop-3fa2.magday",
            files: [
              { file: "phone-7c1e.magday", device: "phone-7c1e", written_at: "2026-11-21T08:15:00Z", outcome: "merged", reason: null },
              { file: "tablet-91d0.magday", device: "tablet-91d0", written_at: null, outcome: "skipped", reason: "The file is cut short (still being copied?)." },
              { file: "notes.magday", device: null, written_at: null, outcome: "skipped", reason: "This file belongs to another person's record." },
            ],
            added: { events: 5, versions: 1, courses: 0, settings: 0 },
            choices: [],
          },
          error: null,
        },
      }),
    );
    const devices = await screen.findAllByTestId("sync-device-row");
    expect(devices).toHaveLength(2);
    expect(devices[0].textContent).toContain("phone-7c1e");
    expect(devices[0].textContent).toContain(`last wrote ${dateTime("2026-11-21T08:15:00Z")}`);
    expect(devices[0].textContent).toContain("37 entries");
    expect(devices[1].textContent).toContain("tablet-91d0");
    expect(devices[1].textContent).toContain("1 entry");
    expect(within(screen.getByTestId("sync-devices")).getAllByTestId("sync-device-row")).toHaveLength(2);
    const last = screen.getByTestId("sync-last");
    expect(last.textContent).toContain(dateTime(at));
    expect(screen.getByTestId("sync-last-added").textContent).toBe("Added 5 entries, 1 protocol version.");
    const skipped = screen.getAllByTestId("sync-skipped").map((s) => s.textContent);
    expect(skipped).toEqual([
      "tablet-91d0.magday (tablet-91d0): The file is cut short (still being copied?).",
      "notes.magday: This file belongs to another person's record.",
    ]);
    expect(screen.queryByTestId("sync-last-error")).toBeNull();
  });

  it("a failed last sync shows its error as an alert", async () => {
    const error = "The folder /media/usb/Magday is not there (is the stick plugged in?).";
    serve(recordStatus({ sync_folder: "/media/usb/Magday", last_sync: { at: "2026-11-21T09:00:00Z", report: null, error } }));
    const err = await screen.findByTestId("sync-last-error");
    expect(err.getAttribute("role")).toBe("alert");
    expect(err.textContent).toBe(error);
    expect(screen.queryByTestId("sync-last-added")).toBeNull();
  });
});

describe("A folder with more than one person's record", () => {
  it("asks whose record this device follows, describing each, and sends the choice", async () => {
    const choices = [
      { profile: "c0ffee", devices: ["cccc"], started: "2026-02-16", protocol: "Cara's hands", entries: 40 },
      { profile: "a11ce", devices: ["aaaa", "a2a2"], started: "2026-03-02", protocol: "Ana's nerves", entries: 12 },
    ];
    const asked = recordStatus({
      sync_folder: "/home/ana/Sync/Magday",
      devices: [],
      last_sync: { at: "2026-03-02T09:00:00Z", report: { wrote: "x", files: [], added: { events: 0, versions: 0, courses: 0, settings: 0 }, choices }, error: null },
    });
    answer((cmd) => (cmd === "get_record_status" ? asked : cmd === "follow_record" ? recordStatus() : undefined));
    render(RecordSettings);
    const rows = await screen.findAllByTestId("record-choice");
    expect(rows).toHaveLength(2);
    expect(rows[1].textContent).toContain("Ana's nerves");
    expect(rows[1].textContent).toContain("12 entries");
    expect(rows[1].textContent).toContain("aaaa, a2a2");
    const followBtn = screen.getByTestId("record-choice-follow") as HTMLButtonElement;
    expect(followBtn.disabled).toBe(true);
    await fireEvent.click(rows[1].querySelector("input") as HTMLInputElement);
    await fireEvent.click(followBtn);
    await waitFor(() => expect(calls.some((c) => c.cmd === "follow_record")).toBe(true));
    expect(calls.find((c) => c.cmd === "follow_record")?.args).toEqual({ input: { profile: "a11ce" } });
    expect((await screen.findByTestId("sync-status")).textContent).toContain("follows the record you chose");
  });
});

describe("When the record changed elsewhere", () => {
  it("reads the status again, keeping a folder being typed", async () => {
    let status = recordStatus();
    answer((cmd) => {
      if (cmd === "get_record_status") return status;
      throw new Error(`unexpected ${cmd}`);
    });
    render(RecordSettings);
    await fireEvent.input(await screen.findByTestId("sync-folder-input"), { target: { value: "/home/ana/Syn" } });
    status = recordStatus({ devices: [deviceSeen()] });
    refresh.bump();
    expect(await screen.findByTestId("sync-device-row")).toBeTruthy();
    expect(sent("get_record_status")).toHaveLength(2);
    expect((screen.getByTestId("sync-folder-input") as HTMLInputElement).value).toBe("/home/ana/Syn");
  });
});

describe("Settings", () => {
  it("shows the record's sections after the settings form, before the About link", async () => {
    answer((cmd) => {
      if (cmd === "get_record_status") return recordStatus();
      if (cmd === "get_settings") return settings();
      throw new Error(`not served: ${cmd}`);
    });
    render(Settings);
    const backupsSection = await screen.findByTestId("backups-section");
    const save = screen.getByTestId("save-settings");
    const about = screen.getByTestId("about-link");
    expect(save.compareDocumentPosition(backupsSection) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(backupsSection.compareDocumentPosition(about) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId("transfer-section")).toBeTruthy();
    expect(screen.getByTestId("sync-section")).toBeTruthy();
  });
});
