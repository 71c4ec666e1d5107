import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import ItemRow from "./ItemRow.svelte";
import { itemNotes, movementKinds } from "../test/fixtures";
import type { ItemView, Tap } from "../lib/bindings";

function item(over: Partial<ItemView> = {}): ItemView {
  return { key: "b6", label: "Vitamin B6", kind: { type: "check" }, done: false, count: 0, note: null, guidance: itemNotes.b6, minutes: 0, movement_kinds: [], ...over };
}

describe("ItemRow", () => {
  it("shows an item's note and its source on Today", () => {
    render(ItemRow, { item: item(), foodMg: 0, rdaMg: 320, day: null, ontap: () => {} });
    expect(screen.getByTestId("item-b6-guidance-text").textContent).toBe(itemNotes.b6.text);
    expect(screen.getByTestId("item-b6-guidance-source").textContent).toBe(itemNotes.b6.citation);
  });

  it("shows no note where the item has none", () => {
    render(ItemRow, { item: item({ key: "movement", label: "Gentle movement", guidance: null, movement_kinds: movementKinds }), foodMg: 0, rdaMg: 320, day: null, ontap: () => {} });
    expect(screen.getByTestId("item-movement")).toBeTruthy();
    expect(screen.queryByTestId("item-movement-guidance")).toBeNull();
  });
});

