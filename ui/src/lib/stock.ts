// The supply in words, for Today and the Protocol screen.
import type { StockUnit, StockView } from "./bindings";
import { shortDay } from "./format";

const singular: Record<StockUnit, string> = {
  capsules: "capsule",
  tablets: "tablet",
  scoops: "scoop",
  sachets: "sachet",
  gummies: "gummy",
};

export const stockUnits: StockUnit[] = ["capsules", "tablets", "scoops", "sachets", "gummies"];

/** Units as entered: two decimals at most ("42", "1.5", "0.25"). */
export function amount(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** "1 capsule", "42 capsules", "1.5 scoops". */
export function unitCount(n: number, unit: StockUnit): string {
  return `${amount(n)} ${n === 1 ? singular[unit] : unit}`;
}

export function dayCount(n: number): string {
  return n === 1 ? "1 day" : `${n} days`;
}

/** "42 capsules left: enough for 21 days", "…for the rest of the course", "Capsules: none left". */
export function stockLine(s: StockView): string {
  if (s.on_hand <= 0) return `${s.unit[0].toUpperCase()}${s.unit.slice(1)}: none left`;
  const left = `${unitCount(s.on_hand, s.unit)} left`;
  if (s.runs_out_on === null) return `${left}: enough for the rest of the course`;
  if (s.days_left === 0) return `${left}: not enough for today's remaining doses`;
  return `${left}: enough for ${dayCount(s.days_left)}`;
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
