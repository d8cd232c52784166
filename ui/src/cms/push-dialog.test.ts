import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OnConflict } from "../bindings/OnConflict";
import type { PushOutcome } from "../bindings/PushOutcome";
import type { PushProgress } from "../bindings/PushProgress";
import type { StoryId } from "../bindings/StoryId";
import type { Target } from "../bindings/Target";
import { target } from "../testing/fixtures";
import type { TargetSaved } from "../bindings/TargetSaved";
import { closeModal } from "../components/dialogs";
import { h } from "../components/dom";
import { pushDialog, type PushApi, type PushRequest } from "./push-dialog";

const harbour: Target = target();
const quay: Target = { ...harbour, id: "0190a7e0-0000-7000-8000-0000000000f2", name: "Quay Weekly", kind: "ghost", url: "https://quay.example", secret: { kind: "session" } };

const ids = ["0190a7e0-0000-7000-8000-000000000001", "0190a7e0-0000-7000-8000-000000000002", "0190a7e0-0000-7000-8000-000000000003", "0190a7e0-0000-7000-8000-000000000004", "0190a7e0-0000-7000-8000-000000000005"] as const;
const [ferries, quayStory, council, storm, market] = ids;
const headlines = ["Ferries return to Portmere harbour", "New quay opens", "Council backs the crossing", "Storm closes the pier", "Market moves inland"];

const sent = (story: StoryId, target = "Harbour News"): PushOutcome => ({
  outcome: "sent",
  story,
  target,
  url: `https://news.example/${story.slice(-1)}/`,
  remote_id: "41",
  created: true,
  pictures_uploaded: 1,
});

type PushFn = (ids: StoryId[], target: string, onConflict: OnConflict, onProgress: (p: PushProgress) => void) => Promise<PushOutcome[]>;

function fakeApi(targets: Target[] = [harbour, quay]) {
  const api = {
    listTargets: vi.fn(() => Promise.resolve(targets)),
    pushStories: vi.fn<PushFn>((stories, target) => Promise.resolve(stories.map((id) => sent(id, target)))),
    setTargetSecret: vi.fn<(name: string, secret: string, sessionOnly: boolean) => Promise<TargetSaved>>((name, _secret, sessionOnly) =>
      Promise.resolve({ outcome: "saved", target: { ...harbour, name, secret: { kind: sessionOnly ? "session" : "keyring" } }, session_only: sessionOnly }),
    ),
    openUrl: vi.fn(() => Promise.resolve(null)),
  } satisfies PushApi;
  return api;
}

function request(count = 1, overrides: Partial<PushRequest> = {}) {
  return {
    stories: ids.slice(0, count).map((id, i) => ({ id, headline: headlines[i] ?? "" })),
    beforePush: vi.fn(() => Promise.resolve()),
    pushed: vi.fn(() => Promise.resolve()),
    manageTargets: vi.fn(),
    ...overrides,
  } satisfies PushRequest;
}

const $ = <T extends HTMLElement = HTMLElement>(css: string, root: ParentNode = document): T => {
  const el = root.querySelector<T>(css);
  if (!el) throw new Error(`missing ${css}`);
  return el;
};
const all = (css: string, root: ParentNode = document) => [...root.querySelectorAll<HTMLElement>(css)];
const flush = () => new Promise((r) => setTimeout(r, 0));
const escape = () => document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));

beforeEach(() => localStorage.clear());
afterEach(() => {
  closeModal();
  document.body.replaceChildren();
});

