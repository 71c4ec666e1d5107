import "../test/ipc";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Protocol from "./Protocol.svelte";
import { answer, calls } from "../test/ipc";
import { dayView, protocolView, settings, setupOptions, stockView } from "../test/fixtures";
import type { DayView, ProtocolView, Settings, StockInput, StockView } from "../lib/bindings";
import { shortDay } from "../lib/format";
import { refresh } from "../lib/refresh.svelte";

type Serve = {
  protocol?: ProtocolView;
  stock?: StockView | null;
  updateStock?: (input: StockInput) => DayView;
  stored?: Settings;
};

/** The core as the Protocol screen talks to it; `stored` is the settings, changed by updates. */
function serve(o: Serve = {}) {
  const state = { stock: o.stock === undefined ? null : o.stock, stored: o.stored ?? settings() };
  answer((cmd, args) => {
    const input = (args as { input: unknown } | undefined)?.input;
    switch (cmd) {
      case "get_protocol":
        return o.protocol ?? protocolView();
      case "get_setup_options":
        return setupOptions();
      case "get_day":
        return dayView({ stock: state.stock });
      case "get_settings":
        return state.stored;
      case "update_settings":
        state.stored = input as Settings;
        return state.stored;
      case "update_stock": {
        if (!o.updateStock) throw { code: "unexpected", message: "unexpected update_stock", field: null };
        const day = o.updateStock(input as StockInput);
        state.stock = day.stock;
        return day;
      }
    }
    throw { code: "unexpected", message: `unexpected command ${cmd}`, field: null };
  });
  return state;
}

const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => (c.args as { input: unknown }).input);

