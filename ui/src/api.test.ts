import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { api, toAppError } from "./api";
import { story } from "./testing/fixtures";

describe("api over the mocked IPC", () => {
  afterEach(() => clearMocks());

  it("sends the arguments the Rust commands take", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "save_story") return { ...(args as { story: object }).story, version: 2 };
      return null;
    });
    const saved = await api.saveStory(story(), false);
    expect(saved.version).toBe(2);
    await api.setStatus(story().id, "in_review", 2);
    expect(calls[0]?.[0]).toBe("save_story");
    expect(calls[0]?.[1]).toMatchObject({ explicit: false });
    expect(calls[1]).toEqual(["set_status", { id: story().id, status: "in_review", expectedVersion: 2 }]);
  });

  it("passes the edge's {kind, message} errors through", async () => {
    mockIPC(() => {
      throw { kind: "stale", message: "the story was changed elsewhere" };
    });
    await expect(api.getStory(story().id)).rejects.toMatchObject({ kind: "stale", message: "the story was changed elsewhere" });
  });

  it("turns anything else into an internal error", () => {
    expect(toAppError(new Error("boom"))).toEqual({ kind: "internal", message: "boom" });
    expect(toAppError("plain")).toEqual({ kind: "internal", message: "plain" });
    // A kind the edge does not send is not trusted as one.
    expect(toAppError({ kind: "cancelled", message: "stopped" })).toEqual({ kind: "internal", message: "stopped" });
  });
});
