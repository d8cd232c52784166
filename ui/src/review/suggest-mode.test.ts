import { history, undo } from "@codemirror/commands";
import { EditorSelection, EditorState, type TransactionSpec } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { bodySuggestions } from "./critic";
import { suggestMode } from "./suggest-mode";

const AT = "2026-12-02T10:04:00Z";
const ADA = `{>>Ada Reyes | ${AT}<<}`;
const BEN = `{>>Ben Okafor | ${AT}<<}`;

/** A body in suggest mode, signed by Ada; `‸` marks the cursor, `«…»` a selection. */
function editor(text: string) {
  const from = text.indexOf("«");
  const anchor = from >= 0 ? from : text.indexOf("‸");
  const head = from >= 0 ? text.indexOf("»") - 1 : anchor;
  const doc = text.replace(/[‸«»]/g, "");
  let state = EditorState.create({
    doc,
    selection: anchor >= 0 ? EditorSelection.single(anchor, head) : undefined,
    extensions: [history(), suggestMode({ author: "Ada Reyes", now: () => AT })],
  });
  const self = {
    get state() {
      return state;
    },
    dispatch(spec: TransactionSpec) {
      state = state.update(spec).state;
      return self;
    },
    /** Types one character, as the editor's input handler does. */
    type(chars: string) {
      for (const ch of chars) {
        const { from, to } = state.selection.main;
        self.dispatch({ changes: { from, to, insert: ch }, selection: { anchor: from + ch.length }, userEvent: "input.type" });
      }
      return self;
    },
    backspace(times = 1) {
      for (let i = 0; i < times; i++) {
        const { from, to } = state.selection.main;
        const start = from === to ? from - 1 : from;
        self.dispatch({ changes: { from: start, to }, selection: { anchor: start }, userEvent: "delete.backward" });
      }
      return self;
    },
    deleteForward(times = 1) {
      for (let i = 0; i < times; i++) {
        const { from, to } = state.selection.main;
        self.dispatch({ changes: { from, to: from === to ? from + 1 : to }, userEvent: "delete.forward" });
      }
      return self;
    },
    undo() {
      undo({ state, dispatch: (tr) => (state = tr.state) });
      return self;
    },
    /** The document with the cursor shown as `‸`. */
    show() {
      const pos = state.selection.main.head;
      const doc = state.doc.toString();
      return `${doc.slice(0, pos)}‸${doc.slice(pos)}`;
    },
  };
  return self;
}

