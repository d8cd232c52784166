// The right-hand pane: the open story's panels, or, with no story open, the
// ways to start one.
import type { Command } from "../logic/shortcuts";
import { h, replaceChildren } from "./dom";
import type { Panels } from "./panels";

export interface Inspector {
  element: HTMLElement;
  showPanels(panels: Panels): void;
  showEmpty(): void;
}

export function createInspector(run: (command: Command) => void): Inspector {
  const element = h("aside", { class: "inspector", attrs: { "aria-label": "Story parts", "data-testid": "inspector" } });
  return {
    element,
    showPanels(panels) {
      replaceChildren(element, panels.element);
    },
    showEmpty() {
      replaceChildren(
        element,
        h(
          "div",
          { class: "empty-state", attrs: { "data-testid": "empty-state" } },
          h("h2", { text: "No story open" }),
          h("p", { text: "Pick one from the library, or start one:" }),
          h("button", { class: "primary", text: "New story", on: { click: () => run("new") } }),
          h("button", { text: "Import files…", on: { click: () => run("import") } }),
          h("button", { text: "Paste story", on: { click: () => run("paste") } }),
        ),
      );
    },
  };
}
