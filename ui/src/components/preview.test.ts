import { describe, expect, it } from "vitest";
import { patchDocument } from "./preview";

const page = (body: string) =>
  `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="img-src data:"><title>T</title></head><body>${body}</body></html>`;

describe("preview patching", () => {
  it("drops the page's own CSP and keeps unchanged pictures", () => {
    const doc = document.implementation.createHTMLDocument("");
    patchDocument(doc, page('<img src="dateline-media://localhost/ab" alt="Ferry"><p>One</p>'));
    expect(doc.head.querySelector("meta[http-equiv]")).toBeNull();
    expect(doc.title).toBe("T");
    const img = doc.body.querySelector("img");
    patchDocument(doc, page('<img src="dateline-media://localhost/ab" alt="Ferry"><p>One two</p>'));
    expect(doc.body.querySelector("img")).toBe(img);
    expect(doc.body.textContent).toContain("One two");
    patchDocument(doc, page('<img src="dateline-media://localhost/cd" alt="Ferry">'));
    expect(doc.body.querySelector("img")).not.toBe(img);
  });
});
