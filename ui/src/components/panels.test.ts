import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { story } from "../testing/fixtures";
import { panelContext } from "../testing/panel-context";
import { createPanels, type PanelContext } from "./panels";

function context(overrides: Partial<PanelContext> = {}): PanelContext {
  return panelContext({ story: story({ related: [{ title: "Earlier", url: "https://example.com/earlier", summary: "" }] }), ...overrides });
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event("input"));
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("side panels", () => {
  afterEach(() => clearMocks());

  it("edits the parts and counts characters against the budget", () => {
    const ctx = context();
    const { element } = createPanels(ctx);
    const seo = element.querySelector<HTMLInputElement>('[data-field="headlines.seo"]');
    if (!seo) throw new Error("no SEO field");
    type(seo, "a".repeat(61));
    expect(ctx.story.headlines.seo).toHaveLength(61);
    const counter = element.querySelector<HTMLElement>('[data-counter-for="headlines.seo"]');
    expect(counter?.textContent).toBe("61 / 60");
    expect(counter?.dataset.state).toBe("over");
    const tags = element.querySelector<HTMLInputElement>('[data-field="tags"]');
    if (!tags) throw new Error("no tags field");
    type(tags, "harbour, ferries");
    expect(ctx.story.tags).toEqual(["harbour", "ferries"]);
    expect(ctx.changed).toHaveBeenCalled();
  });

  it("refuses an empty headline inline and keeps the old one", () => {
    const ctx = context();
    const { element } = createPanels(ctx);
    const headline = element.querySelector<HTMLTextAreaElement>('[data-field="headline"]');
    if (!headline) throw new Error("no headline field");
    type(headline, "  ");
    expect(ctx.story.headline).toBe("Ferries return to Portmere harbour");
    expect(element.querySelector<HTMLElement>('[data-error-for="headline"]')?.hidden).toBe(false);
  });

  it("refuses a bad related link with the core's sentence and changes nothing", async () => {
    mockIPC((cmd, args) => {
      if (cmd !== "check_link") return null;
      const url = (args as { url: string }).url;
      if (url.startsWith("javascript:")) {
        throw { kind: "invalid", message: `url: "${url}" is not a usable link (only http:// and https:// links are allowed)` };
      }
      return null;
    });
    const ctx = context();
    const { element } = createPanels(ctx);
    const url = element.querySelector<HTMLInputElement>('[data-related-index="0"] [data-field="url"]');
    if (!url) throw new Error("no url field");
    type(url, "javascript:alert(1)");
    await flush();
    const error = element.querySelector<HTMLElement>('[data-related-index="0"] [data-error-for="url"]');
    expect(error?.hidden).toBe(false);
    expect(error?.textContent).toContain("only http:// and https:// links are allowed");
    expect(ctx.story.related[0]?.url).toBe("https://example.com/earlier");
    type(url, "https://example.com/later");
    await flush();
    expect(error?.hidden).toBe(true);
    expect(ctx.story.related[0]?.url).toBe("https://example.com/later");
  });

  it("adds, reorders and removes related links", async () => {
    mockIPC(() => null);
    const ctx = context();
    const { element } = createPanels(ctx);
    const field = (name: string) => element.querySelector<HTMLInputElement>(`[data-field="${name}"]`);
    const title = field("new-related-title");
    const url = field("new-related-url");
    if (!title || !url) throw new Error("no add form");
    title.value = "Later";
    url.value = "https://example.com/later";
    element.querySelector<HTMLButtonElement>('[data-testid="add-related"]')?.click();
    await flush();
    expect(ctx.story.related.map((r) => r.title)).toEqual(["Earlier", "Later"]);
    element.querySelector<HTMLButtonElement>('[data-related-index="1"] [data-action="up"]')?.click();
    expect(ctx.story.related.map((r) => r.title)).toEqual(["Later", "Earlier"]);
    element.querySelector<HTMLButtonElement>('[data-related-index="0"] [data-action="remove"]')?.click();
    expect(ctx.story.related.map((r) => r.title)).toEqual(["Earlier"]);
  });

  it("edits a picture's caption, credit and alt text and picks the hero", () => {
    const ctx = context({
      story: story({
        media: [
          { id: "a", file: { hash: "ab".repeat(32), file_name: "port.jpg", mime: "image/jpeg", size: 2048 }, caption: "", credit: "", alt_text: "", rights: "", hero: true },
          { id: "b", file: null, caption: "", credit: "", alt_text: "", rights: "", hero: false },
        ],
      }),
    });
    const { element } = createPanels(ctx);
    const card = (i: number, f: string) => element.querySelector<HTMLInputElement>(`[data-media-index="${i}"] [data-field="${f}"]`);
    const caption = card(0, "caption");
    const credit = card(0, "credit");
    const alt = card(0, "alt_text");
    const hero = card(1, "hero");
    if (!caption || !credit || !alt || !hero) throw new Error("no media fields");
    type(caption, "Boats at dawn");
    type(credit, "Photo: J. Doe");
    type(alt, "Two ferries at a quay");
    hero.checked = true;
    hero.dispatchEvent(new Event("change"));
    expect(ctx.story.media[0]).toMatchObject({ caption: "Boats at dawn", credit: "Photo: J. Doe", alt_text: "Two ferries at a quay", hero: false });
    expect(ctx.story.media[1]?.hero).toBe(true);
    expect(element.querySelector("img.thumb")?.getAttribute("src")).toBe(`dateline-media://localhost/${"ab".repeat(32)}`);
  });
});
