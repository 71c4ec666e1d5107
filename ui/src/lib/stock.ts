// The supply in words, for Today and the Protocol screen.
import type { StockUnit, StockView } from "./bindings";
import { shortDay } from "./format";

export const stockUnits: StockUnit[] = ["capsules", "tablets", "scoops", "sachets", "gummies"];

/** Units as entered: two decimals at most ("42", "1.5", "0.25"). */
export function amount(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function dayCount(n: number): string {
  return n === 1 ? "1 day" : `${n} days`;
}

/** Why the supply needs attention, or null when it does not (neither low nor short). */
export function stockNotice(s: StockView): { short: string | null; days: string } | null {
  if (!s.low && !s.short) return null;
  const days = s.days_left === 0 ? "No days left" : `Only ${dayCount(s.days_left)} left`;
  const by = s.short ? " by the count" : s.runs_out_on ? ` (it runs out on ${shortDay(s.runs_out_on)})` : "";
  return {
    short: s.short ? "More was taken than counted: count what you have again." : null,
    days: `${days}${by}. Time to refill.`,
  };
}
