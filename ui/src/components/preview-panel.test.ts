import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPreviewPanel } from "./preview-panel";

describe("the preview panel", () => {
  // What jsdom lacks and the web view has.
  beforeEach(() => {
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("says what the page changed, and nothing when it changed nothing", () => {
    const panel = createPreviewPanel(() => undefined);
    const notices = panel.element.querySelector<HTMLElement>("[data-testid=preview-notices]");
    expect(notices?.hidden).toBe(true);
    panel.showNotices(["Lists and quotes nested deeper than 16 levels are shown flattened."]);
    expect(notices?.hidden).toBe(false);
    expect(notices?.getAttribute("role")).toBe("status");
    expect(notices?.textContent).toContain("flattened");
    panel.showNotices([]);
    expect(notices?.hidden).toBe(true);
  });
});
