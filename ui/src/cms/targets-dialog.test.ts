import { afterEach, describe, expect, it, vi } from "vitest";
import type { Target } from "../bindings/Target";
import type { TargetInput } from "../bindings/TargetInput";
import type { TargetSaved } from "../bindings/TargetSaved";
import { closeModal } from "../components/dialogs";
import { h } from "../components/dom";
import { targetsDialog, type TargetsApi } from "./targets-dialog";

const harbour: Target = {
  id: "0190a7e0-0000-7000-8000-0000000000f1",
  name: "Harbour News",
  kind: "word_press",
  url: "https://news.example",
  user: "ama",
  secret: { kind: "keyring" },
  default_status: "draft",
  categories: {},
};
const quay: Target = { ...harbour, id: "0190a7e0-0000-7000-8000-0000000000f2", name: "Quay Weekly", kind: "ghost", url: "https://quay.example", user: "", secret: { kind: "env", var: "QUAY_KEY" } };

function fakeApi(targets: Target[] = [harbour, quay]) {
  let stored = [...targets];
  const api = {
    listTargets: vi.fn(() => Promise.resolve(stored)),
    addTarget: vi.fn((input: TargetInput): Promise<TargetSaved> => {
      const target: Target = { ...harbour, id: "new", name: input.name, kind: input.kind, url: input.url, user: input.user, secret: { kind: input.session_only ? "session" : "keyring" } };
      stored = [...stored, target];
      return Promise.resolve({ outcome: "saved", target, session_only: input.session_only });
    }),
    removeTarget: vi.fn((name: string) => {
      stored = stored.filter((t) => t.name !== name);
      return Promise.resolve(null);
    }),
    testConnection: vi.fn(() => Promise.resolve({ sentence: "Connected to Harbour News (WordPress 6.1) as Ama Mensah.", site_name: "Harbour News" })),
    testTarget: vi.fn(() => Promise.resolve({ sentence: "Connected to Harbour News (WordPress 6.1) as Ama Mensah.", site_name: "Harbour News" })),
  } satisfies TargetsApi;
  return api;
}

const $ = <T extends HTMLElement = HTMLElement>(css: string, root: ParentNode = document): T => {
  const el = root.querySelector<T>(css);
  if (!el) throw new Error(`missing ${css}`);
  return el;
};
const labelOf = (el: HTMLInputElement | HTMLSelectElement) => el.getAttribute("aria-label") ?? [...(el.labels ?? [])].map((l) => l.textContent ?? "").join(" ").trim();
const fill = (testid: string, value: string) => {
  const input = $<HTMLInputElement | HTMLSelectElement>(`[data-testid=${testid}]`);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
};
const press = (key: string, target: Element | null = document.activeElement) =>
  target?.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
const flush = () => new Promise((r) => setTimeout(r, 0));

/** A button in the page that opened the dialog, with the keyboard on it. */
function opener(): HTMLButtonElement {
  const button = h("button", { text: "Publishing targets…" });
  document.body.appendChild(h("main", {}, button));
  button.focus();
  return button;
}

afterEach(() => {
  closeModal();
  document.body.replaceChildren();
});

