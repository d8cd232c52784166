// Who signs comments and suggestions: a name and initials, chosen once per
// computer (until then, the computer's user name). Asked in a small dialog
// from the top bar, and suggested by a quiet line in the library, never by a
// dialog that stands in the way at the first start.
import type { Api } from "../api";
import type { Person } from "../bindings/Person";
import { dialogFooter, modal } from "../components/dialogs";
import { h } from "../components/dom";
import { initialsOf } from "./text";

export function whoamiDialog(api: Pick<Api, "setWhoami">, person: Person | null, chosen: (person: Person) => void): void {
  const name = h("input", { id: "whoami-name", attrs: { type: "text", autocomplete: "name", "data-testid": "whoami-name", spellcheck: "false" } });
  name.value = person?.chosen ? person.name : "";
  name.placeholder = person?.name ?? "Your name";
  const initials = h("input", {
    id: "whoami-initials",
    attrs: { type: "text", maxlength: 4, "data-testid": "whoami-initials", spellcheck: "false", autocomplete: "off", "aria-describedby": "whoami-initials-hint" },
  });
  initials.value = person?.chosen ? person.initials : "";
  const suggestInitials = () => (initials.placeholder = initialsOf(name.value || person?.name || ""));
  suggestInitials();
  name.addEventListener("input", suggestInitials);
  const error = h("p", { class: "field-error", attrs: { role: "alert" } });
  error.hidden = true;
  const save = h("button", { class: "primary", text: "Save", attrs: { "data-testid": "whoami-save" } });
  const m = modal(
    "Who are you?",
    "whoami-dialog",
    h("p", { class: "hint", text: "Your name signs the comments and suggestions you make, and the stories you send for review." }),
    h("div", { class: "field" }, h("label", { class: "field-label", text: "Name", attrs: { for: "whoami-name" } }), name),
    h(
      "div",
      { class: "field" },
      h("label", { class: "field-label", text: "Initials", attrs: { for: "whoami-initials" } }),
      initials,
      h("p", { id: "whoami-initials-hint", class: "hint", text: "Shown beside your suggestions in the text. Blank: made from your name." }),
    ),
    error,
    dialogFooter(h("button", { text: "Cancel", on: { click: () => m.close() } }), save),
  );
  const submit = () => {
    if (!name.value.trim()) {
      error.textContent = "Type your name first.";
      error.hidden = false;
      name.focus();
      return;
    }
    save.disabled = true;
    api.setWhoami(name.value.trim(), initials.value.trim() || null).then(
      (p) => {
        m.close();
        chosen(p);
      },
      (e: unknown) => {
        save.disabled = false;
        error.textContent = (e as { message?: string }).message ?? String(e);
        error.hidden = false;
      },
    );
  };
  save.addEventListener("click", submit);
  for (const input of [name, initials]) input.addEventListener("keydown", (e) => e.key === "Enter" && submit());
  name.focus();
}

/** The line in the library until a name is chosen. */
export function whoamiHint(person: Person, open: () => void): HTMLElement {
  return h(
    "div",
    { class: "whoami-hint", attrs: { "data-testid": "whoami-hint" } },
    h("span", { text: `Comments and suggestions are signed “${person.name}”.` }),
    h("button", { class: "link", text: "Set your name", attrs: { "data-testid": "whoami-set" }, on: { click: open } }),
  );
}
