// The words a comment is about: the last words selected, in the body or in
// one of the fields that take comments. Pressing "Comment" moves the focus
// to a button, so the selection is remembered as it is made, not read then.
import type { Anchor } from "../bindings/Anchor";
import { makeAnchor } from "./anchors";

/** Words picked in a field's text (UTF-16 offsets into `text`). */
export interface Picked {
  field: string;
  text: string;
  from: number;
  to: number;
}

type Source = () => Picked | null;

export class SelectionMemory {
  private latest: Source | null = null;
  private latestKey: unknown = null;

  /** `key`'s words were selected; `read` finds them when asked. */
  picked(key: unknown, read: Source): void {
    this.latest = read;
    this.latestKey = key;
  }

  /** `key`'s selection was let go: forget it if it was the last one. */
  released(key: unknown): void {
    if (this.latestKey !== key) return;
    this.latest = null;
    this.latestKey = null;
  }

  /** The last words selected, if they are still there. */
  current(): Picked | null {
    const picked = this.latest?.() ?? null;
    return picked && picked.from < picked.to ? picked : null;
  }

  /** The anchor for a comment on the last words selected, or null (about
   * the whole story); forgets them, so the next comment starts afresh. */
  take(): Anchor | null {
    const picked = this.current();
    this.latest = null;
    this.latestKey = null;
    return picked ? makeAnchor(picked.field, picked.text, picked.from, picked.to) : null;
  }

  clear(): void {
    this.latest = null;
    this.latestKey = null;
  }
}

/**
 * Remembers the words selected in an input or text area as they are
 * selected. If the text changes, the same words are looked for again.
 */
export function trackFieldSelection(memory: SelectionMemory, input: HTMLInputElement | HTMLTextAreaElement, field: string): void {
  const check = () => {
    const from = input.selectionStart ?? 0;
    const to = input.selectionEnd ?? 0;
    if (from === to) {
      // A click or arrow key that leaves nothing selected lets the words go.
      memory.released(input);
      return;
    }
    const words = input.value.slice(from, to);
    memory.picked(input, () => {
      const text = input.value;
      if (text.slice(from, to) === words) return { field, text, from, to };
      const at = text.indexOf(words);
      return at < 0 ? null : { field, text, from: at, to: at + words.length };
    });
  };
  for (const event of ["select", "selectionchange", "mouseup", "keyup"]) input.addEventListener(event, check);
}
