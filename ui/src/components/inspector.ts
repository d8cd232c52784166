// The right-hand pane: the open story's panels, in a complementary landmark
// named "Story details". With no story open it is empty (and hidden); the
// ways to start one are then in the middle of the window (emptyState).
import type { Command } from "../logic/shortcuts";
import { h, replaceChildren } from "./dom";
import type { Panels } from "./panels";

export interface Inspector {
  element: HTMLElement;
  showPanels(panels: Panels): void;
  showEmpty(): void;
  /** Moves the keyboard to the first control of the panels. */
  focus(): void;
}

export function createInspector(): Inspector {
  const heading = h("h2", { id: "inspector-heading", class: "sr-only", text: "Story details" });
  const element = h("aside", { class: "inspector", attrs: { "aria-labelledby": "inspector-heading", "data-testid": "inspector" } }, heading);
  return {
    element,
    showPanels(panels) {
      replaceChildren(element, heading, panels.element);
    },
    showEmpty() {
      replaceChildren(element, heading);
    },
    focus() {
      element.querySelector<HTMLElement>("summary, button, input, textarea, select")?.focus();
    },
  };
}

/** What the window shows with no story open: how to start one. */
export function createEmptyState(run: (command: Command) => void): HTMLElement {
  return h(
    "div",
    { class: "empty-state", attrs: { "data-testid": "empty-state" } },
    h("h2", { text: "No story open" }),
    h("p", { text: "Pick one from the library, or start one:" }),
    h("button", { class: "primary", text: "New story", on: { click: () => run("new") } }),
    h("button", { text: "Import files…", on: { click: () => run("import") } }),
    h("button", { text: "Paste story", on: { click: () => run("paste") } }),
  );
}