describe("suggest mode", () => {
  it("turns typing into one signed insertion, the cursor inside it", () => {
    const e = editor("Boats left‸ at dawn.").type(" early");
    expect(e.show()).toBe(`Boats left{++ early‸++}${ADA} at dawn.`);
    expect(bodySuggestions(e.state.doc.toString())).toHaveLength(1);
  });

  it("extends one's own insertion from right after it, and from just before it", () => {
    const after = editor(`a{++b++}${ADA}‸ c`).type("x");
    expect(after.show()).toBe(`a{++bx‸++}${ADA} c`);
    const before = editor(`a‸{++b++}${ADA} c`).type("x");
    expect(before.show()).toBe(`a{++x‸b++}${ADA} c`);
  });

  it("does not extend someone else's insertion: a new one goes after it", () => {
    const e = editor(`a{++b‸++}${BEN} c`).type("x");
    expect(e.state.doc.toString()).toBe(`a{++b++}${BEN}{++x++}${ADA} c`);
    expect(e.show()).toContain("{++x‸++}");
  });

  it("turns deleting into a deletion, and extends it as the deleting goes on", () => {
    const e = editor("Boats left early‸.").backspace();
    expect(e.show()).toBe(`Boats left earl‸{--y--}${ADA}.`);
    e.backspace(4);
    expect(e.show()).toBe(`Boats left ‸{--early--}${ADA}.`);
    expect(bodySuggestions(e.state.doc.toString())).toHaveLength(1);

    const forward = editor("Boats ‸left early.").deleteForward(5);
    expect(forward.show()).toBe(`Boats {--left --}${ADA}‸early.`);
  });

  it("really deletes inside one's own insertion, and removes it once empty", () => {
    const e = editor("Boats left‸ at dawn.").type(" ea");
    e.backspace();
    expect(e.show()).toBe(`Boats left{++ e‸++}${ADA} at dawn.`);
    e.backspace(2);
    expect(e.show()).toBe("Boats left‸ at dawn.");
  });

  it("takes the last typed character when backspacing just after one's own insertion", () => {
    const e = editor(`a{++bc++}${ADA}‸ d`).backspace();
    expect(e.show()).toBe(`a{++b‸++}${ADA} d`);
  });

  it("turns replacing a selection into a substitution and keeps typing in it", () => {
    const e = editor("The toll is «£4» a car.").type("£");
    expect(e.show()).toBe(`The toll is {~~£4~>£‸~~}${ADA} a car.`);
    e.type("5");
    expect(e.show()).toBe(`The toll is {~~£4~>£5‸~~}${ADA} a car.`);
    const [s] = bodySuggestions(e.state.doc.toString());
    expect(s).toMatchObject({ kind: "replace", old: "£4", new: "£5", author: "Ada Reyes", at: AT });
  });

  it("turns emptying a substitution's new words into a deletion", () => {
    const e = editor(`a {~~b~>c‸~~}${ADA} d`).backspace();
    expect(e.state.doc.toString()).toBe(`a {--b--}${ADA} d`);
  });

  it("never edits someone else's marks: deleting only steps over them", () => {
    const e = editor(`a {--b--}${BEN}‸ c`).backspace();
    expect(e.show()).toBe(`a ‸{--b--}${BEN} c`);
    e.backspace();
    expect(e.show()).toBe(`a‸{-- --}${ADA}{--b--}${BEN} c`);
  });

  it("deletes across marks piece by piece", () => {
    const text = `«one {++two++}${ADA} three {++four++}${BEN} five»`;
    const e = editor(text).backspace();
    expect(e.state.doc.toString()).toBe(`{--one --}${ADA}{-- three --}${ADA}{++four++}${BEN}{-- five--}${ADA}`);
  });

  it("replaces across marks as a deletion and an insertion after it", () => {
    const e = editor(`«a {--b--}${BEN} c» d`).type("x");
    expect(e.state.doc.toString()).toBe(`{--a --}${ADA}{--b--}${BEN}{-- c--}${ADA}{++x++}${ADA} d`);
    expect(e.show()).toContain("{++x‸++}");
  });

  it("types after a mark the cursor is inside of", () => {
    const e = editor(`a {--b‸--}${BEN} c`).type("x");
    expect(e.state.doc.toString()).toBe(`a {--b--}${BEN}{++x++}${ADA} c`);
  });

  it("handles text beyond the Basic Multilingual Plane", () => {
    const e = editor("Fish 🐟‸ swim").type("🐠");
    expect(e.show()).toBe(`Fish 🐟{++🐠‸++}${ADA} swim`);
    const d = editor(`a{++🐠🐡++}${ADA}‸ b`);
    d.dispatch({ changes: { from: d.state.selection.main.head - 1, to: d.state.selection.main.head }, userEvent: "delete.backward" });
    expect(d.state.doc.toString()).toBe(`a{++🐠++}${ADA} b`);
  });

  it("undoes a suggestion in one step", () => {
    const e = editor("Boats left‸ at dawn.").type("!");
    expect(e.state.doc.toString()).not.toBe("Boats left at dawn.");
    e.undo();
    expect(e.state.doc.toString()).toBe("Boats left at dawn.");
    const r = editor("The toll is «£4» a car.").type("£");
    r.undo();
    expect(r.state.doc.toString()).toBe("The toll is £4 a car.");
  });

  it("leaves edits that are not typing alone: loading, undo, code", () => {
    const e = editor("a‸b");
    e.dispatch({ changes: { from: 1, insert: "X" } });
    expect(e.state.doc.toString()).toBe("aXb");
    e.dispatch({ changes: { from: 0, to: 3, insert: "new text" }, userEvent: "undo" });
    expect(e.state.doc.toString()).toBe("new text");
  });

  it("keeps typed markers from closing a mark early", () => {
    const e = editor("Written in ‸.").type("C++}");
    const doc = e.state.doc.toString();
    expect(bodySuggestions(doc)).toMatchObject([{ kind: "insert", new: "C+\u200b+}", author: "Ada Reyes" }]);
    expect(doc.endsWith(`${ADA}.`)).toBe(true);
    const d = editor("a «x~~}» b").type("y");
    expect(bodySuggestions(d.state.doc.toString())).toMatchObject([{ kind: "replace", old: "x~\u200b~}", new: "y" }]);
    // Completing a closer inside one's own insertion is caught too.
    const c = editor(`a{++C+‸++}${ADA} b`).type("+}");
    expect(bodySuggestions(c.state.doc.toString())).toMatchObject([{ kind: "insert", new: "C+\u200b+}" }]);
  });

  it("tracks pasted text and paragraph breaks", () => {
    const e = editor("One.‸ Two.");
    e.dispatch({ changes: { from: 4, insert: "\n\nThree." }, userEvent: "input.paste" });
    expect(e.state.doc.toString()).toBe(`One.{++\n\nThree.++}${ADA} Two.`);
  });
});
