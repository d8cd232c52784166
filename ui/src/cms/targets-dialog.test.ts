import { afterEach, describe, expect, it, vi } from "vitest";
import type { Target } from "../bindings/Target";
import { target } from "../testing/fixtures";
import type { TargetInput } from "../bindings/TargetInput";
import type { TargetSaved } from "../bindings/TargetSaved";
import { closeModal } from "../components/dialogs";
import { h } from "../components/dom";
import { targetsDialog, type TargetsApi } from "./targets-dialog";

const harbour: Target = target();
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
    setTargetMapping: vi.fn((name: string, categories: Record<string, string>, tags: Record<string, string>): Promise<Target> => {
      const found = stored.find((t) => t.name === name);
      if (!found) return Promise.reject({ kind: "not_found", message: `No target is called “${name}”.` });
      const target = { ...found, categories, tags };
      stored = stored.map((t) => (t.name === name ? target : t));
      return Promise.resolve(target);
    }),
  } satisfies TargetsApi;
  return api;
}

const $ = <T extends HTMLElement = HTMLElement>(css: string, root: ParentNode = document): T => {
  const el = root.querySelector<T>(css);
  if (!el) throw new Error(`missing ${css}`);
  return el;
};
const labelOf = (el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement) => el.getAttribute("aria-label") ?? [...(el.labels ?? [])].map((l) => l.textContent ?? "").join(" ").trim();
const fill = (testid: string, value: string, root: ParentNode = document) => {
  const input = $<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[data-testid=${testid}]`, root);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
};
/** The add form filled in for a WordPress site with its password. */
const fillHarbour = () => {
  fill("target-name", "Harbour News");
  fill("target-url", "https://news.example");
  fill("target-user", "ama");
  fill("target-secret", "abcd efgh");
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
    for (const control of dialog.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea"))
      expect(labelOf(control), control.outerHTML).not.toBe("");
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
    expect($<HTMLSelectElement>("[data-testid=target-kind]").value).toBe("wordpress");
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
      kind: "wordpress",
      url: "https://news.example",
      user: "ama",
      secret: "abcd efgh ijkl",
      default_status: "draft",
      session_only: false,
      categories: {},
      tags: {},
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
      categories: {},
      tags: {},
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
    fillHarbour();
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

  it("folds the site's names for sections and tags away, labelled for the kind of site", () => {
    targetsDialog(fakeApi());
    const box = $<HTMLDetailsElement>("[data-testid=target-mapping]");
    expect(box.tagName).toBe("DETAILS");
    expect(box.open).toBe(false);
    expect($("summary", box).textContent).toBe("Sections and tags on the site");
    const categories = $<HTMLTextAreaElement>("[data-testid=target-categories]");
    const tags = $<HTMLTextAreaElement>("[data-testid=target-tags]");
    expect(labelOf(categories)).toBe("Sections → categories");
    expect(labelOf(tags)).toBe("Tags");
    for (const t of [categories, tags])
      expect(document.getElementById(t.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
        "One per line: Dateline name = the site's name. Leave the site's name empty to leave it out; anything not listed goes as it is.",
      );
    fill("target-kind", "ghost");
    expect(labelOf(categories)).toBe("Sections → tags");
    fill("target-kind", "wordpress");
    expect(labelOf(categories)).toBe("Sections → categories");
  });

  it("adds a site with its names for sections and tags", async () => {
    const api = fakeApi([]);
    targetsDialog(api);
    fillHarbour();
    fill("target-categories", "World = International\n\n  Opinion =  \nSport → Sports");
    fill("target-tags", "Election 2024 -> Elections");
    $("[data-testid=target-add]").click();
    await flush();
    await flush();
    expect(api.addTarget).toHaveBeenCalledWith(
      expect.objectContaining({
        name: "Harbour News",
        categories: { World: "International", Opinion: "", Sport: "Sports" },
        tags: { "Election 2024": "Elections" },
      }),
    );
    expect($("[data-testid=target-result]").textContent).toBe("Added “Harbour News”. Its secret is kept in the system keyring.");
    // The form starts afresh.
    expect($<HTMLTextAreaElement>("[data-testid=target-categories]").value).toBe("");
    expect($<HTMLDetailsElement>("[data-testid=target-mapping]").open).toBe(false);
  });

  it("refuses a line it cannot read, naming it, and sends nothing", () => {
    const api = fakeApi([]);
    targetsDialog(api);
    fillHarbour();
    fill("target-tags", "Election 2024 = Elections\nWeather");
    $("[data-testid=target-add]").click();
    const tags = $<HTMLTextAreaElement>("[data-testid=target-tags]");
    expect($("[data-testid=target-result] [role=alert]").textContent).toBe("Tags, line 2: write it as “Dateline name = site name”.");
    expect(tags.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(tags);
    expect($<HTMLDetailsElement>("[data-testid=target-mapping]").open).toBe(true);
    $("[data-testid=target-test]").click();
    expect(api.addTarget).not.toHaveBeenCalled();
    expect(api.testConnection).not.toHaveBeenCalled();
    // Mended, it goes.
    fill("target-tags", "Election 2024 = Elections\nWeather =");
    expect(tags.hasAttribute("aria-invalid")).toBe(false);
    $("[data-testid=target-add]").click();
    expect(api.addTarget).toHaveBeenCalledWith(expect.objectContaining({ categories: {}, tags: { "Election 2024": "Elections", Weather: "" } }));
  });

  it("edits a saved site's names in its row, and says what was saved", async () => {
    const api = fakeApi([{ ...harbour, categories: { World: "International" }, tags: {} }, quay]);
    targetsDialog(api);
    await flush();
    const row = $("[data-testid=target-row][data-name='Harbour News']");
    const summary = $("[data-testid=target-row-mapping-summary]", row);
    expect(summary.hidden).toBe(false);
    expect(summary.textContent).toBe("World → International");
    // Nothing mapped, nothing said.
    expect($("[data-testid=target-row-mapping-summary]", $("[data-testid=target-row][data-name='Quay Weekly']")).hidden).toBe(true);
    const button = $<HTMLButtonElement>("[data-testid=target-row-mapping]", row);
    expect(button.getAttribute("aria-label")).toBe("Sections and tags for Harbour News");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    button.click();
    const editor = $(".target-mapping-edit", row);
    expect(editor.hidden).toBe(false);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const categories = $<HTMLTextAreaElement>("[data-testid=target-mapping-categories]", row);
    expect(categories.value).toBe("World = International");
    expect(labelOf(categories)).toBe("Sections → categories");
    expect(labelOf($<HTMLTextAreaElement>("[data-testid=target-mapping-tags]", row))).toBe("Tags");
    expect(document.activeElement).toBe(categories);
    fill("target-mapping-categories", "World = International\nOpinion =", row);
    fill("target-mapping-tags", "Election 2024 → Elections", row);
    $("[data-testid=target-mapping-save]", row).click();
    await flush();
    expect(api.setTargetMapping).toHaveBeenCalledWith("Harbour News", { World: "International", Opinion: "" }, { "Election 2024": "Elections" });
    expect($("[data-testid=target-check] [role=status]", row).textContent).toBe("Saved: 2 sections, 1 tag mapped.");
    expect(summary.textContent).toBe("Opinion left out, World → International · 1 tag mapped");
    expect(editor.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
    // Opened again, it shows what was saved.
    button.click();
    expect(categories.value).toBe("Opinion =\nWorld = International");
  });

  it("keeps a row's names unsaved when a line is wrong or the core refuses", async () => {
    const api = fakeApi();
    targetsDialog(api);
    await flush();
    const row = $("[data-testid=target-row][data-name='Quay Weekly']");
    $("[data-testid=target-row-mapping]", row).click();
    expect(labelOf($<HTMLTextAreaElement>("[data-testid=target-mapping-categories]", row))).toBe("Sections → tags");
    fill("target-mapping-categories", "World = News\nworld = Global", row);
    $("[data-testid=target-mapping-save]", row).click();
    expect($("[data-testid=target-mapping-result] [role=alert]", row).textContent).toBe("Sections → tags, line 2: “world” is already on line 1.");
    expect($("[data-testid=target-mapping-categories]", row).getAttribute("aria-invalid")).toBe("true");
    expect(api.setTargetMapping).not.toHaveBeenCalled();
    fill("target-mapping-categories", "World = News", row);
    api.setTargetMapping.mockRejectedValueOnce({ kind: "invalid", message: "The library could not be written." });
    $("[data-testid=target-mapping-save]", row).click();
    await flush();
    expect($("[data-testid=target-mapping-result] [role=alert]", row).textContent).toBe("The library could not be written.");
    expect($(".target-mapping-edit", row).hidden).toBe(false);
  });

  it("closes a row's editor with Cancel or Escape, saving nothing and keeping the dialog", async () => {
    const api = fakeApi();
    targetsDialog(api);
    await flush();
    const row = $("[data-testid=target-row][data-name='Harbour News']");
    const button = $<HTMLButtonElement>("[data-testid=target-row-mapping]", row);
    const editor = $(".target-mapping-edit", row);
    button.click();
    fill("target-mapping-tags", "Weather =", row);
    $("[data-testid=target-mapping-cancel]", row).click();
    expect(editor.hidden).toBe(true);
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
    button.click();
    // Reopened, the unsaved text is gone.
    expect($<HTMLTextAreaElement>("[data-testid=target-mapping-tags]", row).value).toBe("");
    press("Escape");
    expect(editor.hidden).toBe(true);
    expect(document.querySelector("[data-testid=targets-dialog]")).not.toBeNull();
    expect(document.activeElement).toBe(button);
    // The question to remove and the editor are not open together.
    button.click();
    $("[data-testid=target-row-remove]", row).click();
    expect(editor.hidden).toBe(true);
    expect($(".target-confirm", row).hidden).toBe(false);
    expect(api.setTargetMapping).not.toHaveBeenCalled();
  });

  it("goes back to sending when it was opened on the way", () => {
    const back = vi.fn();
    targetsDialog(fakeApi(), { back });
    $("[data-testid=targets-back]").click();
    expect(back).toHaveBeenCalled();
  });
});
