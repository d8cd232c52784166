import { describe, expect, it } from "vitest";
import { budgetState, BUDGETS, charCount, counterText } from "./budgets";

describe("budgets", () => {
  it("counts characters as the core does, not UTF-16 units", () => {
    expect(charCount("Kabul")).toBe(5);
    expect(charCount("🎉é")).toBe(2);
  });

  it("grades a text against its budget", () => {
    expect(budgetState("", BUDGETS.seo)).toBe("empty");
    expect(budgetState("a".repeat(30), BUDGETS.seo)).toBe("ok");
    expect(budgetState("a".repeat(55), BUDGETS.seo)).toBe("near");
    expect(budgetState("a".repeat(61), BUDGETS.seo)).toBe("over");
    expect(budgetState("a".repeat(100), BUDGETS.meta)).toBe("short");
    expect(budgetState("a".repeat(130), BUDGETS.meta)).toBe("ok");
    expect(budgetState("a".repeat(157), BUDGETS.meta)).toBe("over");
  });

  it("states the budget in the counter", () => {
    expect(counterText("abc", BUDGETS.print)).toBe("3 / 60");
    expect(counterText("abc", BUDGETS.meta)).toBe("3 / 120–156");
  });
});
