import { describe, expect, it } from "vitest";
import { mappingSummary, mappingText, parseMapping, savedText } from "./mapping";

describe("a site's names for sections and tags", () => {
  it("are written one per line, sorted, an empty name as “name =”", () => {
    expect(mappingText({})).toBe("");
    expect(mappingText({ World: "International", business: "Money", Opinion: "" })).toBe("business = Money\nOpinion =\nWorld = International");
  });

  it("are read back from “=”, “→” or “->”, trimmed, blank lines skipped", () => {
    expect(parseMapping("")).toEqual({ map: {} });
    expect(parseMapping("  \n\n")).toEqual({ map: {} });
    expect(parseMapping("World = International\r\n\n  Sport→Sports  \nElection 2024 -> Elections\nOpinion =\n")).toEqual({
      map: { World: "International", Sport: "Sports", "Election 2024": "Elections", Opinion: "" },
    });
    // The first separator splits; the site's name may hold the others.
    expect(parseMapping("Arts = Arts -> Culture")).toEqual({ map: { Arts: "Arts -> Culture" } });
    expect(parseMapping("Q&A -> Ask = us")).toEqual({ map: { "Q&A": "Ask = us" } });
  });

  it("round-trip through their text", () => {
    const map = { World: "International", Opinion: "", "Local news": "Harbour" };
    expect(parseMapping(mappingText(map))).toEqual({ map });
  });

  it("refuse a line without a separator or a Dateline name, by its number", () => {
    expect(parseMapping("World = International\nWeather")).toEqual({ error: "Line 2: write it as “Dateline name = site name”." });
    expect(parseMapping("\n\n = Sports")).toEqual({ error: "Line 3: write it as “Dateline name = site name”." });
    expect(parseMapping("->")).toEqual({ error: "Line 1: write it as “Dateline name = site name”." });
  });

  it("refuse a name listed twice, in any case", () => {
    expect(parseMapping("World = International\nSport = Sports\nWORLD = Global")).toEqual({ error: "Line 3: “WORLD” is already on line 1." });
  });

  it("say what was saved", () => {
    expect(savedText({ World: "International", Opinion: "" }, { Weather: "Forecasts" })).toBe("Saved: 2 sections, 1 tag mapped.");
    expect(savedText({}, { a: "b", c: "d" })).toBe("Saved: 2 tags mapped.");
    expect(savedText({}, {})).toBe("Saved: no names mapped; sections and tags go as they are.");
  });

  it("sum up a site in one line, empty when nothing is mapped", () => {
    expect(mappingSummary({}, {})).toBe("");
    expect(mappingSummary({ World: "International" }, { Weather: "Forecasts" })).toBe("World → International · 1 tag mapped");
    expect(mappingSummary({ World: "International", Opinion: "" }, {})).toBe("Opinion left out, World → International");
    expect(mappingSummary({ a: "1", b: "2", c: "" }, { x: "y", z: "" })).toBe("3 sections mapped · 2 tags mapped");
    expect(mappingSummary({}, { x: "" })).toBe("1 tag mapped");
  });
});
