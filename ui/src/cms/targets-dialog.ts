// "Publishing targets": the sites stories are sent to. Each is listed with
// its kind, address and where its secret is kept, and can be tested or
// removed; below, a form adds one (tested first if the reporter likes). The
// secret goes to the system keyring, never into the library; when no keyring
// answers, nothing is saved and the dialog offers to keep the secret for
// this session only. A site's names for Dateline's sections and tags are
// typed one per line, in the form or later in the site's row.
import type { Api } from "../api";
import type { CmsKind } from "../bindings/CmsKind";
import type { Target } from "../bindings/Target";
import type { TargetInput } from "../bindings/TargetInput";
import { dialogFooter, modal, type Modal } from "../components/dialogs";
import { h, replaceChildren } from "../components/dom";
import { CMS_KINDS, isCmsKind, isPostStatus, kindLabel, POST_STATUSES, postStatusLabel, secretHint, secretLabel, secretPlaceText, sectionsLabel } from "./labels";
import { mappingSummary, mappingText, parseMapping, savedText, type Mapping } from "./mapping";
import { messageOf, resultLine, uniqueId } from "./parts";

export type TargetsApi = Pick<Api, "listTargets" | "addTarget" | "removeTarget" | "testConnection" | "testTarget" | "setTargetMapping">;

export interface TargetsRequest {
  /** Opened on the way to sending: a button goes back to "Send to CMS…". */
  back?: () => void;
  /** A target was added or removed. */
  changed?: () => void;
}

/** A labelled field: the label, the control, and what describes it. */
function field(id: string, label: string | HTMLLabelElement, control: HTMLElement, hint?: HTMLElement): HTMLDivElement {
  const name = typeof label === "string" ? h("label", { class: "field-label", text: label, attrs: { for: id } }) : label;
  if (hint) control.setAttribute("aria-describedby", hint.id);
  return h("div", { class: "field" }, name, control, hint);
}

const MAPPING_HINT = "One per line: Dateline name = the site's name. Leave the site's name empty to leave it out; anything not listed goes as it is.";

interface MappingFields {
  /** The hint and the two labelled boxes. */
  element: HTMLElement;
  categories: HTMLTextAreaElement;
  tags: HTMLTextAreaElement;
  /** Names the first box for the kind of site: categories or tags. */
  setKind(kind: CmsKind): void;
  fill(categories: Readonly<Mapping>, tags: Readonly<Mapping>): void;
  clear(): void;
  /** Both maps, or null once the first bad line is told to `fail` and its
   * box marked and focused (`reveal` first shows it, if it was folded away). */
  read(fail: (text: string) => void, reveal?: () => void): { categories: Mapping; tags: Mapping } | null;
}

/** Sections → categories (or Ghost tags) and tags → tags, one per line. */
function mappingFields(ids: { categories: string; tags: string; hint: string }, testids: { categories: string; tags: string }, kind: CmsKind): MappingFields {
  const hint = h("p", { id: ids.hint, class: "hint", text: MAPPING_HINT });
  const box = (id: string, testid: string, placeholder: string) =>
    h("textarea", { id, attrs: { rows: 3, spellcheck: "false", autocomplete: "off", placeholder, "aria-describedby": ids.hint, "data-testid": testid } });
  const categories = box(ids.categories, testids.categories, "World = International");
  const tags = box(ids.tags, testids.tags, "Election 2024 = Elections");
  const categoriesName = h("label", { class: "field-label", attrs: { for: ids.categories } });
  const tagsName = h("label", { class: "field-label", text: "Tags", attrs: { for: ids.tags } });
  for (const t of [categories, tags]) t.addEventListener("input", () => t.removeAttribute("aria-invalid"));
  const setKind = (k: CmsKind) => {
    categoriesName.textContent = sectionsLabel(k);
  };
  setKind(kind);
  return {
    element: h("div", { class: "target-mapping-fields" }, hint, h("div", { class: "field" }, categoriesName, categories), h("div", { class: "field" }, tagsName, tags)),
    categories,
    tags,
    setKind,
    fill(c, t) {
      categories.value = mappingText(c);
      tags.value = mappingText(t);
      for (const b of [categories, tags]) b.removeAttribute("aria-invalid");
    },
    clear() {
      for (const b of [categories, tags]) {
        b.value = "";
        b.removeAttribute("aria-invalid");
      }
    },
    read(fail, reveal) {
      const maps: Mapping[] = [];
      for (const [b, name] of [
        [categories, categoriesName],
        [tags, tagsName],
      ] as const) {
        const parsed = parseMapping(b.value);
        if ("error" in parsed) {
          reveal?.();
          b.setAttribute("aria-invalid", "true");
          fail(`${name.textContent ?? ""}, ${parsed.error.replace(/^Line/, "line")}`);
          b.focus();
          return null;
        }
        b.removeAttribute("aria-invalid");
        maps.push(parsed.map);
      }
      const [c = {}, t = {}] = maps;
      return { categories: c, tags: t };
    },
  };
}

