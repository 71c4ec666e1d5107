import "../test/ipc";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import StartAtLogin from "./StartAtLogin.svelte";
import { answer, calls } from "../test/ipc";

type View = { available: boolean; enabled: boolean; offered: boolean };

/** A shell whose start-at-login state is `v`, changed by set_autostart as the real one does. */
function shell(v: View) {
  answer((cmd, args) => {
    if (cmd === "set_autostart") {
      const input = args?.input as { enabled: boolean };
      Object.assign(v, { enabled: input.enabled, offered: true });
    }
    return { ...v };
  });
}

describe("StartAtLogin", () => {
  it("the setting shows the real state and turns it off and on", async () => {
    shell({ available: true, enabled: true, offered: true });
    render(StartAtLogin, {});
    const box = (await screen.findByTestId("autostart")) as HTMLInputElement;
    await waitFor(() => expect(box.checked).toBe(true));
    await fireEvent.click(box);
    await waitFor(() => expect(calls.at(-1)).toEqual({ cmd: "set_autostart", args: { input: { enabled: false } } }));
    await waitFor(() => expect(box.checked).toBe(false));
  });

  it("is offered once: Yes turns it on and the offer goes; answered, it never comes back", async () => {
    shell({ available: true, enabled: false, offered: false });
    const first = render(StartAtLogin, { offer: true });
    expect((await screen.findByTestId("autostart-offer")).textContent).toContain("start Magday hidden when I log in");
    await fireEvent.click(screen.getByTestId("autostart-yes"));
    await waitFor(() => expect(screen.queryByTestId("autostart-offer")).toBeNull());
    expect(calls.at(-1)).toEqual({ cmd: "set_autostart", args: { input: { enabled: true } } });
    first.unmount();
    render(StartAtLogin, { offer: true });
    await waitFor(() => expect(calls.at(-1)?.cmd).toBe("get_autostart"));
    expect(screen.queryByTestId("autostart-offer")).toBeNull();
  });

  it("No declines without turning it on", async () => {
    shell({ available: true, enabled: false, offered: false });
    render(StartAtLogin, { offer: true });
    await fireEvent.click(await screen.findByTestId("autostart-no"));
    await waitFor(() => expect(screen.queryByTestId("autostart-offer")).toBeNull());
    expect(calls.at(-1)).toEqual({ cmd: "set_autostart", args: { input: { enabled: false } } });
  });

  it("phones show neither the setting nor the offer", async () => {
    shell({ available: false, enabled: false, offered: false });
    render(StartAtLogin, { offer: true });
    render(StartAtLogin, {});
    await waitFor(() => expect(calls.length).toBe(2));
    expect(screen.queryByTestId("autostart-offer")).toBeNull();
    expect(screen.queryByTestId("autostart")).toBeNull();
  });
});
