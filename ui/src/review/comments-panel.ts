// The Comments panel: select words in the body (or in the headline,
// standfirst, kicker or a caption), press Comment, write. Each comment shows
// who and when, the words it is about (or that they were removed), its
// replies and a box to answer, and can be resolved, reopened or deleted.
// Comments never leave the library with an export; they travel in review
// packages and are kept on their words by the core at every save.
import type { Anchor } from "../bindings/Anchor";
import type { Note } from "../bindings/Note";
import type { Person } from "../bindings/Person";
import type { Story } from "../bindings/Story";
import { h, replaceChildren, showCount } from "../components/dom";
import { fullTime } from "../logic/format";
import { fieldLabel, isBody } from "./fields";
import { quoted } from "./text";
import type { SelectionMemory } from "./selection";

export interface CommentsContext {
  story: Story;
  person: () => Person;
  memory: SelectionMemory;
  /** Call after every change to the story's comments. */
  changed: () => void;
  /** Shows a comment's words where they are (body editor or field). */
  reveal: (note: Note) => void;
}

export interface CommentsPanel {
  element: HTMLDetailsElement;
  /** Opens the box for a new comment on the last words selected. */
  start(): void;
  /** Scrolls to a comment and marks it (focus: moves the keyboard there). */
  show(id: string, focus: boolean): void;
  /** Draws the list again from the story (comments re-anchored by a save). */
  update(): void;
}

const now = () => new Date().toISOString();

