// Toasts: short messages in a corner. Errors stay until dismissed, so a
// reporter never misses why something was not done.
import { h } from "./dom";

export interface ToastAction {
  label: string;
  run: () => void;
}

let host: HTMLElement | null = null;

function container(): HTMLElement {
  if (!host || !host.isConnected) {
    host = h("div", { class: "toasts", attrs: { role: "status", "aria-live": "polite" } });
    document.body.appendChild(host);
  }
  return host;
}

export function toast(
  message: string,
  kind: "info" | "error" = "info",
  action?: ToastAction,
): HTMLElement {
  const close = () => el.remove();
  const el = h(
    "div",
    { class: `toast toast-${kind}`, attrs: { "data-kind": kind } },
    h("span", { class: "toast-text", text: message }),
    action &&
      h("button", {
        class: "link",
        text: action.label,
        on: {
          click: () => {
            action.run();
            close();
          },
        },
      }),
    h("button", { class: "icon", text: "×", title: "Dismiss", attrs: { "aria-label": "Dismiss" }, on: { click: close } }),
  );
  container().appendChild(el);
  if (kind === "info") setTimeout(close, 5000);
  return el;
}

export function errorToast(message: string): HTMLElement {
  return toast(message, "error");
}
