import { afterEach, describe, expect, it, vi } from "vitest";
import type { Story } from "../bindings/Story";
import { story } from "../testing/fixtures";
import { panelContext } from "../testing/panel-context";
import { correctionsPanel } from "./corrections-panel";
import { createPanels, type PanelContext } from "./panels";

function context(overrides: Partial<Story> = {}): PanelContext {
  return panelContext({ story: story(overrides) });
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event("input"));
}

function choose(select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event("change"));
}

function get<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}

const earlier = { kind: "correction" as const, text: "An earlier version gave the wrong date.", at: "2026-01-02T10:00:00Z" };
const later = { kind: "update" as const, text: "The crossing now runs hourly.", at: "2026-01-03T08:30:00Z" };

describe("corrections and embargo panel", () => {
  let mounted: HTMLElement | null = null;
  const mount = (el: HTMLElement) => {
    mounted = el;
    document.body.appendChild(el);
    return el;
  };
  afterEach(() => {
    mounted?.remove();
    mounted = null;
    vi.useRealTimers();
  });

  it("is closed for a story without corrections or embargo, open otherwise", () => {
    const closed = correctionsPanel(context()) as HTMLDetailsElement;
    expect(closed.dataset.testid).toBe("corrections-panel");
    expect(closed.querySelector("summary")?.textContent).toBe("Corrections and embargo");
    expect(closed.open).toBe(false);
    expect((correctionsPanel(context({ corrections: [earlier] })) as HTMLDetailsElement).open).toBe(true);
    expect((correctionsPanel(context({ embargo_until: "2099-01-01T00:00:00Z" })) as HTMLDetailsElement).open).toBe(true);
  });

  it("sits right after the related links in the side panels", () => {
    const { element } = createPanels(context());
    const keys = [...element.querySelectorAll<HTMLElement>(":scope > details")].map((d) => d.dataset.panel);
    expect(keys.indexOf("corrections")).toBe(keys.indexOf("related") + 1);
  });

  it("lists the corrections oldest first, dated, with labelled controls", () => {
    const el = mount(correctionsPanel(context({ corrections: [earlier, later] })));
    const rows = el.querySelectorAll<HTMLElement>('[data-testid="correction-list"] [data-testid="correction-row"]');
    expect(rows).toHaveLength(2);
    expect(get<HTMLSelectElement>(rows[0] as HTMLElement, '[data-field="correction-kind"]').value).toBe("correction");
    expect(get<HTMLTextAreaElement>(rows[1] as HTMLElement, '[data-field="correction-text"]').value).toBe("The crossing now runs hourly.");
    expect(get<HTMLTimeElement>(rows[1] as HTMLElement, "time").getAttribute("datetime")).toBe("2026-01-03T08:30:00Z");
    expect(get(rows[1] as HTMLElement, '[data-action="remove"]').getAttribute("aria-label")).toBe("Remove correction 2");
    for (const control of el.querySelectorAll<HTMLElement>("input, select, textarea")) {
      const labelled = control.getAttribute("aria-label") ?? el.querySelector(`label[for="${control.id}"]`)?.textContent;
      expect(labelled, control.outerHTML).toBeTruthy();
    }
  });

  it("adds a correction and keeps the keyboard in the form", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-02-01T12:00:00Z"));
    const ctx = context({ corrections: [earlier] });
    const el = mount(correctionsPanel(ctx));
    choose(get(el, '[data-field="new-correction-kind"]'), "clarification");
    const text = get<HTMLTextAreaElement>(el, '[data-field="new-correction-text"]');
    text.value = "  The mayor spoke for the council, not herself.  ";
    get<HTMLButtonElement>(el, '[data-testid="add-correction"]').click();
    expect(ctx.story.corrections).toEqual([
      earlier,
      { kind: "clarification", text: "The mayor spoke for the council, not herself.", at: "2026-02-01T12:00:00.000Z" },
    ]);
    expect(ctx.changed).toHaveBeenCalledTimes(1);
    expect(el.querySelectorAll('[data-testid="correction-row"]')).toHaveLength(2);
    expect(text.value).toBe("");
    expect(get<HTMLSelectElement>(el, '[data-field="new-correction-kind"]').value).toBe("correction");
    expect(document.activeElement).toBe(text);
  });

  it("refuses a correction without text and adds nothing", () => {
    const ctx = context();
    const el = mount(correctionsPanel(ctx));
    type(get(el, '[data-field="new-correction-text"]'), "   ");
    get<HTMLButtonElement>(el, '[data-testid="add-correction"]').click();
    const alert = get<HTMLElement>(el, '[data-error-for="new-correction"]');
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toBe("Type the correction's text first.");
    expect(ctx.story.corrections).toEqual([]);
    expect(ctx.changed).not.toHaveBeenCalled();
    expect(el.querySelectorAll('[data-testid="correction-row"]')).toHaveLength(0);
  });

  it("changes the kind and the text of a correction, refusing empty text", () => {
    const ctx = context({ corrections: [earlier, later] });
    const el = mount(correctionsPanel(ctx));
    const row = el.querySelectorAll<HTMLElement>('[data-testid="correction-row"]')[1] as HTMLElement;
    choose(get(row, '[data-field="correction-kind"]'), "clarification");
    const text = get<HTMLTextAreaElement>(row, '[data-field="correction-text"]');
    type(text, "The crossing now runs every 90 minutes.");
    expect(ctx.story.corrections[1]).toEqual({ kind: "clarification", text: "The crossing now runs every 90 minutes.", at: later.at });
    expect(ctx.changed).toHaveBeenCalledTimes(2);
    type(text, "  ");
    const error = get<HTMLElement>(row, '[data-error-for="correction-text"]');
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe("A correction needs its text (remove it instead).");
    expect(ctx.story.corrections[1]?.text).toBe("The crossing now runs every 90 minutes.");
    expect(ctx.changed).toHaveBeenCalledTimes(2);
  });

  it("removes a correction", () => {
    const third = { kind: "clarification" as const, text: "The ferry is owned by the port, not the council.", at: "2026-01-04T11:00:00Z" };
    const ctx = context({ corrections: [earlier, later, third] });
    const el = mount(correctionsPanel(ctx));
    get<HTMLButtonElement>(el, '[data-correction-index="1"] [data-action="remove"]').click();
    expect(ctx.story.corrections).toEqual([earlier, third]);
    expect(ctx.changed).toHaveBeenCalledTimes(1);
    const texts = [...el.querySelectorAll<HTMLTextAreaElement>('[data-testid="correction-row"] [data-field="correction-text"]')].map((t) => t.value);
    expect(texts).toEqual([earlier.text, third.text]);
    // The keyboard lands on the next row's Remove, not on the page.
    expect(document.activeElement).toBe(get(el, '[data-correction-index="1"] [data-action="remove"]'));
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Remove correction 2");
  });

  it("sets and clears the embargo, noting a time already passed", () => {
    const ctx = context();
    const el = mount(correctionsPanel(ctx));
    const input = get<HTMLInputElement>(el, '[data-field="embargo_until"]');
    expect(input.type).toBe("datetime-local");
    expect(el.querySelector(`label[for="${input.id}"]`)?.textContent).toBe("Embargo until");
    const past = get<HTMLElement>(el, '[data-testid="embargo-past"]');
    expect(input.getAttribute("aria-describedby")?.split(" ")).toContain(past.id);
    expect(past.hidden).toBe(true);

    type(input, "2099-03-04T05:06");
    expect(ctx.story.embargo_until).toBe(new Date(2099, 2, 4, 5, 6).toISOString());
    expect(ctx.story.embargo_until).toMatch(/^2099-03-0[345]T\d\d:\d\d:00\.000Z$/);
    expect(past.hidden).toBe(true);

    type(input, "2020-01-02T03:04");
    expect(ctx.story.embargo_until).toBe(new Date(2020, 0, 2, 3, 4).toISOString());
    expect(past.hidden).toBe(false);
    expect(past.textContent).toBe("This time has passed: the embargo no longer holds anything back.");
    // A hint, not an error: the value is kept and the field is not invalid.
    expect(input.getAttribute("aria-invalid")).toBe("false");

    type(input, "");
    expect(ctx.story.embargo_until).toBeNull();
    expect(past.hidden).toBe(true);
    expect(ctx.changed).toHaveBeenCalledTimes(3);
  });

  it("notes a past embargo the story already had", () => {
    const el = correctionsPanel(context({ embargo_until: "2021-06-01T09:00:00Z" }));
    expect(get<HTMLElement>(el, '[data-testid="embargo-past"]').hidden).toBe(false);
    expect(get<HTMLInputElement>(el, '[data-field="embargo_until"]').value).toBe(
      (() => {
        const d = new Date("2021-06-01T09:00:00Z");
        const p = (n: number) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      })(),
    );
  });
});

describe("the corrections panel's open state", () => {
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it("opening it for one story leaves it closed for the next, unless opened by hand", async () => {
    const first = correctionsPanel(context({ corrections: [earlier] })) as HTMLDetailsElement;
    document.body.appendChild(first);
    await flush();
    expect(first.open).toBe(true);
    expect((correctionsPanel(context()) as HTMLDetailsElement).open).toBe(false);
    // Closed and opened again by hand: remembered.
    first.open = false;
    await flush();
    first.open = true;
    await flush();
    expect((correctionsPanel(context()) as HTMLDetailsElement).open).toBe(true);
    first.open = false;
    await flush();
    first.remove();
  });
});
