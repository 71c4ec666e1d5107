import "../test/ipc";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Recovery from "./Recovery.svelte";
import { answer, calls } from "../test/ipc";
import { backup, backups, recoveryView } from "../test/fixtures";
import { dateTime } from "../lib/format";
import type { RecoveryView } from "../lib/bindings";

function serve(view: RecoveryView, recover: () => unknown = () => true) {
  answer((cmd) => {
    if (cmd === "recover") return recover();
    throw new Error(`unexpected ${cmd}`);
  });
  render(Recovery, { view });
}

function radio(row: HTMLElement): HTMLInputElement {
  return within(row).getByRole("radio") as HTMLInputElement;
}

function recovered() {
  return calls.filter((c) => c.cmd === "recover").map((c) => c.args);
}

describe("Recovery", () => {
  it("says plainly what happened, where the damaged file was kept, and that nothing was deleted", () => {
    serve(recoveryView());
    expect(screen.getByTestId("recovery-screen").textContent).toContain("Your record could not be opened");
    expect(screen.getByTestId("recovery-reason").textContent).toContain("the file is damaged");
    expect(screen.getByTestId("recovery-reason").textContent).not.toMatch(/error returned from database|\(code:/);
    expect(screen.getByTestId("recovery-details").textContent).toContain("database disk image is malformed");
    expect(screen.getByTestId("recovery-set-aside").textContent?.replace(/\s+/g, " ").trim()).toBe(
      "The damaged file was kept at /home/ana/.local/share/magday/magday.db.damaged-2026-11-21T100000Z. Nothing was deleted.",
    );
  });

  it("lists the backups newest first with their date, reason and entries, the newest selected", () => {
    const list = backups();
    // Whatever order they arrive in.
    serve(recoveryView({ backups: [list[2], list[0], list[3], list[1]] }));
    const rows = screen.getAllByTestId("recovery-backup");
    expect(rows.map((r) => r.dataset.name)).toEqual(list.map((b) => b.name));
    expect(rows[0].textContent).toContain(dateTime(list[0].taken_at));
    expect(rows[0].textContent).toContain("Made by you");
    expect(rows[0].textContent).toContain("124 entries");
    expect(rows[2].textContent).toContain("Before an update");
    expect(rows[2].textContent).toContain("1 entry");
    expect(rows.map((r) => radio(r).checked)).toEqual([true, false, false, false]);
    expect(screen.queryByTestId("recovery-no-backups")).toBeNull();
  });

  it("restores the newest backup unless another is chosen, then says it restarts", async () => {
    serve(recoveryView());
    await fireEvent.click(screen.getByTestId("recovery-restore"));
    const restarting = await screen.findByTestId("recovery-restarting");
    expect(restarting.getAttribute("role")).toBe("status");
    expect(restarting.textContent).toBe("Restarting…");
    expect(recovered()).toEqual([{ input: { name: backups()[0].name } }]);
    expect(screen.queryByTestId("recovery-restore")).toBeNull();
    expect(screen.queryByTestId("recovery-fresh")).toBeNull();
  });

  it("restores the backup chosen", async () => {
    serve(recoveryView());
    const third = screen.getAllByTestId("recovery-backup")[2];
    await fireEvent.click(radio(third));
    expect(radio(third).checked).toBe(true);
    expect(radio(screen.getAllByTestId("recovery-backup")[0]).checked).toBe(false);
    await fireEvent.click(screen.getByTestId("recovery-restore"));
    await screen.findByTestId("recovery-restarting");
    expect(recovered()).toEqual([{ input: { name: backups()[2].name } }]);
  });

  it("starting with an empty record asks first, and can be taken back", async () => {
    serve(recoveryView());
    await fireEvent.click(screen.getByTestId("recovery-fresh"));
    expect(recovered()).toHaveLength(0);
    expect(screen.getByTestId("recovery-fresh-warning").textContent).toContain("None of your entries will be in it.");
    await fireEvent.click(screen.getByTestId("recovery-fresh-cancel"));
    expect(screen.queryByTestId("recovery-fresh-confirm")).toBeNull();
    await fireEvent.click(screen.getByTestId("recovery-fresh"));
    await fireEvent.click(screen.getByTestId("recovery-fresh-confirm"));
    await screen.findByTestId("recovery-restarting");
    expect(recovered()).toEqual([{ input: { name: null } }]);
  });

  it("without backups it says so and offers only the empty start", async () => {
    serve(recoveryView({ backups: [] }));
    expect(screen.getByTestId("recovery-no-backups").textContent).toContain("There is no backup to restore");
    expect(screen.queryByTestId("recovery-backup")).toBeNull();
    expect(screen.queryByTestId("recovery-restore")).toBeNull();
    await fireEvent.click(screen.getByTestId("recovery-fresh"));
    expect(screen.getByTestId("recovery-fresh-warning").textContent).toContain("The damaged file stays where it is.");
    await fireEvent.click(screen.getByTestId("recovery-fresh-confirm"));
    await screen.findByTestId("recovery-restarting");
    expect(recovered()).toEqual([{ input: { name: null } }]);
  });

  it("a refused recovery shows the message and leaves the choices", async () => {
    serve(recoveryView({ backups: [backup()] }), () => {
      throw { code: "not_found", message: "That backup could not be read: choose another.", field: null };
    });
    await fireEvent.click(screen.getByTestId("recovery-restore"));
    const err = await screen.findByTestId("recovery-error");
    expect(err.getAttribute("role")).toBe("alert");
    expect(err.textContent).toBe("That backup could not be read: choose another.");
    expect(screen.queryByTestId("recovery-restarting")).toBeNull();
    await waitFor(() => expect((screen.getByTestId("recovery-restore") as HTMLButtonElement).disabled).toBe(false));
  });
});