describe("Protocol: supply", () => {
  it("before a count, offers the count and explains, with no refill", async () => {
    serve();
    render(Protocol);
    const section = await screen.findByTestId("supply-section");
    expect(section.textContent).toContain("Each dose you tick as taken counts down what you have; undoing it gives it back.");
    expect((await screen.findByTestId("stock-none")).textContent).toContain("Not counted yet");
    expect(screen.getByTestId("stock-count-save")).toBeTruthy();
    expect(screen.queryByTestId("stock-refill-units")).toBeNull();
    expect(screen.queryByTestId("stock-refill-save")).toBeNull();
    expect(sent("get_day")).toEqual([{ day: null }]);
  });

  it("a count sends the units and the unit, and shows the supply it answers with, refill now offered", async () => {
    serve({
      updateStock: (i) =>
        dayView({
          stock: stockView({
            on_hand: i.units,
            unit: i.unit ?? "capsules",
            per_day: 1,
            days_left: 25,
            runs_out_on: null,
            // The core's words for the count this test sends (12.5 scoops).
            line: "12.5 scoops left: enough for the rest of the course",
            per_day_text: "1 scoop",
          }),
        }),
    });
    render(Protocol);
    await screen.findByTestId("stock-none");
    await fireEvent.input(screen.getByTestId("stock-count-units"), { target: { value: "12.5" } });
    await fireEvent.change(screen.getByTestId("stock-count-unit"), { target: { value: "scoops" } });
    await fireEvent.click(screen.getByTestId("stock-count-save"));
    await waitFor(() => expect(screen.getByTestId("stock-line").textContent).toBe("12.5 scoops left: enough for the rest of the course"));
    expect(sent("update_stock")).toEqual([{ action: "count", units: 12.5, unit: "scoops" }]);
    expect(screen.getByTestId("stock-refill-save")).toBeTruthy();
    expect(screen.queryByTestId("stock-none")).toBeNull();
  });

  it("shows the numbers, and a refill adds to the counted product", async () => {
    serve({
      stock: stockView({ on_hand: 6, days_left: 3, runs_out_on: "2026-11-24", low: true, line: "6 capsules left: enough for 3 days" }),
      // The core's words for the refill this test sends (60 more).
      updateStock: (i) =>
        dayView({
          stock: stockView({ on_hand: 6 + i.units, days_left: 33, runs_out_on: null, line: "66 capsules left: enough for the rest of the course" }),
        }),
    });
    render(Protocol);
    expect((await screen.findByTestId("stock-line")).textContent).toBe("6 capsules left: enough for 3 days");
    expect(screen.getByTestId("stock-notice").textContent).toContain("Only 3 days left");
    expect(screen.getByTestId("stock-detail").textContent?.replace(/\s+/g, " ").trim()).toBe(
      `2 capsules a day at your current plan · counted on ${shortDay("2026-11-20")}`,
    );
    // The unit counted is the one the count form starts from.
    expect((screen.getByTestId("stock-count-unit") as HTMLSelectElement).value).toBe("capsules");
    await fireEvent.input(screen.getByTestId("stock-refill-units"), { target: { value: "60" } });
    await fireEvent.click(screen.getByTestId("stock-refill-save"));
    await waitFor(() => expect(screen.getByTestId("stock-line").textContent).toBe("66 capsules left: enough for the rest of the course"));
    expect(sent("update_stock")).toEqual([{ action: "refill", units: 60, unit: null }]);
    expect(screen.queryByTestId("stock-notice")).toBeNull();
  });

  it("the warning days start from the settings and are saved with the other settings unchanged", async () => {
    const stored = settings({ refill_warn_days: 7, water_mg_per_litre: 120, theme: "dark" });
    const state = serve({ stock: stockView(), stored });
    render(Protocol);
    const input = (await screen.findByTestId("stock-warn-days")) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe("7"));
    await fireEvent.input(input, { target: { value: "14" } });
    await fireEvent.click(screen.getByTestId("stock-warn-save"));
    await waitFor(() => expect(sent("update_settings")).toEqual([{ ...stored, refill_warn_days: 14 }]));
    expect(state.stored.refill_warn_days).toBe(14);
    // The supply is read again: whether it is low follows the new number.
    await waitFor(() => expect(sent("get_day").length).toBe(2));
    expect((await screen.findByTestId("supply-saved")).textContent).toBe("Warning saved.");
  });

  it("says when the supply ran out", async () => {
    serve({
      stock: stockView({
        on_hand: 0,
        short: true,
        days_left: 0,
        runs_out_on: "2026-11-21",
        low: true,
        counted_on: "2026-11-15",
        ran_out_on: "2026-11-19",
        line: "Capsules: none left",
      }),
    });
    render(Protocol);
    expect((await screen.findByTestId("stock-line")).textContent).toBe("Capsules: none left");
    expect(screen.getByTestId("stock-detail").textContent?.replace(/\s+/g, " ").trim()).toBe(
      `2 capsules a day at your current plan · counted on ${shortDay("2026-11-15")} · ran out on ${shortDay("2026-11-19")}`,
    );
    expect(screen.getByTestId("stock-notice").textContent).toContain("More was taken than counted");
    // The Protocol screen has the forms itself: no link to them.
    expect(screen.queryByTestId("stock-notice-link")).toBeNull();
  });

  it("warning days outside 1 to 60 are refused before saving", async () => {
    serve({ stock: stockView() });
    render(Protocol);
    const input = (await screen.findByTestId("stock-warn-days")) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe("7"));
    await fireEvent.input(input, { target: { value: "61" } });
    await fireEvent.click(screen.getByTestId("stock-warn-save"));
    expect((await screen.findByTestId("supply-error")).textContent).toBe("Choose from 1 to 60 days.");
    expect(sent("update_settings")).toEqual([]);
  });

  it("a refused count shows the core's message", async () => {
    serve({
      updateStock: () => {
        throw { code: "out_of_range", message: "Enter a number of units from 0 to 10,000 (a refill adds at least a part of one).", field: "units" };
      },
    });
    render(Protocol);
    await screen.findByTestId("stock-none");
    await fireEvent.input(screen.getByTestId("stock-count-units"), { target: { value: "30" } });
    await fireEvent.click(screen.getByTestId("stock-count-save"));
    const error = await screen.findByTestId("supply-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toBe("Enter a number of units from 0 to 10,000 (a refill adds at least a part of one).");
  });

  it("an empty count is not sent", async () => {
    serve();
    render(Protocol);
    await screen.findByTestId("stock-none");
    await fireEvent.click(screen.getByTestId("stock-count-save"));
    expect((await screen.findByTestId("supply-error")).getAttribute("role")).toBe("alert");
    expect(sent("update_stock")).toEqual([]);
  });

  it("is not offered without a supplement plan", async () => {
    const p = protocolView();
    p.spec.supplement = null;
    serve({ protocol: p });
    render(Protocol);
    await screen.findByTestId("protocol-no-supplement");
    expect(screen.queryByTestId("supply-section")).toBeNull();
    expect(sent("get_day")).toEqual([]);
  });
});

describe("Protocol when the record changed elsewhere", () => {
  it("loads the protocol once, then again with a version saved on another device", async () => {
    const served: Serve = { protocol: protocolView() };
    serve(served);
    render(Protocol);
    expect((await screen.findByTestId("protocol-title")).textContent).toBe(protocolView().spec.name);
    expect(calls.filter((c) => c.cmd === "get_protocol")).toHaveLength(1);
    const after = protocolView();
    after.spec.name = "Calmer evenings";
    served.protocol = after;
    refresh.bump();
    await waitFor(() => expect(screen.getByTestId("protocol-title").textContent).toBe("Calmer evenings"));
    expect(calls.filter((c) => c.cmd === "get_protocol")).toHaveLength(2);
  });
});
