// The body editor: CodeMirror 6 in Markdown mode with soft wrap, spellcheck,
// undo/redo and find. One instance for the window; each story gets a fresh
// state, so undo never crosses from one story into another.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdownLanguage } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, HighlightStyle, LanguageSupport, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorState, type Extension } from "@codemirror/state";
import { tags } from "@lezer/highlight";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  placeholder,
} from "@codemirror/view";

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
  /** Shows `text` as a new document (clears undo history). */
  load(text: string): void;
  text(): string;
  focus(): void;
  /** The selection as UTF-16 offsets, or null when nothing is selected. */
  selection(): { from: number; to: number } | null;
}

export function createEditor(parent: HTMLElement, onChange: (text: string) => void): BodyEditor {
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
      spellcheck: "true",
      autocorrect: "on",
      autocapitalize: "sentences",
      "aria-label": "Story body",
      "data-testid": "body-editor",
    }),
    placeholder("Write the story here. Markdown: ## subhead, > quote, **bold**, [link](https://…)"),
    keymap.of([...searchKeymap, ...historyKeymap, indentWithTab, ...defaultKeymap]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
    }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: "", extensions }) });
  return {
    view,
    load(text: string) {
      view.setState(EditorState.create({ doc: text, extensions }));
    },
    text: () => view.state.doc.toString(),
    focus: () => view.focus(),
    selection() {
      const { from, to } = view.state.selection.main;
      return from === to ? null : { from, to };
    },
  };
}
