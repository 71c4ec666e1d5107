// Issue 21.4: every screen's error is in the app's own words with a code for support; the
// system's own text stays behind an expandable "details" line, never in the message itself.
import "../test/ipc";
import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Food from "../screens/Food.svelte";
import Progress from "../screens/Progress.svelte";
import Today from "../screens/Today.svelte";
import { answer } from "../test/ipc";

const storage = {
  code: "storage",
  message: "Magday could not read or write its data on this device.",
  field: null,
  details: "the database failed: error returned from database: (code: 5) database is locked",
};

describe("the details line under an error", () => {
  for (const [name, screenOf, testid] of [
    ["Today", () => render(Today, { day: null }), "error"],
    ["Food", () => render(Food, { day: null }), "food-error"],
    ["Progress", () => render(Progress), "error"],
  ] as const) {
    it(`${name}: the message in the app's words, the system's text only behind "details"`, async () => {
      answer(() => {
        throw storage;
      });
      screenOf();
      const message = await screen.findByTestId(testid);
      expect(message.textContent).toContain("Support code: storage.");
      for (const raw of ["error returned from database", "(code:", "org.freedesktop"]) {
        expect(message.textContent).not.toContain(raw);
      }
      const details = screen.getByTestId(`${testid}-details`);
      expect(details.tagName).toBe("DETAILS");
      expect(details.textContent).toContain("database is locked");
    });
  }

  it("a refusal in the app's own words has no details line", async () => {
    answer(() => {
      throw { code: "no_protocol", message: "Set up your protocol first.", field: null, details: null };
    });
    render(Food, { day: null });
    expect((await screen.findByTestId("food-error")).textContent).toBe("Set up your protocol first.");
    expect(screen.queryByTestId("food-error-details")).toBeNull();
  });
});
