import { Channel } from "@tauri-apps/api/core";
import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, OUTBOX_CHANGED, toAppError } from "./api";
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

  it("sends the CMS commands the arguments they take, a channel for the progress", async () => {
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, unknown>]);
      return cmd === "push_stories" || cmd === "send_outbox" ? [] : null;
    });
    const input = { name: "Harbour News", kind: "wordpress", url: "https://news.example", user: "ama", secret: "abcd", default_status: "draft", session_only: false, categories: {}, tags: {} } as const;
    await api.addTarget(input);
    await api.setTargetSecret("Harbour News", "abcd", true);
    await api.removeTarget("Harbour News");
    await api.testConnection(input);
    await api.testTarget("Harbour News");
    await api.pushStories([story().id], "Harbour News", "overwrite", () => undefined);
    await api.sendOutbox(() => undefined);
    await api.removeFromOutbox(story().id, "Harbour News");
    await api.destinations(story().id);
    await api.listTargets();
    await api.outbox();
    const [add, secret, remove, test, target, push, send, out, where, list, outbox] = calls;
    expect(add).toEqual(["add_target", { input }]);
    expect(secret).toEqual(["set_target_secret", { name: "Harbour News", secret: "abcd", sessionOnly: true }]);
    expect(remove).toEqual(["remove_target", { name: "Harbour News" }]);
    expect(test).toEqual(["test_connection", { input }]);
    expect(target).toEqual(["test_target", { name: "Harbour News" }]);
    expect(push?.[0]).toBe("push_stories");
    expect(push?.[1]).toMatchObject({ ids: [story().id], target: "Harbour News", onConflict: "overwrite" });
    expect(push?.[1].onProgress).toBeInstanceOf(Channel);
    expect(send?.[0]).toBe("send_outbox");
    expect(send?.[1].onProgress).toBeInstanceOf(Channel);
    expect(out).toEqual(["remove_from_outbox", { story: story().id, target: "Harbour News" }]);
    expect(where).toEqual(["destinations", { id: story().id }]);
    expect(list?.[0]).toBe("list_targets");
    expect(outbox?.[0]).toBe("outbox");
  });

  it("hears the background sender's outbox-changed event until told to stop", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const heard = vi.fn();
    const stop = await api.onOutboxChanged(heard);
    const outcome = { outcome: "kept", story: story().id, target: "Harbour News" };
    await emit(OUTBOX_CHANGED, [outcome]);
    expect(heard).toHaveBeenCalledWith([outcome]);
    stop();
    await emit(OUTBOX_CHANGED, [outcome]);
    expect(heard).toHaveBeenCalledTimes(1);
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
