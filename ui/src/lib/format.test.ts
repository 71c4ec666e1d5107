import { describe, expect, it } from "vitest";
import { addDays, clock, daysBetween, mg, oneDecimal, pct, relative, signed } from "./format";

describe("format", () => {
  it("reads the wall clock of an instant in its own offset", () => {
    expect(clock("2026-11-21T20:05:00+09:00")).toBe("20:05");
  });
  it("says how far away a time is", () => {
    const now = "2026-11-21T07:00:00+01:00";
    expect(relative("2026-11-21T08:00:00+01:00", now)).toBe("in 1 h");
    expect(relative("2026-11-21T09:25:00+01:00", now)).toBe("in 2 h 25 min");
    expect(relative("2026-11-21T06:50:00+01:00", now)).toBe("10 min ago");
    expect(relative(now, now)).toBe("now");
  });
  it("steps days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("rounds mg sensibly", () => {
    expect(mg(100)).toBe("100 mg");
    expect(mg(12.54)).toBe("12.5 mg");
  });
  it("shows shares, changes and day counts as people read them", () => {
    expect(pct(6 / 7)).toBe("86%");
    expect(pct(null)).toBe("–");
    expect(signed(-4)).toBe("−4");
    expect(signed(-2.54)).toBe("−2.5");
    expect(signed(1)).toBe("+1");
    expect(signed(0.01)).toBe("0");
    expect(oneDecimal(4.333)).toBe("4.3");
    expect(oneDecimal(4)).toBe("4");
    expect(daysBetween("2026-11-15", "2026-11-21")).toBe(6);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2026-03-30", "2026-03-28")).toBe(-2);
  });
});
