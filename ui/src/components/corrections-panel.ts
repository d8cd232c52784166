// The "Corrections and embargo" panel: the public notes added to a story
// already out (oldest first, each dated when it was added) and the time
// before which it must not be published. Both are saved with the story like
// every other part, and go out with the next export or CMS update.
import type { Correction } from "../bindings/Correction";
import type { CorrectionKind } from "../bindings/CorrectionKind";
import { fromLocalInput, fullTime, toLocalInput } from "../logic/format";
import { h, replaceChildren } from "./dom";
import { section, textField, type PanelContext } from "./panels";

const KINDS: readonly { kind: CorrectionKind; label: string }[] = [
  { kind: "correction", label: "Correction" },
  { kind: "update", label: "Update" },
  { kind: "clarification", label: "Clarification" },
];

function kindOf(value: string): CorrectionKind {
  return KINDS.find((k) => k.kind === value)?.kind ?? "correction";
}

function kindSelect(value: CorrectionKind, attrs: Record<string, string>): HTMLSelectElement {
  const select = h("select", { attrs }, ...KINDS.map((k) => h("option", { text: k.label, attrs: { value: k.kind } })));
  select.value = value;
  return select;
}

/** True when the time is already behind us (an embargo that holds nothing back). */
function isPast(iso: string | null, now: number = Date.now()): boolean {
  if (!iso) return false;
  const at = Date.parse(iso);
  return !Number.isNaN(at) && at <= now;
}

function embargoField(ctx: PanelContext): HTMLElement {
  const s = ctx.story;
  const past = h("p", {
    class: "hint",
    text: "This time has passed: the embargo no longer holds anything back.",
    attrs: { role: "status", "data-testid": "embargo-past" },
  });
  const showPast = () => (past.hidden = !isPast(s.embargo_until));
  const field = textField(ctx, {
    label: "Embargo until",
    field: "embargo_until",
    value: toLocalInput(s.embargo_until),
    type: "datetime-local",
    hint: "Not published before this time, your local time: a CMS keeps the post a draft or schedules it. Empty: no embargo.",
    apply: (v) => {
      s.embargo_until = fromLocalInput(v);
      showPast();
    },
  });
  const input = field.querySelector<HTMLInputElement>('[data-field="embargo_until"]');
  if (input) {
    past.id = `${input.id}-past`;
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") ?? ""} ${past.id}`.trim());
  }
  field.appendChild(past);
  showPast();
  return field;
}

export function correctionsPanel(ctx: PanelContext): HTMLElement {
  const s = ctx.story;
  const list = h("div", { class: "rows", attrs: { "data-list": "corrections", "data-testid": "correction-list" } });
  const newKind = kindSelect("correction", { "data-field": "new-correction-kind", "aria-label": "Kind of the new correction" });
  const newText = h("textarea", {
    attrs: { rows: 3, placeholder: "What was wrong, and what is right", "data-field": "new-correction-text", "aria-label": "New correction text", spellcheck: "true" },
  });
  const error = h("p", { id: `new-correction-error-${Math.random().toString(36).slice(2, 7)}`, class: "field-error", attrs: { role: "alert", "data-error-for": "new-correction" } });
  error.hidden = true;
  newText.setAttribute("aria-describedby", error.id);

  const render = () => {
    replaceChildren(
      list,
      ...s.corrections.map((c: Correction, i) => {
        const n = i + 1;
        const kindId = `correction-kind-${n}-${Math.random().toString(36).slice(2, 7)}`;
        const kind = kindSelect(c.kind, { id: kindId, "data-field": "correction-kind" });
        kind.addEventListener("change", () => {
          c.kind = kindOf(kind.value);
          ctx.changed();
        });
        const remove = () => {
          s.corrections.splice(i, 1);
          ctx.changed();
          render();
          // The button pressed is gone: the keyboard goes to the next one, or the form.
          const buttons = list.querySelectorAll<HTMLButtonElement>('[data-action="remove"]');
          (buttons[Math.min(i, buttons.length - 1)] ?? newText).focus();
        };
        return h(
          "div",
          { class: "row-card", attrs: { "data-testid": "correction-row", "data-correction-index": i } },
          h("div", { class: "field" }, h("div", { class: "field-label" }, h("label", { text: `Kind (${n} of ${s.corrections.length})`, attrs: { for: kindId } })), kind),
          textField(ctx, {
            label: "Correction text",
            field: "correction-text",
            value: c.text,
            multiline: true,
            rows: 3,
            validate: (v) => (v.trim() === "" ? "A correction needs its text (remove it instead)." : null),
            apply: (v) => (c.text = v),
          }),
          h(
            "div",
            { class: "row-buttons" },
            h("p", { class: "hint row-date" }, "Added ", h("time", { text: fullTime(c.at), attrs: { datetime: c.at } })),
            h("button", {
              class: "icon danger",
              text: "×",
              title: `Remove correction ${n}`,
              attrs: { "aria-label": `Remove correction ${n}`, "data-action": "remove" },
              on: { click: remove },
            }),
          ),
        );
      }),
    );
    if (s.corrections.length === 0) list.appendChild(h("p", { class: "hint", text: "No corrections." }));
  };
  render();

  const showError = (message: string | null) => {
    error.textContent = message ?? "";
    error.hidden = message === null;
    newText.setAttribute("aria-invalid", String(message !== null));
  };
  const add = () => {
    const text = newText.value.trim();
    if (!text) {
      showError("Type the correction's text first.");
      newText.focus();
      return;
    }
    s.corrections.push({ kind: kindOf(newKind.value), text, at: new Date().toISOString() });
    newKind.value = "correction";
    newText.value = "";
    showError(null);
    ctx.changed();
    render();
    // Ready for another; the new row is left alone.
    newText.focus();
  };
  newText.addEventListener("input", () => {
    if (!error.hidden && newText.value.trim()) showError(null);
  });
  // Enter makes a new line in the text; Ctrl+Enter (⌘+Enter) adds it.
  newText.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      add();
    }
  });

  const element = section(
    "Corrections and embargo",
    "corrections",
    s.corrections.length > 0 || s.embargo_until !== null,
    embargoField(ctx),
    h("h3", { text: "Corrections" }),
    list,
    h("p", { class: "hint", text: "Shown to readers under the story and sent with the next update to a CMS." }),
    h(
      "div",
      { class: "add-card" },
      newKind,
      newText,
      h("button", { text: "Add correction", attrs: { "data-testid": "add-correction" }, on: { click: add } }),
      error,
    ),
  );
  element.dataset.testid = "corrections-panel";
  return element;
}