describe("the publishing targets dialog", () => {
  it("is a labelled modal dialog that Escape closes, giving the keyboard back", async () => {
    const button = opener();
    targetsDialog(fakeApi());
    await flush();
    const dialog = $<HTMLDialogElement>("[data-testid=targets-dialog]");
    expect(dialog.tagName).toBe("DIALOG");
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Publishing targets");
    // Every control has a name; the keyboard starts in the form.
    for (const control of dialog.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) expect(labelOf(control), control.outerHTML).not.toBe("");
    for (const b of dialog.querySelectorAll("button")) expect((b.getAttribute("aria-label") ?? b.textContent ?? "").trim()).not.toBe("");
    expect(document.activeElement).toBe($("[data-testid=target-name]"));
    expect(labelOf($("[data-testid=target-url]"))).toBe("Site address");
    expect($<HTMLInputElement>("[data-testid=target-secret]").type).toBe("password");
    expect($<HTMLSelectElement>("[data-testid=target-status]").value).toBe("draft");
    expect([...$<HTMLSelectElement>("[data-testid=target-status]").options].map((o) => o.value)).toEqual(["draft", "publish", "schedule"]);
    // The errors are alerts, the news polite.
    expect($("[data-testid=target-result] [role=alert]")).toBeTruthy();
    expect($("[data-testid=target-result] [role=status]")).toBeTruthy();
    press("Escape");
    expect(document.querySelector("[data-testid=targets-dialog]")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("asks a WordPress site for its user and application password, a Ghost site for its Admin API key", () => {
    targetsDialog(fakeApi());
    const user = $<HTMLInputElement>("[data-testid=target-user]");
    const secret = $<HTMLInputElement>("[data-testid=target-secret]");
    expect($<HTMLSelectElement>("[data-testid=target-kind]").value).toBe("word_press");
    expect(user.closest<HTMLElement>(".field")?.hidden).toBe(false);
    expect(labelOf(secret)).toBe("Application password");
    fill("target-kind", "ghost");
    expect(user.closest<HTMLElement>(".field")?.hidden).toBe(true);
    expect(labelOf(secret)).toBe("Admin API key");
    expect(document.getElementById(secret.getAttribute("aria-describedby") ?? "")?.textContent).toContain("Settings → Integrations");
  });

  it("lists the sites with their kind, address and where the secret is, and tests one in its row", async () => {
    const api = fakeApi();
    targetsDialog(api);
    await flush();
    const rows = [...document.querySelectorAll<HTMLElement>("[data-testid=target-row]")];
    expect(rows.map((r) => r.querySelector(".target-info")?.textContent)).toEqual([
      "Harbour NewsWordPresshttps://news.exampleSecret: keyring",
      "Quay WeeklyGhosthttps://quay.exampleSecret: $QUAY_KEY",
    ]);
    const [first, second] = rows;
    if (!first || !second) throw new Error("two rows");
    expect($("[data-testid=target-row-test]", first).getAttribute("aria-label")).toBe("Test Harbour News");
    $("[data-testid=target-row-test]", first).click();
    await flush();
    expect(api.testTarget).toHaveBeenCalledWith("Harbour News");
    expect($("[data-testid=target-check] [role=status]", first).textContent).toBe("Connected to Harbour News (WordPress 6.1) as Ama Mensah.");
    api.testTarget.mockRejectedValueOnce({ kind: "invalid", message: "Quay Weekly refused the key: it is not an Admin API key." });
    $("[data-testid=target-row-test]", second).click();
    await flush();
    expect($("[data-testid=target-check] [role=alert]", second).textContent).toBe("Quay Weekly refused the key: it is not an Admin API key.");
  });

  it("tests the connection before saving, and says why it failed in the form", async () => {
    const api = fakeApi([]);
    targetsDialog(api);
    await flush();
    expect($("[data-testid=target-list]").textContent).toContain("No site yet");
    fill("target-url", "https://news.example");
    fill("target-user", "ama");
    fill("target-secret", "abcd efgh ijkl");
    $("[data-testid=target-test]").click();
    await flush();
    expect(api.testConnection).toHaveBeenCalledWith({
      name: "",
      kind: "word_press",
      url: "https://news.example",
      user: "ama",
      secret: "abcd efgh ijkl",
      default_status: "draft",
      session_only: false,
    });
    expect($("[data-testid=target-result]").textContent).toBe("Connected to Harbour News (WordPress 6.1) as Ama Mensah.");
    api.testConnection.mockRejectedValueOnce({ kind: "io", message: "news.example could not be reached (connection refused)." });
    $("[data-testid=target-test]").click();
    await flush();
    expect($("[data-testid=target-result] [role=alert]").textContent).toBe("news.example could not be reached (connection refused).");
    expect(api.addTarget).not.toHaveBeenCalled();
  });

  it("names what is missing instead of sending a half-filled form", () => {
    const api = fakeApi([]);
    targetsDialog(api);
    $("[data-testid=target-add]").click();
    expect($("[data-testid=target-result] [role=alert]").textContent).toBe("Give the site a name, as the desk calls it.");
    expect(document.activeElement).toBe($("[data-testid=target-name]"));
    expect($("[data-testid=target-name]").getAttribute("aria-invalid")).toBe("true");
    fill("target-name", "Harbour News");
    fill("target-url", "https://news.example");
    fill("target-user", "ama");
    press("Enter", $("[data-testid=target-user]"));
    expect($("[data-testid=target-result] [role=alert]").textContent).toBe("Paste the application password.");
    expect(document.activeElement).toBe($("[data-testid=target-secret]"));
    expect(api.addTarget).not.toHaveBeenCalled();
  });

  it("adds a site with Enter, clears the secret and lists it", async () => {
    const api = fakeApi([]);
    const changed = vi.fn();
    targetsDialog(api, { changed });
    fill("target-name", "Quay Weekly");
    fill("target-kind", "ghost");
    fill("target-url", "https://quay.example");
    fill("target-secret", "64f0:abcdef");
    fill("target-status", "publish");
    press("Enter", $("[data-testid=target-secret]"));
    await flush();
    await flush();
    expect(api.addTarget).toHaveBeenCalledWith({
      name: "Quay Weekly",
      kind: "ghost",
      url: "https://quay.example",
      user: "",
      secret: "64f0:abcdef",
      default_status: "publish",
      session_only: false,
    });
    expect($<HTMLInputElement>("[data-testid=target-secret]").value).toBe("");
    expect($("[data-testid=target-result]").textContent).toBe("Added “Quay Weekly”. Its secret is kept in the system keyring.");
    expect(changed).toHaveBeenCalled();
    expect([...document.querySelectorAll("[data-testid=target-row]")].map((r) => r.getAttribute("data-name"))).toEqual(["Quay Weekly"]);
  });

  it("offers to keep the secret for this session only when no keyring answers", async () => {
    const api = fakeApi([]);
    api.addTarget.mockResolvedValueOnce({ outcome: "no_keyring", reason: "no Secret Service is running." });
    targetsDialog(api);
    fill("target-name", "Harbour News");
    fill("target-url", "https://news.example");
    fill("target-user", "ama");
    fill("target-secret", "abcd efgh");
    $("[data-testid=target-add]").click();
    await flush();
    expect($("[data-testid=target-result] [role=alert]").textContent).toBe(
      "The secret could not be kept in the system keyring (no Secret Service is running), so nothing was saved.",
    );
    const again = $<HTMLButtonElement>("[data-testid=target-session-only]");
    expect(again.closest<HTMLElement>(".target-offer")?.hidden).toBe(false);
    expect(document.activeElement).toBe(again);
    expect(document.querySelectorAll("[data-testid=target-row]")).toHaveLength(0);
    again.click();
    await flush();
    await flush();
    expect(api.addTarget).toHaveBeenLastCalledWith(expect.objectContaining({ name: "Harbour News", secret: "abcd efgh", session_only: true }));
    expect($("[data-testid=target-result]").textContent).toBe("Added “Harbour News”. Its secret is kept for this session only.");
    expect(again.closest<HTMLElement>(".target-offer")?.hidden).toBe(true);
    expect($("[data-testid=target-row]").textContent).toContain("Secret: this session only");
  });

  it("removes a site only once the row's question is answered; Escape takes the question back", async () => {
    const api = fakeApi();
    targetsDialog(api);
    await flush();
    const row = $("[data-testid=target-row][data-name='Harbour News']");
    const remove = $<HTMLButtonElement>("[data-testid=target-row-remove]", row);
    remove.click();
    const confirm = $(".target-confirm", row);
    expect(confirm.hidden).toBe(false);
    expect(confirm.textContent).toContain("Its posts stay on the site");
    expect(document.activeElement).toBe($("[data-testid=target-remove-yes]", row));
    press("Escape");
    expect(confirm.hidden).toBe(true);
    expect(document.querySelector("[data-testid=targets-dialog]")).not.toBeNull();
    expect(document.activeElement).toBe(remove);
    expect(api.removeTarget).not.toHaveBeenCalled();
    remove.click();
    $("[data-testid=target-remove-yes]", row).click();
    await flush();
    await flush();
    expect(api.removeTarget).toHaveBeenCalledWith("Harbour News");
    expect([...document.querySelectorAll("[data-testid=target-row]")].map((r) => r.getAttribute("data-name"))).toEqual(["Quay Weekly"]);
    expect($("[data-testid=targets-status]").textContent).toBe("Removed “Harbour News”. Its posts stay on the site.");
  });

  it("goes back to sending when it was opened on the way", () => {
    const back = vi.fn();
    targetsDialog(fakeApi(), { back });
    $("[data-testid=targets-back]").click();
    expect(back).toHaveBeenCalled();
  });
});