export function createCommentsPanel(ctx: CommentsContext, panel: (title: string, key: string, ...children: Node[]) => HTMLDetailsElement): CommentsPanel {
  const s = ctx.story;
  const list = h("div", { class: "rows comment-list", attrs: { "data-list": "notes", "data-testid": "comments-list" } });
  const count = h("span", { class: "count-badge", attrs: { "data-testid": "comments-count" } });
  /** What the comment being written is about. */
  let anchor: Anchor | null = null;
  /** Replies being written, by comment id, so a redraw keeps them. */
  const drafts = new Map<string, string>();

  const about = h("p", { class: "comment-about hint" });
  const text = h("textarea", {
    attrs: { rows: 3, placeholder: "Your comment (Ctrl+Enter to save)", "aria-label": "Comment", "data-testid": "comment-text", "data-field": "new-note" },
  });
  const save = h("button", { class: "primary", text: "Save comment", attrs: { "data-testid": "comment-save" } });
  const cancel = h("button", { text: "Cancel", attrs: { "data-testid": "comment-cancel" } });
  const composer = h("div", { class: "add-card comment-composer" }, about, text, h("div", { class: "row-actions" }, save, cancel));
  composer.hidden = true;
  const commentButton = h("button", {
    text: "Comment",
    title: "Comment on the words selected in the body or a field, or on the whole story (Ctrl+Alt+M)",
    attrs: { "data-testid": "comment-button" },
  });

  const mutate = (change: () => void) => {
    change();
    ctx.changed();
    update();
  };

  const close = () => {
    composer.hidden = true;
    text.value = "";
    anchor = null;
  };

  const add = () => {
    const words = text.value.trim();
    if (!words) {
      text.focus();
      return;
    }
    const note: Note = { id: crypto.randomUUID(), author: ctx.person().name, text: words, anchor, created_at: now(), replies: [], resolved: null };
    close();
    mutate(() => s.notes.push(note));
    commentButton.focus();
  };

  save.addEventListener("click", add);
  cancel.addEventListener("click", () => {
    close();
    commentButton.focus();
  });
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      add();
    } else if (e.key === "Escape") {
      e.stopPropagation();
      close();
      commentButton.focus();
    }
  });

  const byId = (id: string) => s.notes.find((n) => n.id === id);

  const quote = (n: Note) => {
    if (!n.anchor) return h("p", { class: "hint comment-scope", text: "About the whole story" });
    const where = isBody(n.anchor.field) ? null : h("span", { class: "comment-field", text: fieldLabel(s, n.anchor.field) });
    if (n.anchor.removed) {
      return h(
        "p",
        { class: "comment-quote removed" },
        where,
        h("span", { class: "badge", text: "Text removed", title: `The words were: “${n.anchor.exact}”` }),
        h("del", { text: quoted(n.anchor.exact, 60) }),
      );
    }
    return h(
      "p",
      { class: "comment-quote" },
      where,
      h("button", {
        class: "quote-button",
        text: `“${quoted(n.anchor.exact, 120)}”`,
        title: "Show these words",
        attrs: { "aria-label": `Show the words “${quoted(n.anchor.exact, 60)}”` },
        on: { click: () => ctx.reveal(n) },
      }),
    );
  };

  const replyBox = (n: Note) => {
    const box = h("textarea", { attrs: { rows: 1, placeholder: "Reply…", "aria-label": `Reply to ${n.author || "this comment"}`, "data-testid": "reply-text", "data-reply-for": n.id } });
    box.value = drafts.get(n.id) ?? "";
    const send = () => {
      const words = box.value.trim();
      if (!words) return;
      drafts.delete(n.id);
      mutate(() => byId(n.id)?.replies.push({ id: crypto.randomUUID(), author: ctx.person().name, text: words, created_at: now() }));
    };
    box.addEventListener("input", () => drafts.set(n.id, box.value));
    box.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        send();
      }
    });
    return h("div", { class: "reply-box" }, box, h("button", { text: "Reply", attrs: { "data-testid": "reply-save" }, on: { click: send } }));
  };

  const item = (n: Note) => {
    const actions = h(
      "div",
      { class: "row-actions" },
      n.resolved
        ? h("button", { text: "Reopen", attrs: { "data-testid": "reopen-comment" }, on: { click: () => mutate(() => ((byId(n.id) ?? n).resolved = null)) } })
        : h("button", {
            text: "Resolve",
            attrs: { "data-testid": "resolve-comment" },
            on: { click: () => mutate(() => ((byId(n.id) ?? n).resolved = { by: ctx.person().name, at: now() })) },
          }),
      h("button", {
        class: "link danger",
        text: "Delete",
        attrs: { "aria-label": `Delete ${n.author || "this"} comment`, "data-testid": "delete-comment" },
        on: { click: () => mutate(() => (s.notes = s.notes.filter((m) => m.id !== n.id))) },
      }),
    );
    const content = [
      quote(n),
      h("p", { class: "comment-text", text: n.text }),
      n.replies.length > 0 &&
        h(
          "ol",
          { class: "replies", attrs: { "aria-label": "Replies" } },
          ...n.replies.map((r) =>
            h("li", {}, h("span", { class: "note-meta", text: `${r.author || "Unsigned"} · ${fullTime(r.created_at)}` }), h("p", { text: r.text })),
          ),
        ),
    ];
    const meta = h("div", { class: "note-meta", text: `${n.author || "Unsigned"} · ${fullTime(n.created_at)}` });
    const attrs = { tabindex: -1, "data-testid": "comment", "data-note-id": n.id, "data-removed": String(n.anchor?.removed ?? false), "data-resolved": String(n.resolved !== null) };
    if (n.resolved) {
      const resolved = h(
        "details",
        { class: "row-card note resolved", attrs },
        h("summary", {}, h("span", { class: "badge", text: "Resolved" }), ` ${n.author || "Unsigned"}: ${quoted(n.text, 50)}`),
        meta,
        ...content,
        h("p", { class: "hint", text: `Resolved by ${n.resolved.by || "someone"} · ${fullTime(n.resolved.at)}` }),
        actions,
      );
      return resolved;
    }
    const card = h("div", { class: "row-card note", attrs }, meta, ...content, replyBox(n), actions);
    // A click on the card (not on its controls) shows the words too.
    card.addEventListener("click", (e) => {
      if (e.target instanceof Element && !e.target.closest("button, textarea, input, a")) ctx.reveal(n);
    });
    return card;
  };

  const render = () => {
    // Keep the keyboard where it was: a redraw comes after each save.
    const active = document.activeElement;
    const focusedReply = active instanceof HTMLElement && list.contains(active) ? active.dataset.replyFor : undefined;
    const open = s.notes.filter((n) => !n.resolved).length;
    showCount(count, open, (n) => (n === 1 ? "open comment" : "open comments"));
    replaceChildren(list, ...s.notes.map(item));
    if (s.notes.length === 0) list.appendChild(h("p", { class: "hint", text: "No comments. Select words in the body or a field and press Comment, or comment on the whole story." }));
    if (focusedReply) [...list.querySelectorAll<HTMLElement>("[data-reply-for]")].find((el) => el.dataset.replyFor === focusedReply)?.focus();
  };

  let shown = "";
  const update = () => {
    // Only what the list shows: offsets move at every save of the body.
    const key = JSON.stringify(s.notes.map((n) => [n.id, n.text, n.author, n.anchor?.exact, n.anchor?.removed, n.anchor?.field, n.replies, n.resolved]));
    if (key === shown) return;
    shown = key;
    render();
  };

  commentButton.addEventListener("click", () => start());

  const element = panel("Comments", "comments", h("div", { class: "panel-tools" }, commentButton), composer, list);
  element.querySelector("summary")?.appendChild(count);

  function start() {
    element.open = true;
    anchor = ctx.memory.take();
    about.textContent = anchor
      ? `On ${isBody(anchor.field) ? "" : `${fieldLabel(s, anchor.field)}: `}“${quoted(anchor.exact, 100)}”`
      : "About the whole story (select words first to comment on them)";
    composer.hidden = false;
    text.focus();
  }

  update();

  return {
    element,
    start,
    show(id, focus) {
      element.open = true;
      const row = [...list.querySelectorAll<HTMLElement>("[data-note-id]")].find((el) => el.dataset.noteId === id);
      if (!row) return;
      if (row instanceof HTMLDetailsElement) row.open = true;
      for (const other of list.querySelectorAll(".note.active")) other.classList.remove("active");
      row.classList.add("active");
      row.scrollIntoView?.({ block: "nearest" });
      if (focus) row.focus();
    },
    update,
  };
}
