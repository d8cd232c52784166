// Character budgets the desk writes to. These are style advice shown as live
// counters, not the core's hard limits (which refuse a save).

export interface Budget {
  /** Below this the text is thin (meta descriptions read best from 120). */
  min?: number;
  /** Above this the text is cut off where it is shown. */
  max: number;
  /** Why this budget, shown as the counter's tooltip. */
  why: string;
}

export const BUDGETS = {
  kicker: { max: 30, why: "A kicker is a label of two or three words" },
  headline: { max: 100, why: "Headlines over 100 characters wrap to four lines on phones" },
  seo: { max: 60, why: "Search results cut titles at about 60 characters" },
  social: { max: 100, why: "Social cards show about 100 characters" },
  print: { max: 60, why: "A two-deck print headline holds about 60 characters" },
  standfirst: { max: 220, why: "A deck longer than two sentences stops being read" },
  meta: { min: 120, max: 156, why: "Search engines show 120–156 characters of a description" },
} satisfies Record<string, Budget>;

export type BudgetName = keyof typeof BUDGETS;

/** Characters as the core counts them: Unicode scalar values, not UTF-16 units. */
export function charCount(text: string): number {
  return Array.from(text).length;
}

export type BudgetState = "empty" | "short" | "ok" | "near" | "over";

/** Where a text stands against its budget. "near" is the last tenth. */
export function budgetState(text: string, budget: Budget): BudgetState {
  const n = charCount(text);
  if (n === 0) return "empty";
  if (n > budget.max) return "over";
  if (budget.min !== undefined && n < budget.min) return "short";
  if (n >= Math.floor(budget.max * 0.9)) return "near";
  return "ok";
}

/** The counter's text: "42 / 60", or "42 / 120–156" for a range. */
export function counterText(text: string, budget: Budget): string {
  const n = charCount(text);
  return budget.min !== undefined ? `${n} / ${budget.min}–${budget.max}` : `${n} / ${budget.max}`;
}