/** One site in the list: test it, name its sections and tags, or remove it after saying so. */
function targetRow(api: TargetsApi, t: Target, removed: (name: string) => void): HTMLLIElement {
  const check = resultLine("target-check");
  const test = h("button", { text: "Test", attrs: { "aria-label": `Test ${t.name}`, "data-testid": "target-row-test" } });
  const remove = h("button", { class: "danger", text: "Remove", attrs: { "aria-label": `Remove ${t.name}`, "data-testid": "target-row-remove" } });
  const yes = h("button", { class: "primary danger", text: "Remove", attrs: { "data-testid": "target-remove-yes" } });
  const keep = h("button", { text: "Keep", attrs: { "data-testid": "target-remove-keep" } });
  // Asked in the row: a second dialog would close this one (one at a time).
  const confirm = h(
    "div",
    { class: "target-confirm", attrs: { role: "group", "aria-label": `Remove ${t.name}?` } },
    h("p", { text: `Remove “${t.name}”? Its posts stay on the site; its secret is forgotten.` }),
    h("div", { class: "row-actions" }, yes, keep),
  );
  confirm.hidden = true;
  const cancel = () => {
    confirm.hidden = true;
    remove.focus();
  };

  // The site's names, edited in the row too (a second dialog would close this one).
  let maps: { categories: Mapping; tags: Mapping } = { categories: t.categories, tags: t.tags };
  const summary = h("p", { class: "hint target-mapping-summary", attrs: { "data-testid": "target-row-mapping-summary" } });
  const showSummary = () => {
    summary.textContent = mappingSummary(maps.categories, maps.tags);
    summary.hidden = summary.textContent === "";
  };
  showSummary();
  const editorId = uniqueId("target-mapping");
  const names = h("button", {
    text: "Sections and tags…",
    attrs: { "aria-label": `Sections and tags for ${t.name}`, "aria-expanded": "false", "aria-controls": editorId, "data-testid": "target-row-mapping" },
  });
  const fields = mappingFields(
    { categories: uniqueId("target-mapping-categories"), tags: uniqueId("target-mapping-tags"), hint: uniqueId("target-mapping-hint") },
    { categories: "target-mapping-categories", tags: "target-mapping-tags" },
    t.kind,
  );
  const saveNames = h("button", { class: "primary", text: "Save", attrs: { "data-testid": "target-mapping-save" } });
  const closeNames = h("button", { text: "Cancel", attrs: { "data-testid": "target-mapping-cancel" } });
  const editing = resultLine("target-mapping-result");
  const editor = h(
    "div",
    { id: editorId, class: "target-mapping-edit", attrs: { role: "group", "aria-label": `Sections and tags for ${t.name}` } },
    fields.element,
    editing.element,
    h("div", { class: "row-actions" }, saveNames, closeNames),
  );
  editor.hidden = true;
  const showEditor = (on: boolean) => {
    editor.hidden = !on;
    names.setAttribute("aria-expanded", String(on));
  };
  const stopEditing = () => {
    showEditor(false);
    names.focus();
  };
  names.addEventListener("click", () => {
    if (!editor.hidden) {
      stopEditing();
      return;
    }
    confirm.hidden = true;
    fields.fill(maps.categories, maps.tags);
    editing.clear();
    saveNames.disabled = false;
    showEditor(true);
    fields.categories.focus();
  });
  closeNames.addEventListener("click", stopEditing);
  saveNames.addEventListener("click", () => {
    const wanted = fields.read((why) => editing.fail(why));
    if (!wanted) return;
    saveNames.disabled = true;
    editing.ok("Saving…");
    api.setTargetMapping(t.name, wanted.categories, wanted.tags).then(
      (saved) => {
        saveNames.disabled = false;
        maps = { categories: saved.categories, tags: saved.tags };
        showSummary();
        editing.clear();
        stopEditing();
        check.ok(savedText(saved.categories, saved.tags));
      },
      (e: unknown) => {
        saveNames.disabled = false;
        editing.fail(messageOf(e));
      },
    );
  });
  // Escape, as Cancel: closes the editor, not the whole dialog.
  editor.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    e.stopPropagation();
    stopEditing();
  });
  test.addEventListener("click", () => {
    test.disabled = true;
    check.ok(`Testing ${t.name}…`);
    api.testTarget(t.name).then(
      (site) => {
        test.disabled = false;
        check.ok(site.sentence);
      },
      (e: unknown) => {
        test.disabled = false;
        check.fail(messageOf(e));
      },
    );
  });
  remove.addEventListener("click", () => {
    showEditor(false);
    confirm.hidden = false;
    yes.focus();
  });
  keep.addEventListener("click", cancel);
  // Escape takes back the question, not the whole dialog.
  confirm.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    e.stopPropagation();
    cancel();
  });
  yes.addEventListener("click", () => {
    yes.disabled = true;
    api.removeTarget(t.name).then(
      () => removed(t.name),
      (e: unknown) => {
        yes.disabled = false;
        confirm.hidden = true;
        check.fail(messageOf(e));
        remove.focus();
      },
    );
  });
  return h(
    "li",
    { class: "target-row", attrs: { "data-testid": "target-row", "data-name": t.name } },
    h(
      "div",
      { class: "target-info" },
      h("strong", { class: "target-name", text: t.name }),
      h("span", { class: "badge", text: kindLabel(t.kind) }),
      h("span", { class: "target-url", text: t.url }),
      h("span", { class: "hint", text: `Secret: ${secretPlaceText(t.secret)}` }),
    ),
    summary,
    h("div", { class: "row-actions" }, test, names, remove),
    editor,
    confirm,
    check.element,
  );
}

