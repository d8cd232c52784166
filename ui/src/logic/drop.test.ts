import { describe, expect, it } from "vitest";
import { PACKAGE_EXTENSIONS, PICTURE_EXTENSIONS, STORY_EXTENSIONS } from "../bindings/constants";
import { extension, fileName, sortDropped } from "./drop";

describe("dropped files", () => {
  it("are sorted by extension, in any case, on any platform", () => {
    expect(
      sortDropped(["/home/ada/quay.PNG", "C:\\desk\\council.Md", "/home/ada/budget.xlsx", "/home/ada/wire.txt", "/home/ada/README", "/home/ada/Ferries.Dateline-Story"]),
    ).toEqual({
      stories: ["C:\\desk\\council.Md", "/home/ada/wire.txt"],
      pictures: ["/home/ada/quay.PNG"],
      packages: ["/home/ada/Ferries.Dateline-Story"],
      others: ["/home/ada/budget.xlsx", "/home/ada/README"],
    });
  });

  it("take exactly the extensions the Rust commands take", () => {
    for (const ext of STORY_EXTENSIONS) expect(sortDropped([`a.${ext}`]).stories).toHaveLength(1);
    for (const ext of PICTURE_EXTENSIONS) expect(sortDropped([`a.${ext}`]).pictures).toHaveLength(1);
    for (const ext of PACKAGE_EXTENSIONS) expect(sortDropped([`a.${ext}`]).packages).toHaveLength(1);
    expect(PACKAGE_EXTENSIONS).toContain("dateline-story");
    expect(STORY_EXTENSIONS).toContain("md");
    expect(PICTURE_EXTENSIONS).toContain("webp");
  });

  it("name files by their last part", () => {
    expect(fileName("/a/b/c.md")).toBe("c.md");
    expect(fileName("C:\\a\\c.md")).toBe("c.md");
    expect(extension("/a.dir/noext")).toBe("");
    expect(extension("archive.tar.GZ")).toBe("gz");
  });
});
