// The preview pane: the device switch, how long the last update took, and
// the page itself (see preview.ts).
import { h } from "./dom";
import { createPreview, type Device } from "./preview";

export interface PreviewPanel {
  element: HTMLElement;
  /** Shows a whole HTML document; resolves once it is on screen. */
  show(html: string): Promise<void>;
  clear(): void;
  setDevice(device: Device): void;
  /** Shows how long the last change took to reach the screen. */
  showLatency(ms: number): void;
  /** Says what the page leaves out or changes (empty: says nothing). */
  showNotices(notices: readonly string[]): void;
  /** Whether the page shows the suggestions applied. */
  setSuggestionsApplied(applied: boolean): void;
  /** Moves the keyboard to the page, where the arrow keys scroll it. */
  focus(): void;
}

export function createPreviewPanel(deviceChosen: (device: Device) => void, suggestionsToggled?: (applied: boolean) => void): PreviewPanel {
  const preview = createPreview();
  const latency = h("span", { class: "hint latency", attrs: { "data-testid": "preview-latency" } });
  const notices = h("p", { class: "hint preview-notices", attrs: { role: "status", "data-testid": "preview-notices" } });
  notices.hidden = true;
  // Two toggle buttons, one pressed: the width the page is laid out at.
  const deviceButton = (device: Device, label: string) =>
    h("button", {
      class: "seg",
      text: label,
      attrs: { type: "button", "aria-pressed": String(device === "desktop"), "data-device": device, "data-testid": `preview-${device}` },
      on: { click: () => deviceChosen(device) },
    });
  const buttons = [deviceButton("desktop", "Desktop"), deviceButton("phone", "Phone")];
  const applied = h("button", {
    class: "toggle",
    text: "Show suggestions applied",
    title: "Show the page as it would be with every suggestion accepted",
    attrs: { "aria-pressed": "false", "data-testid": "preview-suggestions-toggle" },
    on: { click: () => suggestionsToggled?.(applied.getAttribute("aria-pressed") !== "true") },
  });
  const element = h(
    "section",
    { class: "preview-pane", attrs: { "aria-labelledby": "preview-heading" } },
    h("h2", { id: "preview-heading", class: "sr-only", text: "Preview" }),
    h("div", { class: "preview-bar" }, h("div", { class: "segmented", attrs: { role: "group", "aria-label": "Preview width" } }, ...buttons), applied, latency),
    notices,
    preview.element,
  );

  return {
    element,
    show: (html) => preview.show(html),
    focus: () => preview.frame.focus(),
    clear: () => preview.clear(),
    setDevice(device) {
      preview.setDevice(device);
      for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.device === device));
    },
    showNotices(list) {
      const text = list.join(" ");
      if (notices.textContent !== text) notices.textContent = text;
      notices.hidden = list.length === 0;
    },
    setSuggestionsApplied(on) {
      applied.setAttribute("aria-pressed", String(on));
    },
    showLatency(ms) {
      latency.textContent = `Updated in ${Math.round(ms)} ms`;
      latency.dataset.ms = ms.toFixed(1);
      latency.dataset.renders = String(Number(latency.dataset.renders ?? "0") + 1);
    },
  };
}
