import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { toAppError } from "../api";
import type { Story } from "../bindings/Story";
import { story as makeStory } from "../testing/fixtures";
import { Autosaver, type SaveState } from "./autosave";

function setup(save: (s: Story, explicit: boolean) => Promise<Story>) {
  const current = makeStory();
  const states: SaveState["kind"][] = [];
  const saver = new Autosaver({
    current: () => current,
    save,
    saved: (stored) => {
      current.version = stored.version;
    },
    state: (s) => states.push(s.kind),
    delayMs: 600,
    toAppError,
  });
  return { current, states, saver };
}

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, within a second of the last keystroke", async () => {
    const save = vi.fn((s: Story) => Promise.resolve({ ...s, version: s.version + 1 }));
    const { current, states, saver } = setup(save);
    for (let i = 0; i < 5; i++) {
      current.body += "x";
      saver.touch();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]?.[0].body).toBe(`${makeStory().body}xxxxx`);
    expect(current.version).toBe(2);
    expect(states.at(-1)).toBe("saved");
    expect(saver.dirty).toBe(false);
  });

  it("saves again when typing went on during a save, with the new version", async () => {
    let finish: (s: Story) => void = () => undefined;
    const save = vi.fn((s: Story) => new Promise<Story>((resolve) => (finish = () => resolve({ ...s, version: s.version + 1 }))));
    const { current, saver } = setup(save);
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(1);
    current.body = "typed while saving";
    saver.touch();
    finish(current);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1]?.[0].version).toBe(2);
    expect(save.mock.calls[1]?.[0].body).toBe("typed while saving");
    finish(current);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.dirty).toBe(false);
  });

  it("stops at a conflict and keeps the edit", async () => {
    const save = vi.fn(() => Promise.reject({ kind: "stale", message: "the story was changed elsewhere" }));
    const { current, states, saver } = setup(save);
    current.body = "mine";
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(states.at(-1)).toBe("conflict");
    expect(saver.conflicted).toBe(true);
    saver.touch();
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(1);
    await expect(saver.flush()).rejects.toThrow();
    expect(current.body).toBe("mine");
  });

  it("keeps a refused edit pending and says why", async () => {
    const save = vi.fn(() => Promise.reject({ kind: "invalid", message: "headline is required" }));
    const { states, saver } = setup(save);
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(states.at(-1)).toBe("error");
    expect(saver.dirty).toBe(true);
  });

  it("an explicit save goes through even without changes", async () => {
    const save = vi.fn((s: Story, explicit: boolean) => Promise.resolve({ ...s, version: s.version + (explicit ? 1 : 0) }));
    const { current, saver } = setup(save);
    await saver.flush(true);
    expect(save).toHaveBeenCalledWith(expect.anything(), true);
    expect(current.version).toBe(2);
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
  });
});
