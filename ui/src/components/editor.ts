// The body editor: CodeMirror 6 in Markdown mode with soft wrap, spellcheck,
// undo/redo and find. One instance for the window; each story gets a fresh
// state, so undo never crosses from one story into another.
import { defaultKeymap, history, historyKeymap, indentLess, indentMore } from "@codemirror/commands";
import { markdownLanguage } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, HighlightStyle, LanguageSupport, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { tags } from "@lezer/highlight";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  placeholder,
} from "@codemirror/view";
import type { Note } from "../bindings/Note";
import { commentMarks, commentRangeOf, commentRanges, setCommentRanges } from "../review/comment-marks";
import { criticMarks } from "../review/critic-marks";
import { suggestMode } from "../review/suggest-mode";

/** Markdown shown as a writer reads it: subheads bold and larger, quotes in
 * italics, links coloured; the marks themselves stay visible but quiet. */
const prose = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: "700", fontSize: "1.3em" },
  { tag: [tags.heading2, tags.heading3, tags.heading4], fontWeight: "700", fontSize: "1.12em" },
  { tag: tags.strong, fontWeight: "700" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.quote, fontStyle: "italic", color: "var(--muted)" },
  { tag: [tags.link, tags.url], color: "var(--focus)" },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: "var(--muted)" },
  { tag: tags.monospace, fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace", fontSize: "0.9em" },
]);

export interface BodyEditor {
  view: EditorView;
  /** Shows `text` as a new document (clears undo history). `keepScroll`
   * keeps the reader where they were (the same story, reloaded). */
  load(text: string, keepScroll?: boolean): void;
  text(): string;
  focus(): void;
  /** The selection as UTF-16 offsets, or null when nothing is selected. */
  selection(): { from: number; to: number } | null;
  /** The last words selected (kept through edits), until the reporter
   * selects nothing on purpose; null when there are none. */
  lastSelection(): { from: number; to: number } | null;
  forgetSelection(): void;
  /** Turns suggest mode on (signed by `author`) or off. */
  setSuggesting(author: string | null): void;
  /** Highlights the open body comments among `notes`. */
  setComments(notes: readonly Note[]): void;
  /** Selects `from..to` and scrolls it into view. */
  reveal(from: number, to: number): void;
  /** Where a highlighted comment's words are now. */
  commentRange(id: string): { from: number; to: number } | null;
}

export interface EditorHooks {
  changed: (text: string) => void;
  /** Highlighted words of a comment were clicked. */
  commentClicked?: (id: string) => void;
  /** Words were selected (true), or the selection was let go (false). */
  selected?: (some: boolean) => void;
}

export function createEditor(parent: HTMLElement, hooks: EditorHooks | ((text: string) => void)): BodyEditor {
  const cb: EditorHooks = typeof hooks === "function" ? { changed: hooks } : hooks;
  const suggesting = new Compartment();
  let suggestAs: string | null = null;
  let notes: readonly Note[] = [];
  let remembered: { from: number; to: number } | null = null;
  const remember = (next: { from: number; to: number } | null) => {
    const had = remembered !== null;
    remembered = next;
    if (had !== (next !== null) || next) cb.selected?.(next !== null);
  };
  const extensions: Extension[] = [
    history(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    // Markdown (CommonMark + GFM) without the HTML, CSS and JavaScript
    // grammars `markdown()` embeds for inline HTML: a story has none worth
    // highlighting, and they would triple the script the window loads.
    new LanguageSupport(markdownLanguage),
    syntaxHighlighting(prose),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({
      // Focusable on its own account, so the scroller around it counts as a
      // scrolling region the keyboard can reach.
      tabindex: "0",
      spellcheck: "true",
      autocorrect: "on",
      autocapitalize: "sentences",
      "aria-label": "Story body",
      "data-testid": "body-editor",
    }),
    placeholder("Write the story here. Markdown: ## subhead, > quote, **bold**, [link](https://…)"),
    // Tab is not bound: it moves the keyboard out of the editor, as in the
    // rest of the window (CodeMirror's accessible default). Lines are
    // indented with Ctrl+] and outdented with Ctrl+[ (listed in the help).
    keymap.of([...searchKeymap, ...historyKeymap, { key: "Mod-]", run: indentMore }, { key: "Mod-[", run: indentLess }, ...defaultKeymap]),
    criticMarks(),
    commentMarks((id) => cb.commentClicked?.(id)),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) {
        if (remembered) {
          const from = update.changes.mapPos(remembered.from, 1);
          const to = update.changes.mapPos(remembered.to, -1);
          remember(from < to ? { from, to } : null);
        }
        cb.changed(update.state.doc.toString());
      }
      if (update.selectionSet) {
        const { from, to } = update.state.selection.main;
        if (from !== to) remember({ from, to });
        else if (update.transactions.some((tr) => tr.isUserEvent("select"))) remember(null);
      }
    }),
  ];
  const config = () => [...extensions, suggesting.of(suggestAs === null ? [] : suggestMode({ author: suggestAs }))];
  const showComments = () => {
    view.dispatch({ effects: setCommentRanges.of(commentRanges(notes, view.state.doc.toString())) });
  };
  const view = new EditorView({ parent, state: EditorState.create({ doc: "", extensions: config() }) });
  return {
    view,
    load(text: string, keepScroll = false) {
      const top = view.scrollDOM.scrollTop;
      view.setState(EditorState.create({ doc: text, extensions: config() }));
      remember(null);
      showComments();
      if (keepScroll) view.scrollDOM.scrollTop = top;
    },
    text: () => view.state.doc.toString(),
    focus: () => view.focus(),
    selection() {
      const { from, to } = view.state.selection.main;
      return from === to ? null : { from, to };
    },
    lastSelection: () => remembered,
    forgetSelection: () => remember(null),
    setSuggesting(author) {
      if (author === suggestAs) return;
      suggestAs = author;
      view.dispatch({ effects: suggesting.reconfigure(author === null ? [] : suggestMode({ author })) });
    },
    setComments(next) {
      notes = next;
      showComments();
    },
    reveal(from, to) {
      const length = view.state.doc.length;
      view.dispatch({ selection: { anchor: Math.min(from, length), head: Math.min(to, length) }, scrollIntoView: true });
      view.focus();
    },
    commentRange: (id) => commentRangeOf(view.state, id),
  };
}