describe("Send to CMS…", () => {
  it("asks for the site in a labelled select, and Escape closes it", async () => {
    const button = h("button", { text: "Send to CMS…" });
    document.body.appendChild(h("main", {}, button));
    button.focus();
    pushDialog(fakeApi(), request());
    await flush();
    const dialog = $<HTMLDialogElement>("[data-testid=push-dialog]");
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Send to the CMS");
    expect(dialog.textContent).toContain("“Ferries return to Portmere harbour”: choose the site");
    const select = $<HTMLSelectElement>("[data-testid=push-target]");
    expect([...(select.labels ?? [])].map((l) => l.textContent)).toEqual(["Site"]);
    expect([...select.options].map((o) => o.textContent)).toEqual(["Harbour News (WordPress)", "Quay Weekly (Ghost)"]);
    expect(document.getElementById(select.getAttribute("aria-describedby") ?? "")?.textContent).toBe("https://news.example · posts go up as: Draft");
    expect(document.activeElement).toBe(select);
    expect($("[data-testid=push-results]").getAttribute("aria-live")).toBe("polite");
    expect($("[data-testid=push-error]").getAttribute("role")).toBe("alert");
    expect($<HTMLButtonElement>("[data-testid=push-send]").disabled).toBe(false);
    escape();
    expect(document.querySelector("[data-testid=push-dialog]")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("says when there is no site yet and offers to add one", async () => {
    const req = request();
    pushDialog(fakeApi([]), req);
    await flush();
    expect($("[data-testid=push-no-targets]").textContent).toContain("There is no site to send to yet");
    expect($("[data-testid=push-send]").hidden).toBe(true);
    const add = $("[data-testid=push-add-target]");
    expect(document.activeElement).toBe(add);
    add.click();
    expect(req.manageTargets).toHaveBeenCalled();
  });

  it("saves first, shows the progress while the window stays usable, then one line per story", async () => {
    const api = fakeApi();
    let progress: (p: PushProgress) => void = () => undefined;
    let finish: (outcomes: PushOutcome[]) => void = () => undefined;
    api.pushStories.mockImplementationOnce((_ids, _target, _conflict, onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    const req = request(5);
    pushDialog(api, req);
    await flush();
    expect(document.getElementById($("[data-testid=push-dialog]").getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Send 5 stories to the CMS");
    $<HTMLSelectElement>("[data-testid=push-target]").value = "Quay Weekly";
    $("[data-testid=push-send]").click();
    await flush();
    expect(req.beforePush).toHaveBeenCalled();
    expect(api.pushStories).toHaveBeenCalledWith([...ids], "Quay Weekly", "ask", expect.any(Function));
    progress({ done: 0, total: 5, story: ferries, target: "Quay Weekly", stage: "Uploading picture 2 of 3" });
    expect($("[data-testid=push-status]").textContent).toBe("Story 1 of 5 — Uploading picture 2 of 3");
    expect($<HTMLProgressElement>("[data-testid=push-progress]").hidden).toBe(false);
    // Nothing blocks meanwhile: the send button waits, the rest of the page works.
    expect($<HTMLButtonElement>("[data-testid=push-send]").disabled).toBe(true);
    progress({ done: 3, total: 5, story: storm, target: "Quay Weekly", stage: "Sending the post" });
    expect($<HTMLProgressElement>("[data-testid=push-progress]").value).toBe(3);
    finish([
      sent(ferries, "Quay Weekly"),
      { outcome: "queued", story: quayStory, target: "Quay Weekly", reason: "quay.example could not be reached (timed out)" },
      { outcome: "conflict", story: council, target: "Quay Weekly", sentence: "The post on Quay Weekly was changed there since it was sent: overwrite it, or keep the site's version?" },
      { outcome: "kept", story: storm, target: "Quay Weekly" },
      { outcome: "failed", story: market, target: "Quay Weekly", kind: "refused", error: "Quay Weekly refused the post: the slug is taken" },
    ]);
    await flush();
    await flush();
    expect($("[data-testid=push-status]").textContent).toBe("1 sent, 1 queued, 1 changed on the site, 1 kept as on the site, 1 not sent.");
    const lines = all("[data-testid=push-outcome]");
    expect(lines.map((l) => l.dataset.outcome)).toEqual(["sent", "queued", "conflict", "kept", "failed"]);
    expect(lines.map((l) => l.querySelector(".outcome-text")?.textContent)).toEqual([
      "“Ferries return to Portmere harbour”: Sent to Quay Weekly, 1 picture uploaded: https://news.example/1/",
      "“New quay opens”: Queued: quay.example could not be reached (timed out). It goes when the site answers.",
      "“Council backs the crossing”: The post on Quay Weekly was changed there since it was sent: overwrite it, or keep the site's version?",
      "“Storm closes the pier”: Kept the version on Quay Weekly; nothing was sent.",
      "“Market moves inland”: Not sent to Quay Weekly: Quay Weekly refused the post: the slug is taken.",
    ]);
    expect(lines[0]?.closest("[aria-live=polite]")).toBe($("[data-testid=push-results]"));
    expect(req.pushed).toHaveBeenCalledWith([...ids]);
    expect($<HTMLButtonElement>("[data-testid=push-send]").disabled).toBe(false);
    expect(localStorage.getItem("dateline.pushTarget")).toBe("Quay Weekly");
  });

  it("opens the post's link in the system's browser, never in the window", async () => {
    const api = fakeApi();
    pushDialog(api, request());
    await flush();
    $("[data-testid=push-send]").click();
    await flush();
    await flush();
    const link = $<HTMLAnchorElement>("[data-testid=push-link]");
    expect(link.getAttribute("href")).toBe("https://news.example/1/");
    expect(link.closest("[data-outcome=sent]")?.textContent).toContain("Sent to Harbour News");
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(api.openUrl).toHaveBeenCalledWith("https://news.example/1/");
  });

  it("sends a changed post again over the site's version, or keeps the site's", async () => {
    const api = fakeApi();
    const conflict = (story: StoryId): PushOutcome => ({ outcome: "conflict", story, target: "Harbour News", sentence: "The post was changed on Harbour News." });
    api.pushStories.mockResolvedValueOnce([conflict(ferries), conflict(quayStory)]);
    const req = request(2);
    pushDialog(api, req);
    await flush();
    $("[data-testid=push-send]").click();
    await flush();
    await flush();
    const [first, second] = all("[data-testid=push-outcome]");
    if (!first || !second) throw new Error("two lines");
    $("[data-testid=conflict-overwrite]", first).click();
    expect($<HTMLButtonElement>("[data-testid=conflict-keep]", first).disabled).toBe(true);
    await flush();
    await flush();
    expect(api.pushStories).toHaveBeenLastCalledWith([ferries], "Harbour News", "overwrite", expect.any(Function));
    expect(first.dataset.outcome).toBe("sent");
    expect(req.pushed).toHaveBeenLastCalledWith([ferries]);

    api.pushStories.mockResolvedValueOnce([{ outcome: "kept", story: quayStory, target: "Harbour News" }]);
    $("[data-testid=conflict-keep]", second).click();
    await flush();
    await flush();
    expect(api.pushStories).toHaveBeenLastCalledWith([quayStory], "Harbour News", "keep_site", expect.any(Function));
    expect(second.dataset.outcome).toBe("kept");
    expect(second.textContent).toContain("Kept the version on Harbour News");
  });

  it("asks for a secret that is gone, keeps it, and sends again", async () => {
    const api = fakeApi();
    api.pushStories.mockResolvedValueOnce([{ outcome: "failed", story: ferries, target: "Quay Weekly", kind: "no_secret", error: "the Admin API key for Quay Weekly was kept for the last session only" }]);
    api.setTargetSecret.mockResolvedValueOnce({ outcome: "no_keyring", reason: "no Secret Service is running" });
    pushDialog(api, request());
    await flush();
    $<HTMLSelectElement>("[data-testid=push-target]").value = "Quay Weekly";
    $("[data-testid=push-send]").click();
    await flush();
    await flush();
    const line = $("[data-testid=push-outcome]");
    const secret = $<HTMLInputElement>("[data-testid=secret-again]", line);
    expect(secret.type).toBe("password");
    expect([...(secret.labels ?? [])].map((l) => l.textContent)).toEqual(["Admin API key for Quay Weekly"]);
    secret.value = "64f0:abcdef";
    $("[data-testid=secret-save]", line).click();
    await flush();
    expect(api.setTargetSecret).toHaveBeenCalledWith("Quay Weekly", "64f0:abcdef", false);
    expect($("[data-testid=secret-result] [role=alert]", line).textContent).toBe("Not kept: no Secret Service is running");
    const session = $<HTMLButtonElement>("[data-testid=secret-session-only]", line);
    expect(session.hidden).toBe(false);
    session.click();
    await flush();
    await flush();
    expect(api.setTargetSecret).toHaveBeenLastCalledWith("Quay Weekly", "64f0:abcdef", true);
    expect(api.pushStories).toHaveBeenLastCalledWith([ferries], "Quay Weekly", "ask", expect.any(Function));
    expect(line.dataset.outcome).toBe("sent");
    expect($("[data-testid=push-link]", line)).toBeTruthy();
  });

  it("says why nothing was sent when the story could not be saved first", async () => {
    const api = fakeApi();
    pushDialog(api, request(1, { beforePush: () => Promise.reject(new Error("the open story could not be saved first")) }));
    await flush();
    $("[data-testid=push-send]").click();
    await flush();
    await flush();
    expect(api.pushStories).not.toHaveBeenCalled();
    expect($("[data-testid=push-error]").textContent).toBe("Not sent: the open story could not be saved first");
    expect($<HTMLButtonElement>("[data-testid=push-send]").disabled).toBe(false);
  });

  it("chooses the site chosen last time, and leads to the targets", async () => {
    localStorage.setItem("dateline.pushTarget", "Quay Weekly");
    const req = request();
    pushDialog(fakeApi(), req);
    await flush();
    expect($<HTMLSelectElement>("[data-testid=push-target]").value).toBe("Quay Weekly");
    $("[data-testid=push-manage]").click();
    expect(req.manageTargets).toHaveBeenCalled();
  });
});