describe("ItemRow: movement minutes", () => {
  afterEach(() => vi.useRealTimers());

  const movement = (over: Partial<ItemView> = {}) =>
    item({ key: "movement", label: "Gentle movement or yoga", guidance: null, movement_kinds: movementKinds, ...over });

  function renderMovement(over: Partial<ItemView> = {}, day: string | null = null) {
    const taps: Tap[] = [];
    render(ItemRow, { item: movement(over), foodMg: 0, rdaMg: 320, day, ontap: (t: Tap) => taps.push(t) });
    return taps;
  }

  it("offers the kinds the core sends with the item, in its words, the first chosen", () => {
    renderMovement();
    const select = screen.getByTestId("movement-kind") as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ["walk", "Walk"],
      ["yoga", "Yoga"],
      ["stretching", "Stretching"],
      ["other", "Other"],
    ]);
    expect(select.value).toBe("walk");
  });

  it("sends the kind and minutes as a move tap through the row's tap, and clears once they are recorded", async () => {
    const taps: Tap[] = [];
    const { rerender } = render(ItemRow, { item: movement(), foodMg: 0, rdaMg: 320, day: null, ontap: (t: Tap) => taps.push(t) });
    await fireEvent.change(screen.getByTestId("movement-kind"), { target: { value: "yoga" } });
    await fireEvent.input(screen.getByTestId("movement-minutes"), { target: { value: "25" } });
    await fireEvent.click(screen.getByTestId("movement-add"));
    expect(taps).toEqual([{ type: "move", kind: "yoga", minutes: 25 }]);
    // Until the core answers, what was typed stays (a refused tap loses nothing).
    expect((screen.getByTestId("movement-minutes") as HTMLInputElement).value).toBe("25");
    await rerender({ item: movement({ minutes: 25, done: true }) });
    expect((screen.getByTestId("movement-minutes") as HTMLInputElement).value).toBe("");
    expect(screen.getByTestId("item-movement-minutes").textContent).toBe("25 min today");
  });

  it("refuses minutes outside 1 to 600 without sending anything", async () => {
    const taps = renderMovement();
    for (const v of ["", "0", "601", "2.5"]) {
      await fireEvent.input(screen.getByTestId("movement-minutes"), { target: { value: v } });
      await fireEvent.click(screen.getByTestId("movement-add"));
      expect(screen.getByRole("alert").textContent).toBe("Enter from 1 to 600 minutes.");
    }
    expect(taps).toEqual([]);
  });

  it("the timer shows mm:ss and Stop fills the whole minutes, 30 s rounding up", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    const taps = renderMovement();
    await fireEvent.click(screen.getByTestId("movement-timer-start"));
    expect(screen.getByTestId("movement-timer").textContent).toBe("00:00");
    await vi.advanceTimersByTimeAsync(12 * 60_000 + 29_000);
    expect(screen.getByTestId("movement-timer").textContent).toBe("12:29");
    await fireEvent.click(screen.getByTestId("movement-timer-stop"));
    expect((screen.getByTestId("movement-minutes") as HTMLInputElement).value).toBe("12");
    // Again, 30 s past the minute: rounds up.
    await fireEvent.click(screen.getByTestId("movement-timer-start"));
    await vi.advanceTimersByTimeAsync(7 * 60_000 + 30_000);
    await fireEvent.click(screen.getByTestId("movement-timer-stop"));
    expect((screen.getByTestId("movement-minutes") as HTMLInputElement).value).toBe("8");
    await fireEvent.click(screen.getByTestId("movement-add"));
    expect(taps).toEqual([{ type: "move", kind: "walk", minutes: 8 }]);
  });

  it("the timer reads the clock, not its ticks: a sleeping phone loses no time", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    renderMovement();
    await fireEvent.click(screen.getByTestId("movement-timer-start"));
    // The clock jumps 20 minutes with no interval run (the app was suspended).
    vi.setSystemTime(Date.parse("2026-11-21T07:20:10+01:00"));
    await fireEvent.click(screen.getByTestId("movement-timer-stop"));
    expect((screen.getByTestId("movement-minutes") as HTMLInputElement).value).toBe("20");
    expect(screen.getByTestId("movement-timer").textContent).toBe("20:10");
  });

  it("a few seconds count as one minute", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-21T07:00:00+01:00") });
    renderMovement();
    await fireEvent.click(screen.getByTestId("movement-timer-start"));
    await vi.advanceTimersByTimeAsync(5_000);
    await fireEvent.click(screen.getByTestId("movement-timer-stop"));
    expect((screen.getByTestId("movement-minutes") as HTMLInputElement).value).toBe("1");
  });

  it("shows the minutes recorded, and nothing at zero", () => {
    renderMovement({ minutes: 35, done: true });
    expect(screen.getByTestId("item-movement-minutes").textContent).toBe("35 min today");
    cleanup();
    renderMovement({ minutes: 0 });
    expect(screen.queryByTestId("item-movement-minutes")).toBeNull();
  });

  it("on a past day the minutes can be logged, without the timer", () => {
    renderMovement({ minutes: 10 }, "2026-11-20");
    expect(screen.getByTestId("item-movement-minutes").textContent).toBe("10 min that day");
    expect(screen.getByTestId("movement-add")).toBeTruthy();
    expect(screen.queryByTestId("movement-timer-start")).toBeNull();
  });

  it("other items have no movement form", () => {
    render(ItemRow, { item: item(), foodMg: 0, rdaMg: 320, day: null, ontap: () => {} });
    expect(screen.queryByTestId("movement-add")).toBeNull();
    expect(screen.queryByTestId("breathing-link")).toBeNull();
  });
});

describe("ItemRow: breathing", () => {
  const breathing = (over: Partial<ItemView> = {}) => item({ key: "breathing", label: "Breathing practice", guidance: null, ...over });

  it("links to a guided session, keeps its tick box, and shows today's minutes", async () => {
    const taps: Tap[] = [];
    render(ItemRow, { item: breathing({ minutes: 5 }), foodMg: 0, rdaMg: 320, day: null, ontap: (t: Tap) => taps.push(t) });
    const link = screen.getByTestId("breathing-link");
    expect(link.getAttribute("href")).toBe("#/breathing");
    expect(link.textContent).toBe("Start a guided session");
    expect(screen.getByTestId("item-breathing-minutes").textContent).toBe("5 min today");
    await fireEvent.click(screen.getByTestId("item-breathing-toggle"));
    expect(taps).toEqual([{ type: "check", key: "breathing" }]);
  });

  it("shows no minutes before a session", () => {
    render(ItemRow, { item: breathing(), foodMg: 0, rdaMg: 320, day: null, ontap: () => {} });
    expect(screen.getByTestId("breathing-link")).toBeTruthy();
    expect(screen.queryByTestId("item-breathing-minutes")).toBeNull();
    expect(screen.queryByTestId("movement-add")).toBeNull();
  });
});
