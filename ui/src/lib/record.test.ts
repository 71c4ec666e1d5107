import { describe, expect, it } from "vitest";
import { addedText, backupSize } from "./record";
import { count, fileSize } from "./format";

describe("record words", () => {
  it("sizes files in KB under a megabyte and in MB above, never 0 KB for a file with bytes", () => {
    expect(fileSize(0)).toBe("0 KB");
    expect(fileSize(300)).toBe("1 KB");
    expect(fileSize(48 * 1024)).toBe("48 KB");
    expect(fileSize(3.4 * 1024 * 1024)).toBe("3.4 MB");
  });

  it("counts in the singular and the plural", () => {
    expect(count(1, "entry", "entries")).toBe("1 entry");
    expect(count(0, "entry", "entries")).toBe("0 entries");
    expect(backupSize({ name: "b", taken_at: "2026-11-21T08:00:00Z", reason: "daily", reason_label: "Daily", bytes: 2048, events: 120, versions: 1 })).toBe(
      "2 KB · 120 entries",
    );
  });

  it("says what a merge added, leaving out what it did not, and null for nothing", () => {
    expect(addedText({ events: 5, versions: 1, courses: 0, settings: 2 })).toBe("5 entries, 1 protocol version, 2 settings");
    expect(addedText({ events: 0, versions: 0, courses: 1, settings: 0 })).toBe("1 course");
    expect(addedText({ events: 0, versions: 0, courses: 0, settings: 0 })).toBeNull();
  });
});