export function targetsDialog(api: TargetsApi, req: TargetsRequest = {}): Modal {
  const list = h("ul", { class: "target-list", attrs: { "aria-labelledby": "targets-sites", "data-testid": "target-list" } });
  const listed = resultLine("targets-status");

  const name = h("input", { id: "target-name", attrs: { type: "text", placeholder: "Harbour News", autocomplete: "off", spellcheck: "false", "data-testid": "target-name" } });
  const kind = h(
    "select",
    { id: "target-kind", attrs: { "data-testid": "target-kind" } },
    ...CMS_KINDS.map((k) => h("option", { text: kindLabel(k), attrs: { value: k } })),
  );
  const url = h("input", { id: "target-url", attrs: { type: "url", placeholder: "https://news.example", autocomplete: "url", spellcheck: "false", "data-testid": "target-url" } });
  const user = h("input", { id: "target-user", attrs: { type: "text", autocomplete: "username", spellcheck: "false", "data-testid": "target-user" } });
  const userHint = h("p", { id: "target-user-hint", class: "hint", text: "The WordPress user the application password belongs to." });
  const userField = field("target-user", "User", user, userHint);
  // "new-password": the web view offers to remember nothing.
  const secret = h("input", { id: "target-secret", attrs: { type: "password", autocomplete: "new-password", spellcheck: "false", "data-testid": "target-secret" } });
  const secretName = h("label", { class: "field-label", attrs: { for: "target-secret" } });
  const secretAbout = h("p", { id: "target-secret-hint", class: "hint" });
  const status = h(
    "select",
    { id: "target-status", attrs: { "data-testid": "target-status" } },
    ...POST_STATUSES.map((s) => h("option", { text: postStatusLabel(s), attrs: { value: s } })),
  );
  status.value = "draft";
  const statusHint = h("p", { id: "target-status-hint", class: "hint", text: "Published and scheduled posts go up only for stories marked Ready." });
  const mapping = mappingFields(
    { categories: "target-categories", tags: "target-tags", hint: "target-mapping-hint" },
    { categories: "target-categories", tags: "target-tags" },
    "wordpress",
  );
  // Optional, so folded away until wanted.
  const mappingBox = h(
    "details",
    { class: "target-mapping", attrs: { "data-testid": "target-mapping" } },
    h("summary", { text: "Sections and tags on the site" }),
    mapping.element,
  );
  const result = resultLine("target-result");
  const test = h("button", { text: "Test connection", attrs: { "data-testid": "target-test" } });
  const add = h("button", { class: "primary", text: "Add target", attrs: { "data-testid": "target-add" } });
  const sessionOnly = h("button", { text: "Keep for this session only", attrs: { "data-testid": "target-session-only" } });
  const offer = h(
    "div",
    { class: "target-offer" },
    h("p", { class: "hint", text: "A secret kept for this session only is forgotten when Dateline quits; it is asked for again at the next push." }),
    sessionOnly,
  );
  offer.hidden = true;

  const chosenKind = (): CmsKind => (isCmsKind(kind.value) ? kind.value : "wordpress");
  const showKind = () => {
    const k = chosenKind();
    userField.hidden = k !== "wordpress";
    secretName.textContent = secretLabel(k);
    secretAbout.textContent = `${secretHint(k)} Kept in the system keyring, never in the library.`;
    mapping.setKind(k);
  };
  kind.addEventListener("change", showKind);
  showKind();

  const back = req.back;
  const m = modal(
    "Publishing targets",
    "targets-dialog",
    h("p", { class: "hint", text: "The WordPress and Ghost sites stories are sent to." }),
    h("h3", { id: "targets-sites", class: "dialog-subhead", text: "Sites" }),
    list,
    listed.element,
    h("h3", { class: "dialog-subhead", text: "Add a site" }),
    h(
      "div",
      { class: "target-form" },
      h("div", { class: "two" }, field("target-name", "Name", name), field("target-kind", "CMS", kind)),
      field("target-url", "Site address", url),
      h("div", { class: "two" }, userField, field("target-secret", secretName, secret, secretAbout)),
      field("target-status", "Posts go up as", status, statusHint),
      mappingBox,
    ),
    result.element,
    offer,
    dialogFooter(
      back &&
        h("button", {
          class: "link",
          text: "Back to Send to CMS…",
          attrs: { "data-testid": "targets-back" },
          on: { click: back },
        }),
      test,
      add,
    ),
  );

  const reload = async () => {
    try {
      const targets = await api.listTargets();
      replaceChildren(
        list,
        ...targets.map((t) =>
          targetRow(api, t, (gone) => {
            listed.ok(`Removed “${gone}”. Its posts stay on the site.`);
            req.changed?.();
            name.focus();
            void reload();
          }),
        ),
      );
      if (targets.length === 0) list.appendChild(h("li", { class: "empty hint", text: "No site yet: add one below." }));
    } catch (e) {
      listed.fail(messageOf(e));
    }
  };

  const inputs: [HTMLInputElement, () => boolean, string][] = [
    [name, () => true, "Give the site a name, as the desk calls it."],
    [url, () => true, "Type the site's address, such as https://news.example."],
    [user, () => chosenKind() === "wordpress", "Type the WordPress user the application password belongs to."],
    [secret, () => true, ""],
  ];
  for (const [input] of inputs) input.addEventListener("input", () => input.removeAttribute("aria-invalid"));

  /** The form as the core takes it, or null (the first gap named and focused). */
  const read = (needsName: boolean, sessionOnlyWanted: boolean): TargetInput | null => {
    for (const [input, applies, why] of inputs) {
      if (!applies() || (input === name && !needsName) || input.value.trim()) continue;
      input.setAttribute("aria-invalid", "true");
      result.fail(why || `Paste the ${secretLabel(chosenKind()).toLowerCase()}.`);
      input.focus();
      return null;
    }
    const names = mapping.read(
      (why) => result.fail(why),
      () => (mappingBox.open = true),
    );
    if (!names) return null;
    return {
      name: name.value.trim(),
      kind: chosenKind(),
      url: url.value.trim(),
      user: chosenKind() === "wordpress" ? user.value.trim() : "",
      secret: secret.value.trim(),
      default_status: isPostStatus(status.value) ? status.value : "draft",
      session_only: sessionOnlyWanted,
      categories: names.categories,
      tags: names.tags,
    };
  };

  /** Buttons off while the core works; the keyboard kept in the dialog. */
  const busy = (on: boolean, from: HTMLButtonElement) => {
    for (const b of [test, add, sessionOnly]) b.disabled = on;
    if (!on && !m.element.contains(document.activeElement)) from.focus();
  };

  const runTest = () => {
    const input = read(false, false);
    if (!input) return;
    busy(true, test);
    result.ok("Testing the connection…");
    api.testConnection(input).then(
      (site) => {
        busy(false, test);
        result.ok(site.sentence);
      },
      (e: unknown) => {
        busy(false, test);
        result.fail(messageOf(e));
      },
    );
  };

  const save = (sessionOnlyWanted: boolean) => {
    const from = sessionOnlyWanted ? sessionOnly : add;
    const input = read(true, sessionOnlyWanted);
    if (!input) return;
    busy(true, from);
    api.addTarget(input).then(
      (saved) => {
        busy(false, from);
        if (saved.outcome === "no_keyring") {
          result.fail(`The secret could not be kept in the system keyring (${saved.reason.trim().replace(/\.+$/, "")}), so nothing was saved.`);
          offer.hidden = false;
          sessionOnly.focus();
          return;
        }
        offer.hidden = true;
        for (const [i] of inputs) i.value = "";
        mapping.clear();
        mappingBox.open = false;
        result.ok(
          saved.session_only
            ? `Added “${saved.target.name}”. Its secret is kept for this session only.`
            : `Added “${saved.target.name}”. Its secret is kept in the system keyring.`,
        );
        req.changed?.();
        name.focus();
        void reload();
      },
      (e: unknown) => {
        busy(false, from);
        result.fail(messageOf(e));
      },
    );
  };

  test.addEventListener("click", runTest);
  add.addEventListener("click", () => save(false));
  sessionOnly.addEventListener("click", () => save(true));
  for (const [input] of inputs) input.addEventListener("keydown", (e) => e.key === "Enter" && save(false));
  name.focus();
  void reload();
  return m;
}
