import "../test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import AppLock from "./AppLock.svelte";
import { answer, calls } from "../test/ipc";
import { lockStatus } from "../test/fixtures";
import { session } from "../lib/lock";
import type { LockStatus } from "../lib/bindings";

let reload: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  reload = vi.spyOn(session, "reload").mockImplementation(() => {});
  session.enabled = false;
});
afterEach(() => reload.mockRestore());

const refusal = (code: string, message: string, field: string | null = null) => ({ code, message, field, details: null });

/** A shell whose lock is `st`, changed by the lock's commands as the real one does. */
function shell(st: LockStatus, refuse: (cmd: string, input: Record<string, unknown>) => object | null = () => null) {
  answer((cmd, args) => {
    const input = (args?.input ?? {}) as Record<string, unknown>;
    const no = refuse(cmd, input);
    if (no) throw no;
    switch (cmd) {
      case "get_lock_status":
        return { ...st };
      case "set_lock":
        Object.assign(st, { enabled: true, idle_minutes: input.idle_minutes });
        return { status: { ...st }, recovery_code: "ABCD-EFGH-IJKL-MNOP-QRST" };
      case "update_lock":
        st.idle_minutes = input.idle_minutes as number;
        return { ...st };
      case "turn_off_lock":
        st.enabled = false;
        return { ...st };
      case "lock_now":
        return { ...st, locked: true };
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
}

async function type(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe("AppLock", () => {
  it("says what the lock protects and what not", async () => {
    shell(lockStatus());
    render(AppLock, {});
    const text = (await screen.findByTestId("app-lock")).textContent?.replace(/\s+/g, " ");
    expect(text).toContain("someone at your unlocked computer or phone from opening Magday");
    expect(text).toContain("someone who can read your files");
    expect(text).toContain("disk encryption");
  });

  it("turns on only with the passphrase typed twice alike, then shows the recovery code once", async () => {
    const st = lockStatus();
    shell(st);
    render(AppLock, {});
    const idle = (await screen.findByLabelText("Lock after this many minutes without use")) as HTMLInputElement;
    expect(idle.value).toBe("5");
    await type("lock-new", "blue horse");
    await type("lock-again", "blue hose");
    await fireEvent.click(screen.getByText("Turn on the lock"));
    const differ = await screen.findByTestId("lock-again-err");
    expect(differ.textContent).toBe("The two passphrases differ.");
    expect(differ.getAttribute("role")).toBe("alert");
    expect(screen.getByTestId("lock-again").getAttribute("aria-describedby")).toBe("lock-again-err");
    expect(sent("set_lock")).toEqual([]);

    await type("lock-again", "blue horse");
    await type("lock-idle", "10");
    await fireEvent.click(screen.getByText("Turn on the lock"));
    expect((await screen.findByTestId("recovery-code")).textContent).toBe("ABCD-EFGH-IJKL-MNOP-QRST");
    expect(sent("set_lock")).toEqual([{ input: { current: null, passphrase: "blue horse", idle_minutes: 10 } }]);
    expect(screen.queryByTestId("lock-again-err")).toBeNull();
    expect(screen.getByTestId("recovery-code-box").textContent).toContain("If you forget the passphrase");
    expect(screen.getByText("Save as a file")).toBeTruthy();
    // The lock is on: input now counts as activity.
    expect(session.enabled).toBe(true);

    await fireEvent.click(screen.getByText("I have kept it"));
    expect(screen.queryByTestId("recovery-code")).toBeNull();
    expect(screen.getByTestId("app-lock").textContent).not.toContain("ABCD-EFGH");
    expect(screen.getByText("On: Magday locks after 10 minutes without use.")).toBeTruthy();
    expect(screen.getByText("Lock now")).toBeTruthy();
  });

  it("shows the shell's length rule on the passphrase field", async () => {
    shell(lockStatus(), (cmd) =>
      cmd === "set_lock" ? refusal("passphrase_too_short", "A passphrase needs at least 6 characters.", "passphrase") : null,
    );
    render(AppLock, {});
    await screen.findByTestId("lock-new");
    await type("lock-new", "abc");
    await type("lock-again", "abc");
    await fireEvent.click(screen.getByText("Turn on the lock"));
    expect((await screen.findByTestId("lock-passphrase-err")).textContent).toBe("A passphrase needs at least 6 characters.");
    expect(screen.queryByTestId("recovery-code")).toBeNull();
    expect(screen.queryByTestId("lock-error")).toBeNull();
  });

  it("on: locks now, changes the minutes and the passphrase, and turns off with the passphrase", async () => {
    const st = lockStatus({ enabled: true, idle_minutes: 15 });
    shell(st, (cmd, input) =>
      cmd === "turn_off_lock" && input.passphrase !== "blue horse" ? refusal("wrong_passphrase", "Wrong passphrase: 4 tries left.") : null,
    );
    render(AppLock, {});
    await fireEvent.click(await screen.findByText("Lock now"));
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(sent("lock_now")).toHaveLength(1);

    await type("lock-idle", "30");
    await fireEvent.click(screen.getByTestId("lock-idle-save"));
    await screen.findByText("On: Magday locks after 30 minutes without use.");
    expect(sent("update_lock")).toEqual([{ input: { idle_minutes: 30 } }]);

    await type("lock-current", "blue horse");
    await type("lock-new", "green tractor");
    await type("lock-again", "green tractor");
    await fireEvent.click(screen.getByText("Change the passphrase"));
    await screen.findByTestId("recovery-code");
    expect(sent("set_lock")).toEqual([{ input: { current: "blue horse", passphrase: "green tractor", idle_minutes: 30 } }]);
    await fireEvent.click(screen.getByText("I have kept it"));

    await type("lock-current", "wrong");
    await fireEvent.click(screen.getByText("Turn the lock off"));
    expect((await screen.findByTestId("lock-current-err")).textContent).toBe("Wrong passphrase: 4 tries left.");
    expect(st.enabled).toBe(true);
    await type("lock-current", "blue horse");
    await fireEvent.click(screen.getByText("Turn the lock off"));
    await screen.findByText("Turn on the lock");
    expect(sent("turn_off_lock").at(-1)).toEqual({ input: { passphrase: "blue horse" } });
    expect(session.enabled).toBe(false);
  });

  it("a refusal about no field shows below, and the status's notice shows", async () => {
    shell(lockStatus({ enabled: true, notice: "Three wrong tries since the last unlock." }), (cmd) =>
      cmd === "turn_off_lock" ? refusal("lock_wait", "Too many wrong tries: try again in 30 seconds.") : null,
    );
    render(AppLock, {});
    expect((await screen.findByTestId("lock-notice")).textContent).toBe("Three wrong tries since the last unlock.");
    await fireEvent.click(screen.getByText("Turn the lock off"));
    expect((await screen.findByTestId("lock-error")).textContent).toBe("Too many wrong tries: try again in 30 seconds.");
  });
});
