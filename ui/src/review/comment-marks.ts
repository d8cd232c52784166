// Comments highlighted in the body: the words of every open comment on the
// body, kept on their words as the text is edited (the decorations are
// mapped through each change) and set afresh from the story's comments when
// those change (opened, saved: the core re-anchors them on every save).
// Clicking highlighted words shows their comment.
import { StateEffect, StateField, type EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import type { Note } from "../bindings/Note";
import { locateAnchor } from "./anchors";
import { isBody } from "./fields";

export interface CommentRange {
  id: string;
  from: number;
  to: number;
}

/** Replaces the highlighted comments (UTF-16 ranges of the current text). */
export const setCommentRanges = StateEffect.define<CommentRange[]>();

function decorations(ranges: readonly CommentRange[], length: number): DecorationSet {
  return Decoration.set(
    ranges
      .filter((r) => r.from < r.to && r.to <= length)
      .map((r) => Decoration.mark({ class: "cm-comment", attributes: { "data-comment-id": r.id }, id: r.id }).range(r.from, r.to)),
    true,
  );
}

export const commentField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(set, tr) {
    let next = set.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setCommentRanges)) next = decorations(effect.value, tr.state.doc.length);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Where the open body comments are in `text`: resolved, removed and other
 * fields' comments are left out. */
export function commentRanges(notes: readonly Note[], text: string): CommentRange[] {
  const out: CommentRange[] = [];
  for (const note of notes) {
    if (note.resolved || !note.anchor || !isBody(note.anchor.field) || note.anchor.removed) continue;
    const at = locateAnchor(note.anchor, text);
    if (at) out.push({ id: note.id, ...at });
  }
  return out;
}

/** Where a comment's words are now, as the editor has kept them. */
export function commentRangeOf(state: EditorState, id: string): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  state.field(commentField, false)?.between(0, state.doc.length, (from, to, deco) => {
    if ((deco.spec as { id?: string }).id !== id) return;
    found = { from, to };
    return false;
  });
  return found;
}

/** The highlights, and a click on one showing its comment. */
export function commentMarks(clicked: (id: string) => void): Extension {
  return [
    commentField,
    EditorView.domEventHandlers({
      click(event) {
        const target = event.target instanceof Element ? event.target.closest<HTMLElement>("[data-comment-id]") : null;
        const id = target?.dataset.commentId;
        if (!id || event.detail > 1) return false;
        clicked(id);
        return false;
      },
    }),
  ];
}
