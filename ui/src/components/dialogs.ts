// Modal dialogs: paste a story, export, revisions, the shortcut help, and a
// confirmation. Each is a platform <dialog> opened with showModal(): the
// window behind it is inert (no clicks, no Tab, hidden from screen readers),
// the keyboard moves into it and stays there, Escape closes it (the dialog's
// `cancel` event) and the focus goes back where it was. Each is built when
// opened and removed when closed.
import type { Api } from "../api";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { RevisionInfo } from "../bindings/RevisionInfo";
import type { Story } from "../bindings/Story";
import type { StoryId } from "../bindings/StoryId";
import { fullTime, plural, revisionReason } from "../logic/format";
import { EDITOR_KEYS, SHORTCUTS } from "../logic/shortcuts";
import { h, replaceChildren } from "./dom";
import { createPreview } from "./preview";

export interface Modal {
  element: HTMLDialogElement;
  close: () => void;
}

let openModal: Modal | null = null;
/** Numbers the dialogs' titles, so each id is unique. */
let opened = 0;

export function isModalOpen(): boolean {
  return openModal !== null;
}

export function closeModal(): void {
  openModal?.close();
}

/** The row of buttons at the foot of a dialog. Not a <footer>: outside
 * sectioning content that would be a second "contentinfo" landmark. */
export function dialogFooter(...children: (Node | null | undefined | false)[]): HTMLDivElement {
  return h("div", { class: "dialog-foot" }, ...children);
}

/** A modal dialog over the window, named by its heading. Escape, the × and a
 * press outside it close it, and the focus goes back where it was. */
