import "../test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import LockScreen from "./LockScreen.svelte";
import { answer, calls, type Handler } from "../test/ipc";
import { lockStatus } from "../test/fixtures";
import { session } from "../lib/lock";
import type { LockStatus } from "../lib/bindings";

const locked = (over: Partial<LockStatus> = {}) => lockStatus({ enabled: true, locked: true, ...over });

let reload: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  reload = vi.spyOn(session, "reload").mockImplementation(() => {});
});
afterEach(() => {
  reload.mockRestore();
  vi.useRealTimers();
});

/** The shell while locked: `get_lock_status` answers `status`; `more` answers the rest. */
function shell(status: () => LockStatus, more: Handler) {
  answer((cmd, args) => (cmd === "get_lock_status" ? status() : more(cmd, args)));
}

const refuse = (code: string, message: string, field: string | null = null) => {
  throw { code, message, field, details: null };
};

async function type(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe("LockScreen", () => {
  it("names the app, has a labelled passphrase field with focus, and unlocks with it", async () => {
    shell(locked, (cmd) => {
      if (cmd === "unlock") return lockStatus({ enabled: true });
      throw new Error(`unexpected ${cmd}`);
    });
    render(LockScreen, { status: locked() });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toContain("Magday");
    const field = screen.getByLabelText("Passphrase") as HTMLInputElement;
    expect(field.type).toBe("password");
    expect(field.autocomplete).toBe("current-password");
    expect(document.activeElement).toBe(field);
    await type("lock-passphrase", "blue horse");
    // By keyboard: Enter in the field submits.
    await fireEvent.submit(field.form!);
    await vi.waitFor(() => expect(reload).toHaveBeenCalled());
    expect(calls.find((c) => c.cmd === "unlock")?.args).toEqual({ input: { passphrase: "blue horse" } });
  });

  it("a wrong passphrase shows the shell's message as an alert and stays locked", async () => {
    shell(locked, () => refuse("wrong_passphrase", "Wrong passphrase: 4 tries left."));
    render(LockScreen, { status: locked() });
    await type("lock-passphrase", "nope");
    await fireEvent.click(screen.getByTestId("unlock"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Wrong passphrase: 4 tries left.");
    expect(screen.queryByTestId("lock-wait")).toBeNull();
    expect((screen.getByTestId("unlock") as HTMLButtonElement).disabled).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });

  it("after too many tries the button waits, counting down the shell's seconds", async () => {
    vi.useFakeTimers();
    let status = locked();
    shell(
      () => status,
      () => {
        status = locked({ wait_seconds: 3, failed_tries: 5 });
        return refuse("lock_wait", "Too many wrong tries: try again in 3 seconds.");
      },
    );
    render(LockScreen, { status: locked() });
    await type("lock-passphrase", "nope");
    await fireEvent.click(screen.getByTestId("unlock"));
    await vi.waitFor(() => expect(screen.getByTestId("lock-wait").textContent).toBe("Try again in 3 seconds."));
    expect(screen.getByRole("alert").textContent).toContain("Too many wrong tries");
    const button = screen.getByTestId("unlock") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(screen.getByTestId("lock-wait").textContent).toBe("Try again in 2 seconds.");
    // No try is sent while waiting, even by Enter.
    await fireEvent.submit(button.form!);
    expect(calls.filter((c) => c.cmd === "unlock")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(screen.queryByTestId("lock-wait")).toBeNull();
    expect(button.disabled).toBe(false);
  });

  it("a wait already running at start is counted down from the status", async () => {
    vi.useFakeTimers();
    shell(locked, () => refuse("unexpected", "unexpected"));
    render(LockScreen, { status: locked({ wait_seconds: 42 }) });
    expect(screen.getByTestId("lock-wait").textContent).toBe("Try again in 42 seconds.");
    expect((screen.getByTestId("unlock") as HTMLButtonElement).disabled).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(screen.getByTestId("lock-wait").textContent).toBe("Try again in 40 seconds.");
  });

  it("the recovery code sets a new passphrase, then the new code shows once with Save as a file and Done", async () => {
    shell(locked, (cmd, args) => {
      if (cmd === "unlock_with_recovery") return { status: lockStatus({ enabled: true }), recovery_code: "NEW1-NEW2-NEW3-NEW4-NEW5" };
      if (cmd === "save_recovery_code") return { path: "/home/ana/magday-recovery-code.txt" };
      throw new Error(`unexpected ${cmd} ${JSON.stringify(args)}`);
    });
    render(LockScreen, { status: locked() });
    await fireEvent.click(screen.getByText("Forgot the passphrase? Use the recovery code"));
    const code = screen.getByLabelText("Recovery code");
    expect(document.activeElement).toBe(code);
    expect((screen.getByLabelText("New passphrase") as HTMLInputElement).autocomplete).toBe("new-password");
    await type("lock-code", " OLD1-OLD2-OLD3-OLD4-OLD5 ");
    await type("lock-passphrase", "green tractor");
    await fireEvent.click(screen.getByTestId("unlock"));
    expect((await screen.findByTestId("recovery-code")).textContent).toBe("NEW1-NEW2-NEW3-NEW4-NEW5");
    expect(calls.find((c) => c.cmd === "unlock_with_recovery")?.args).toEqual({
      input: { code: "OLD1-OLD2-OLD3-OLD4-OLD5", passphrase: "green tractor" },
    });
    // Shown, not yet left behind: the page starts afresh only on Done.
    expect(reload).not.toHaveBeenCalled();
    expect(screen.queryByTestId("lock-passphrase")).toBeNull();
    await fireEvent.click(screen.getByText("Save as a file"));
    await vi.waitFor(() =>
      expect(screen.getByTestId("recovery-code-saved").textContent).toBe("Saved to /home/ana/magday-recovery-code.txt"),
    );
    expect(calls.find((c) => c.cmd === "save_recovery_code")?.args).toEqual({ input: { code: "NEW1-NEW2-NEW3-NEW4-NEW5" } });
    await fireEvent.click(screen.getByText("Done"));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("a wrong recovery code says so, and the passphrase path is one click back", async () => {
    shell(locked, () => refuse("wrong_recovery_code", "That recovery code is not right."));
    render(LockScreen, { status: locked() });
    await fireEvent.click(screen.getByTestId("lock-recover"));
    await type("lock-code", "WRONG");
    await type("lock-passphrase", "green tractor");
    await fireEvent.click(screen.getByTestId("unlock"));
    expect((await screen.findByRole("alert")).textContent).toBe("That recovery code is not right.");
    expect(screen.queryByTestId("recovery-code")).toBeNull();
    await fireEvent.click(screen.getByText("Back to the passphrase"));
    expect(screen.queryByLabelText("Recovery code")).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText("Passphrase"));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
