// Today's refill notice links to the supply on Protocol: the section scrolls into view there,
// once its supply is loaded, and only when asked to.
import "../test/ipc";
import { render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import SupplyEditor from "./SupplyEditor.svelte";
import { answer } from "../test/ipc";
import { dayView, settings, stockView } from "../test/fixtures";

function serve() {
  answer((cmd) => {
    if (cmd === "get_day") return dayView({ stock: stockView() });
    if (cmd === "get_settings") return settings();
    throw { code: "unexpected", message: `unexpected command ${cmd}`, field: null };
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("SupplyEditor", () => {
  it("scrolls into view once loaded when asked to", async () => {
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
    serve();
    render(SupplyEditor, { focus: true });
    const section = await screen.findByTestId("supply-section");
    await waitFor(() => expect(scrolled).toEqual([section]));
  });

  it("stays where it is otherwise", async () => {
    const scroll = vi.fn();
    Element.prototype.scrollIntoView = scroll;
    serve();
    render(SupplyEditor);
    await screen.findByTestId("stock-line");
    expect(scroll).not.toHaveBeenCalled();
  });
});
