import { afterEach, describe, expect, it } from "vitest";
import { closeModal, confirmDialog, exportDialog, helpDialog, isModalOpen, modal } from "./dialogs";
import { h } from "./dom";

/** A button in the page that opens a dialog, with the keyboard on it. */
function opener(): HTMLButtonElement {
  const button = h("button", { text: "Open" });
  document.body.appendChild(h("main", {}, button));
  button.focus();
  return button;
}

const escape = () => document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));

/** Which Dateline and library the help's About line names. */
const about = {
  libraryInfo: () => Promise.resolve({ path: "/home/ada/desk.dateline", story_count: 3, sections: [], media_url: "", version: "1.2.3" }),
};

afterEach(() => {
  closeModal();
  document.body.replaceChildren();
});

describe("modal dialogs", () => {
  it("are platform dialogs opened modal, named by their heading, with the keyboard inside", () => {
    opener();
    helpDialog(about);
    const dialog = document.querySelector<HTMLDialogElement>("[data-testid=help-dialog]");
    expect(dialog?.tagName).toBe("DIALOG");
    expect(dialog?.open).toBe(true);
    expect(isModalOpen()).toBe(true);
    const title = document.getElementById(dialog?.getAttribute("aria-labelledby") ?? "");
    expect(title?.tagName).toBe("H2");
    expect(title?.textContent).toBe("Keyboard shortcuts");
    expect(dialog?.contains(document.activeElement)).toBe(true);
    // No <header> or <footer>: each would be a second banner or contentinfo landmark.
    expect(dialog?.querySelector("header, footer")).toBeNull();
  });

  it("say which Dateline and which library this is", async () => {
    helpDialog(about);
    await new Promise((r) => setTimeout(r, 0));
    expect(document.querySelector("[data-testid=about]")?.textContent).toBe("Dateline 1.2.3 · Library: /home/ada/desk.dateline");
  });

  it("close on Escape (the dialog's cancel event) and give the keyboard back to what opened them", () => {
    const button = opener();
    let cancelled = 0;
    confirmDialog("Delete story", "Delete it?", "Delete", () => undefined);
    const dialog = document.querySelector<HTMLDialogElement>("[data-testid=confirm-dialog]");
    dialog?.addEventListener("cancel", () => cancelled++);
    expect(document.activeElement?.getAttribute("data-testid")).toBe("confirm-yes");
    escape();
    expect(cancelled).toBe(1);
    expect(document.querySelector("[data-testid=confirm-dialog]")).toBeNull();
    expect(isModalOpen()).toBe(false);
    expect(document.activeElement).toBe(button);
  });

  it("close with the ×, a press outside the box, or the platform closing them", () => {
    const button = opener();
    let m = modal("One", "one-dialog", h("p", { text: "Hello" }));
    m.element.querySelector<HTMLButtonElement>("[data-testid=dialog-close]")?.click();
    expect(document.querySelector("[data-testid=one-dialog]")).toBeNull();
    expect(document.activeElement).toBe(button);

    m = modal("Two", "two-dialog", h("p", { text: "Hello" }));
    m.element.getBoundingClientRect = () => new DOMRect(100, 100, 400, 300);
    const press = (x: number, y: number) => m.element.dispatchEvent(new MouseEvent("mousedown", { clientX: x, clientY: y, bubbles: true }));
    press(120, 120); // on the dialog's own padding
    expect(m.element.isConnected).toBe(true);
    press(20, 20); // on the backdrop
    expect(m.element.isConnected).toBe(false);
    expect(document.activeElement).toBe(button);

    m = modal("Three", "three-dialog");
    m.element.close();
    expect(m.element.isConnected).toBe(false);
    expect(isModalOpen()).toBe(false);
  });

  it("replace one another, one at a time, and closeModal closes the one open", () => {
    const button = opener();
    confirmDialog("Delete story", "Delete it?", "Delete", () => undefined);
    helpDialog(about);
    expect(document.querySelectorAll("dialog")).toHaveLength(1);
    expect(document.querySelector("[data-testid=confirm-dialog]")).toBeNull();
    closeModal();
    expect(document.querySelectorAll("dialog")).toHaveLength(0);
    expect(document.activeElement).toBe(button);
  });

  it("list the pane keys and the body editor's keys in the help", () => {
    helpDialog(about);
    const text = document.querySelector("[data-testid=help-dialog]")?.textContent ?? "";
    for (const key of ["Alt+1", "Alt+2", "Alt+3", "Alt+4", "Ctrl+]", "Ctrl+[", "Tab / Shift+Tab"]) expect(text).toContain(key);
    // Each key names its row.
    expect(document.querySelectorAll("[data-testid=help-dialog] th[scope=row] kbd").length).toBeGreaterThan(10);
  });

  it("name the export formats as a group and the batch's progress bar", () => {
    exportDialog({ exportStory: () => Promise.resolve(null), exportStories: () => Promise.resolve(null) }, { ids: ["a", "b"], headline: "", beforeExport: () => Promise.resolve(), done: () => undefined });
    expect(document.querySelector("[role=radiogroup]")?.getAttribute("aria-label")).toBe("Format");
    expect(document.querySelector("[data-testid=export-progress]")?.getAttribute("aria-label")).toBe("Stories exported");
    expect(document.querySelector("[data-testid=export-status]")?.getAttribute("role")).toBe("status");
  });
});
