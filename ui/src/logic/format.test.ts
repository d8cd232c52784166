import { describe, expect, it } from "vitest";
import { byteOffset, fromLocalInput, isStatus, moved, parseTags, plural, readingText, relativeTime, toLocalInput } from "./format";

describe("format", () => {
  it("moves list items and clamps at the ends", () => {
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moved(["a", "b", "c"], 2, 5)).toEqual(["a", "b", "c"]);
  });

  it("parses tags without empties or repeats", () => {
    expect(parseTags(" Politics, diplomacy ,, politics,Kabul ")).toEqual(["Politics", "diplomacy", "Kabul"]);
  });

  it("anchors in UTF-8 bytes", () => {
    expect(byteOffset("héllo", 2)).toBe(3);
    expect(byteOffset("abc", 3)).toBe(3);
  });

  it("says how long ago", () => {
    const now = new Date("2025-12-30T12:00:00Z");
    expect(relativeTime("2025-12-30T11:59:40Z", now)).toBe("just now");
    expect(relativeTime("2025-12-30T11:55:00Z", now)).toBe("5 min ago");
    expect(relativeTime("2025-12-30T09:00:00Z", now)).toBe("3 h ago");
  });

  it("round-trips publish times through the local input", () => {
    const iso = "2025-12-30T09:15:00.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput("")).toBeNull();
    expect(toLocalInput(null)).toBe("");
  });

  it("reads statuses and counts", () => {
    expect(isStatus("in_review")).toBe(true);
    expect(isStatus("published")).toBe(false);
    expect(plural(1, "word")).toBe("1 word");
    expect(plural(1250, "word")).toBe(`${(1250).toLocaleString()} words`);
    expect(readingText(6)).toBe("6 min read");
  });
});
