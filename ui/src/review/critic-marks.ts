// How suggestions look in the body editor: insertions underlined in green,
// deletions struck through in red, a substitution's old words struck and new
// words underlined, the `{++` markers dimmed and small, and the signature
// comment shown as the author's initials (its title: name and time). A
// merge conflict gets an outline of its own. The markup stays in the text:
// these only decorate it.
import { RangeSet, StateField, type EditorState, type Range } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";
import { fullTime } from "../logic/format";
import { hasMarkup, isSuggestion, parseCritic, type CriticSignature } from "./critic";
import { initialsOf } from "./text";

class SignatureWidget extends WidgetType {
  constructor(
    readonly author: string,
    readonly at: string | null,
    readonly remark: string,
  ) {
    super();
  }

  override eq(other: SignatureWidget): boolean {
    return other.author === this.author && other.at === this.at && other.remark === this.remark;
  }

  toDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = "cm-critic-sig";
    span.textContent = this.author ? initialsOf(this.author) : "…";
    const who = this.author || "Unsigned";
    const parts = [who, this.at ? fullTime(this.at) : "", this.remark].filter(Boolean);
    span.title = parts.join(" · ");
    span.setAttribute("aria-label", `Suggested by ${parts.join(", ")}`);
    return span;
  }

  override ignoreEvent(): boolean {
    return false;
  }
}

const syntax = Decoration.mark({ class: "cm-critic-syntax" });
const inserted = Decoration.mark({ class: "cm-critic-ins" });
const deleted = Decoration.mark({ class: "cm-critic-del" });
const highlighted = Decoration.mark({ class: "cm-critic-hl" });
const remark = Decoration.mark({ class: "cm-critic-comment" });
const conflict = Decoration.mark({ class: "cm-critic-conflict", attributes: { title: "Merge conflict: yours struck through, theirs underlined" } });

interface Marks {
  decorations: DecorationSet;
  /** The signatures, which the cursor and deletions skip as a whole. */
  atomic: RangeSet<Decoration>;
}

function build(state: EditorState): Marks {
  const text = state.doc.toString();
  if (!hasMarkup(text)) return { decorations: Decoration.none, atomic: Decoration.none };
  const ranges: Range<Decoration>[] = [];
  const signatures: Range<Decoration>[] = [];
  const add = (deco: Decoration, from: number, to: number) => {
    if (from < to) ranges.push(deco.range(from, to));
  };
  const sign = (sig: CriticSignature) => {
    const widget = Decoration.replace({ widget: new SignatureWidget(sig.author, sig.at, sig.remark) });
    ranges.push(widget.range(sig.from, sig.to));
    signatures.push(widget.range(sig.from, sig.to));
  };
  for (const t of parseCritic(text)) {
    const content = t.kind === "insert" ? t.new : t.old;
    add(syntax, t.from, t.from + 3);
    add(syntax, t.to - 3, t.to);
    switch (t.kind) {
      case "insert":
        if (content) add(inserted, content.from, content.to);
        break;
      case "delete":
        if (content) add(deleted, content.from, content.to);
        break;
      case "replace":
        if (t.old) add(deleted, t.old.from, t.old.to);
        if (t.old) add(syntax, t.old.to, t.old.to + 2);
        if (t.new) add(inserted, t.new.from, t.new.to);
        break;
      case "highlight":
        if (content) add(highlighted, content.from, content.to);
        break;
      case "comment":
        if (content) add(remark, content.from, content.to);
        break;
    }
    if (isSuggestion(t) && t.signature) {
      sign(t.signature);
      if (t.signature.remark.trim().toLowerCase() === "conflict") add(conflict, t.from, t.end);
    }
  }
  return { decorations: Decoration.set(ranges, true), atomic: Decoration.set(signatures, true) };
}

const marksField = StateField.define<Marks>({
  create: build,
  update: (marks, tr) => (tr.docChanged ? build(tr.state) : marks),
  provide: (field) => [
    EditorView.decorations.from(field, (m) => m.decorations),
    EditorView.atomicRanges.of((view) => view.state.field(field).atomic),
  ],
});

/** The suggestion decorations, always on: the reporter sees the editor's marks. */
export function criticMarks() {
  return marksField;
}

/** The classes of the decorations over `from..to` (for tests). */
export function marksAt(state: EditorState, from: number, to: number): string[] {
  const classes: string[] = [];
  state.field(marksField).decorations.between(from, to, (_f, _t, deco) => {
    const spec = deco.spec as { class?: string; widget?: WidgetType };
    classes.push(spec.class ?? (spec.widget ? "widget" : ""));
  });
  return classes;
}
