import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import ItemRow from "./ItemRow.svelte";
import { itemNotes } from "../test/fixtures";
import type { ItemView } from "../lib/bindings";

function item(over: Partial<ItemView> = {}): ItemView {
  return { key: "b6", label: "Vitamin B6", kind: { type: "check" }, done: false, count: 0, note: null, guidance: itemNotes.b6, minutes: 0, ...over };
}

describe("ItemRow", () => {
  it("shows an item's note and its source on Today", () => {
    render(ItemRow, { item: item(), foodMg: 0, rdaMg: 320, day: null, ontap: () => {} });
    expect(screen.getByTestId("item-b6-guidance-text").textContent).toBe(itemNotes.b6.text);
    expect(screen.getByTestId("item-b6-guidance-source").textContent).toBe(itemNotes.b6.citation);
  });

  it("shows no note where the item has none", () => {
    render(ItemRow, { item: item({ key: "movement", label: "Gentle movement", guidance: null }), foodMg: 0, rdaMg: 320, day: null, ontap: () => {} });
    expect(screen.getByTestId("item-movement")).toBeTruthy();
    expect(screen.queryByTestId("item-movement-guidance")).toBeNull();
  });
});