export function modal(title: string, testid: string, ...body: (Node | null | false)[]): Modal {
  closeModal();
  const active = document.activeElement;
  const previous = active instanceof HTMLElement && active !== document.body ? active : null;
  const titleId = `dialog-title-${++opened}`;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    if (openModal === result) openModal = null;
    if (previous?.isConnected) previous.focus();
  };
  // Not a <header>: that would be a second "banner" landmark.
  const dialog = h(
    "dialog",
    { class: "dialog", attrs: { "aria-labelledby": titleId, "data-testid": testid } },
    h(
      "div",
      { class: "dialog-head" },
      h("h2", { id: titleId, text: title }),
      h("button", { class: "icon", text: "×", title: "Close (Esc)", attrs: { "aria-label": "Close", "data-testid": "dialog-close" }, on: { click: close } }),
    ),
  );
  for (const child of body) if (child) dialog.appendChild(child);
  // Escape asks the dialog to cancel: close it our way (removed, focus back).
  dialog.addEventListener("cancel", (e) => {
    e.preventDefault();
    close();
  });
  // Closed by the platform some other way: tidy up all the same.
  dialog.addEventListener("close", close);
  // A press on the backdrop lands on the dialog itself, outside its box.
  dialog.addEventListener("mousedown", (e) => {
    if (e.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const outside = e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom;
    if (outside) close();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  const result: Modal = { element: dialog, close };
  openModal = result;
  return result;
}

function errorLine(): HTMLParagraphElement {
  const p = h("p", { class: "field-error", attrs: { role: "alert" } });
  p.hidden = true;
  return p;
}

function showError(p: HTMLElement, message: string): void {
  p.textContent = message;
  p.hidden = false;
}

/** "Paste story": the clipboard's text (or what is pasted into the box) run
 * through the structured import. */
export function pasteDialog(api: Pick<Api, "importText">, imported: (story: Story) => void): void {
  const hint = h("p", {
    id: "paste-hint",
    class: "hint",
    text: "Kicker, headline, standfirst, caption and credit, dateline, subheads and related links are recognised; reading-time lines and page footers are dropped.",
  });
  const text = h("textarea", {
    attrs: {
      rows: 16,
      placeholder: "Paste a story from a web page or a wire feed (Ctrl+V).",
      "aria-label": "The story's text",
      "aria-describedby": "paste-hint",
      "data-testid": "paste-text",
      spellcheck: "false",
    },
  });
  const error = errorLine();
  const go = h("button", { class: "primary", text: "Import as a new story", attrs: { "data-testid": "paste-import" } });
  const m = modal(
    "Paste story",
    "paste-dialog",
    hint,
    text,
    error,
    dialogFooter(go),
  );
  go.addEventListener("click", () => {
    go.disabled = true;
    api.importText(text.value).then(
      (story) => {
        m.close();
        imported(story);
      },
      (e: unknown) => {
        go.disabled = false;
        showError(error, (e as { message?: string }).message ?? String(e));
      },
    );
  });
  text.focus();
  // The clipboard is read when the platform allows it; otherwise Ctrl+V works.
  navigator.clipboard
    ?.readText()
    .then((clip) => {
      if (clip && !text.value) text.value = clip;
    })
    .catch(() => undefined);
}

const FORMATS: { value: ExportFormat; label: string; what: string }[] = [
  { value: "html", label: "HTML", what: "One self-contained page, pictures inlined" },
  { value: "md", label: "Markdown", what: "With YAML front matter for Hugo, Jekyll, Astro; pictures beside it" },
  { value: "ninjs", label: "ninjs", what: "IPTC ninjs 2.x JSON for news agencies" },
  { value: "ans", label: "ANS", what: "Arc XP story JSON" },
  { value: "wxr", label: "WXR", what: "WordPress eXtended RSS, for the WordPress importer" },
];

export interface ExportRequest {
  /** One story, or a batch when there are several. */
  ids: StoryId[];
  headline: string;
  /** Saves pending edits first so the export has them. */
  beforeExport: () => Promise<void>;
  done: (path: string) => void;
}

export function exportDialog(api: Pick<Api, "exportStory" | "exportStories">, req: ExportRequest): void {
  const last = (localStorage.getItem("dateline.exportFormat") ?? "html") as ExportFormat;
  const radios = FORMATS.map((f) => {
    const input = h("input", { attrs: { type: "radio", name: "format", value: f.value, "data-testid": `format-${f.value}` } });
    input.checked = f.value === last;
    return h("label", { class: "format" }, input, h("strong", { text: f.label }), h("span", { class: "hint", text: f.what }));
  });
  const chosen = (): ExportFormat => {
    const input = radios.map((r) => r.querySelector("input")).find((i) => i?.checked);
    return (input?.value ?? "html") as ExportFormat;
  };
  const batch = req.ids.length > 1;
  const progress = h("progress", { attrs: { max: req.ids.length, value: 0, "aria-label": "Stories exported", "data-testid": "export-progress" } });
  progress.hidden = true;
  const status = h("p", { class: "hint", attrs: { role: "status", "data-testid": "export-status" } });
  const error = errorLine();
  const go = h("button", {
    class: "primary",
    text: batch ? `Export ${req.ids.length} stories…` : "Export…",
    attrs: { "data-testid": "export-go" },
  });
  const m = modal(
    batch ? `Export ${plural(req.ids.length, "story", "stories")}` : "Export story",
    "export-dialog",
    h("p", { class: "hint", text: batch ? "Choose a format, then the folder to write into." : `“${req.headline}”: choose a format, then where to save it.` }),
    h("div", { class: "formats", attrs: { role: "radiogroup", "aria-label": "Format" } }, ...radios),
    progress,
    status,
    error,
    dialogFooter(go),
  );
  go.addEventListener("click", () => {
    const format = chosen();
    localStorage.setItem("dateline.exportFormat", format);
    go.disabled = true;
    error.hidden = true;
    const run = async () => {
      await req.beforeExport();
      if (!batch) {
        const first = req.ids[0];
        if (first === undefined) return;
        status.textContent = "Exporting…";
        const done = await api.exportStory(first, format);
        if (!done) {
          status.textContent = "Cancelled.";
          go.disabled = false;
          return;
        }
        m.close();
        req.done(done.path);
        return;
      }
      progress.hidden = false;
      status.textContent = "Choose a folder…";
      const done = await api.exportStories(req.ids, format, (p) => {
        progress.value = p.done;
        // A story that failed has no headline to show, only why.
        const what = p.headline ? `: ${p.headline}` : "";
        status.textContent = `${p.done} of ${p.total}${what}${p.error ? ` (not exported: ${p.error})` : ""}`;
      });
      if (!done) {
        status.textContent = "Cancelled.";
        progress.hidden = true;
        go.disabled = false;
        return;
      }
      status.textContent = `${plural(done.written, "story", "stories")} written to ${done.folder}.`;
      if (done.failures.length > 0) showError(error, `Not exported: ${done.failures.join("; ")}`);
      else req.done(done.folder);
      go.textContent = "Done";
      go.disabled = false;
      go.onclick = () => m.close();
    };
    run().catch((e: unknown) => {
      go.disabled = false;
      showError(error, (e as { message?: string }).message ?? String(e));
    });
  });
  go.focus();
}

/** One table of keys: each key names its row. */
function keyTable(caption: string, rows: readonly { keys: string; what: string }[]): HTMLTableElement {
  return h(
    "table",
    { class: "shortcuts" },
    h("caption", { text: caption }),
    h("tbody", {}, ...rows.map((s) => h("tr", {}, h("th", { attrs: { scope: "row" } }, h("kbd", { text: s.keys })), h("td", { text: s.what })))),
  );
}

/** The keyboard shortcuts, and which Dateline and library this is. */
export function helpDialog(api: Pick<Api, "libraryInfo">): void {
  const about = h("p", { class: "hint about", attrs: { "data-testid": "about" } });
  modal("Keyboard shortcuts", "help-dialog", keyTable("Anywhere in the window", SHORTCUTS), keyTable("In the body editor", EDITOR_KEYS), about);
  api.libraryInfo().then(
    (info) => (about.textContent = `Dateline ${info.version} · Library: ${info.path}`),
    () => undefined,
  );
}

export function confirmDialog(title: string, message: string, action: string, run: () => void): void {
  const yes = h("button", { class: "primary danger", text: action, attrs: { "data-testid": "confirm-yes" } });
  const m = modal(title, "confirm-dialog", h("p", { text: message }), dialogFooter(h("button", { text: "Keep", on: { click: () => m.close() } }), yes));
  yes.addEventListener("click", () => {
    m.close();
    run();
  });
  yes.focus();
}

export interface RevisionsRequest {
  story: Story;
  /** The version in the window once pending edits are saved. */
  currentVersion: () => number;
  beforeRestore: () => Promise<void>;
  restored: (story: Story) => void;
  render: (story: Story) => Promise<string>;
  /** Compares the chosen revision (its id) with the story now. */
  compare?: (revision: number) => void;
}

/** The story's revisions, newest first; one can be read and restored. */
export function revisionsDialog(api: Pick<Api, "listRevisions" | "getRevision" | "restoreRevision">, req: RevisionsRequest): void {
  const list = h("ol", { class: "revision-list", attrs: { "data-testid": "revision-list", "aria-label": "Revisions, newest first" } });
  const pane = createPreview({ fit: false });
  pane.frame.classList.add("revision-frame");
  pane.frame.title = "The story at this revision";
  pane.frame.setAttribute("data-testid", "revision-frame");
  const restore = h("button", { class: "primary", text: "Restore this revision", attrs: { disabled: true, "data-testid": "restore-revision" } });
  const compare =
    req.compare &&
    h("button", { text: "Compare…", title: "What changed between this revision and now", attrs: { disabled: true, "data-testid": "revisions-compare" } });
  const error = errorLine();
  const m = modal(
    `Revisions of “${req.story.headline}”`,
    "revisions-dialog",
    h("div", { class: "revisions" }, list, pane.element),
    error,
    dialogFooter(h("p", { class: "hint", text: "Restoring keeps the current text as a revision too, so it can be undone." }), compare, restore),
  );
  m.element.classList.add("wide");
  let chosen: RevisionInfo | null = null;
  const pick = async (rev: RevisionInfo, row: HTMLElement) => {
    chosen = rev;
    for (const r of list.children) {
      r.classList.toggle("active", r === row);
      r.querySelector("button")?.setAttribute("aria-current", String(r === row));
    }
    restore.disabled = false;
    if (compare) compare.disabled = false;
    try {
      const story = await api.getRevision(rev.id);
      if (chosen === rev) await pane.show(await req.render(story));
    } catch (e) {
      showError(error, (e as { message?: string }).message ?? String(e));
    }
  };
  api.listRevisions(req.story.id).then(
    (revs) => {
      replaceChildren(
        list,
        ...revs.map((rev) => {
          // The row is a button: Tab reaches it, Enter and Space show it.
          const row: HTMLElement = h(
            "li",
            { attrs: { "data-revision": rev.id } },
            h(
              "button",
              { class: "revision-pick", attrs: { type: "button", "aria-current": "false" }, on: { click: () => void pick(rev, row) } },
              h("strong", { text: `${revisionReason(rev.reason)} · v${rev.version}` }),
              h("span", { text: rev.author ? `${fullTime(rev.created_at)} · ${rev.author}` : fullTime(rev.created_at) }),
              h("span", { class: "hint", text: `${rev.headline} · ${plural(rev.word_count, "word")} · ${rev.origin}` }),
            ),
          );
          return row;
        }),
      );
      const first = list.firstElementChild;
      const firstRev = revs[0];
      if (first instanceof HTMLElement && firstRev) void pick(firstRev, first);
    },
    (e: unknown) => showError(error, (e as { message?: string }).message ?? String(e)),
  );
  compare?.addEventListener("click", () => {
    if (chosen) req.compare?.(chosen.id);
  });
  restore.addEventListener("click", () => {
    if (!chosen) return;
    const rev = chosen;
    restore.disabled = true;
    const run = async () => {
      await req.beforeRestore();
      const story = await api.restoreRevision(rev.id, req.currentVersion());
      m.close();
      req.restored(story);
    };
    run().catch((e: unknown) => {
      restore.disabled = false;
      showError(error, (e as { message?: string }).message ?? String(e));
    });
  });
}
