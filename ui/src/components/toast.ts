// Toasts: short messages in a corner. Errors stay until dismissed, so a
// reporter never misses why something was not done. Each kind has its own
// live region, there from the start so the first message is read out too:
// news is read when the screen reader is free (role=status), errors at once
// (role=alert).
import { h } from "./dom";

export interface ToastAction {
  label: string;
  run: () => void;
}

let host: { element: HTMLElement; info: HTMLElement; error: HTMLElement } | null = null;

function regions(): { info: HTMLElement; error: HTMLElement } {
  if (!host || !host.element.isConnected) {
    const error = h("div", { class: "toast-region", attrs: { role: "alert", "data-testid": "toast-errors" } });
    const info = h("div", { class: "toast-region", attrs: { role: "status", "data-testid": "toast-news" } });
    const element = h("div", { class: "toasts" }, error, info);
    document.body.appendChild(element);
    host = { element, info, error };
  }
  return host;
}

/** Builds the live regions now, before any message: a region added with its
 * message already in it may be read out by no screen reader. */
export function prepareToasts(): void {
  regions();
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
  const { info, error } = regions();
  (kind === "error" ? error : info).appendChild(el);
  if (kind === "info") setTimeout(close, 5000);
  return el;
}

export function errorToast(message: string): HTMLElement {
  return toast(message, "error");
}
