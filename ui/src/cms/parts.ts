// Small pieces the CMS dialogs share: a line that says how something went
// (read out politely, or at once when it failed), a link to a post that opens
// in the system's browser, and the secret field a site asks for again.
import { toAppError, type Api } from "../api";
import type { CmsKind } from "../bindings/CmsKind";
import type { TargetSaved } from "../bindings/TargetSaved";
import { h } from "../components/dom";
import { errorToast } from "../components/toast";
import { secretLabel } from "./labels";

/** Numbers the ids of fields that may be drawn more than once. */
let fields = 0;

export function uniqueId(prefix: string): string {
  return `${prefix}-${++fields}`;
}

export interface ResultLine {
  element: HTMLElement;
  /** Says how it went (polite: read when the screen reader is free). */
  ok(text: string): void;
  /** Says why it failed (an alert: read at once). */
  fail(text: string): void;
  clear(): void;
  /** What it says now. */
  text(): string;
}

/** Two live regions, there from the start so the first message is read out
 * too: one for news, one for errors. Empty, they take no room. */
export function resultLine(testid: string): ResultLine {
  const news = h("p", { class: "hint result-ok", attrs: { role: "status" } });
  const error = h("p", { class: "field-error", attrs: { role: "alert" } });
  const element = h("div", { class: "result-line", attrs: { "data-testid": testid } }, news, error);
  const set = (shown: HTMLElement, text: string, other: HTMLElement) => {
    other.textContent = "";
    shown.textContent = text;
  };
  return {
    element,
    ok: (text) => set(news, text, error),
    fail: (text) => set(error, text, news),
    clear() {
      news.textContent = "";
      error.textContent = "";
    },
    text: () => `${news.textContent ?? ""}${error.textContent ?? ""}`,
  };
}

/** The message of anything thrown, one sentence. */
export function messageOf(e: unknown): string {
  return toAppError(e).message;
}

/** A link to a post on a site. The window never navigates away from the
 * desk: a click (or Enter) hands the address to the system's browser. */
export function postLink(api: Pick<Api, "openUrl">, url: string, testid: string, text = url): HTMLAnchorElement {
  return h("a", {
    class: "post-link",
    text,
    title: "Open in the browser",
    attrs: { href: url, rel: "noopener noreferrer", "data-testid": testid },
    on: {
      click: (e) => {
        e.preventDefault();
        api.openUrl(url).catch((err: unknown) => errorToast(`The link could not be opened: ${messageOf(err)}`));
      },
    },
  });
}

export interface SecretAsk {
  /** The site's name. */
  target: string;
  /** What kind of site, when known: names the secret ("Application password"). */
  kind: CmsKind | undefined;
  /** The secret is kept: send again. */
  saved: () => void;
}

/**
 * A target's secret asked for again (a session's secret is gone after a
 * restart): a password field and Save. When no keyring answers, the reason
 * and "Keep for this session only".
 */
export function secretForm(api: Pick<Api, "setTargetSecret">, ask: SecretAsk): HTMLElement {
  const id = uniqueId("secret-again");
  const what = ask.kind ? secretLabel(ask.kind) : "Password or API key";
  const input = h("input", {
    id,
    attrs: { type: "password", autocomplete: "off", spellcheck: "false", "data-testid": "secret-again" },
  });
  const save = h("button", { text: "Save", attrs: { "data-testid": "secret-save" } });
  const session = h("button", { text: "Keep for this session only", attrs: { "data-testid": "secret-session-only" } });
  session.hidden = true;
  const result = resultLine("secret-result");
  const keep = (sessionOnly: boolean) => {
    const secret = input.value;
    if (!secret.trim()) {
      result.fail(`Type the ${what.toLowerCase()} first.`);
      input.focus();
      return;
    }
    save.disabled = true;
    session.disabled = true;
    api.setTargetSecret(ask.target, secret, sessionOnly).then(
      (saved: TargetSaved) => {
        save.disabled = false;
        session.disabled = false;
        if (saved.outcome === "no_keyring") {
          result.fail(`Not kept: ${saved.reason}`);
          session.hidden = false;
          session.focus();
          return;
        }
        input.value = "";
        result.ok(saved.session_only ? "Kept for this session only. Sending again…" : "Kept in the keyring. Sending again…");
        ask.saved();
      },
      (e: unknown) => {
        save.disabled = false;
        session.disabled = false;
        result.fail(messageOf(e));
      },
    );
  };
  save.addEventListener("click", () => keep(false));
  session.addEventListener("click", () => keep(true));
  input.addEventListener("keydown", (e) => e.key === "Enter" && keep(false));
  return h(
    "div",
    { class: "secret-again" },
    h("label", { class: "field-label", text: `${what} for ${ask.target}`, attrs: { for: id } }),
    h("div", { class: "inline-form" }, input, save, session),
    result.element,
  );
}
