// What the record settings' sections share: the record's status, the one action at a time they
// run (a restore that restarts Magday keeps them all locked), the section its failure shows in,
// and the sync folder field, which follows the status while it was not edited. A function
// with its state in closures, not a class, so its inner names minify (the size budget).
import { commands, messageOf } from "../../lib/api";
import type { RecordStatus } from "../../lib/bindings";
import { resource } from "../../lib/resource.svelte";

export type Section = "backups" | "transfer" | "sync";
export type RecordPanel = ReturnType<typeof recordPanel>;

export function recordPanel() {
  let folder = $state("");
  let busy = $state(false);
  let restarting = $state(false);
  let error = $state<{ at: Section; text: string } | null>(null);
  // At first, and again whenever the record changed from elsewhere (a sync, an import).
  const status = resource(
    () => commands.getRecordStatus(),
    (st) => {
      if (folder.trim() === (status.value?.sync_folder ?? "")) folder = st.sync_folder ?? "";
    },
  );

  return {
    status,
    get folder() {
      return folder;
    },
    set folder(f) {
      folder = f;
    },
    get error() {
      return error;
    },
    get locked() {
      return busy || restarting;
    },
    restart() {
      restarting = true;
    },
    /** Show a status; the folder field follows it when told to (else while not edited). */
    show(st: RecordStatus, setFolder = false) {
      status.set(st);
      if (setFolder) folder = st.sync_folder ?? "";
    },
    /** Run one action at a time; a failure shows in the section `at`. */
    async act(at: Section, run: () => Promise<void>) {
      if (busy || restarting) return;
      busy = true;
      error = null;
      try {
        await run();
      } catch (e) {
        error = { at, text: messageOf(e) };
      } finally {
        busy = false;
      }
    },
  };
}
