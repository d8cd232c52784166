import { describe, expect, it } from "vitest";
import type { PushOutcome } from "../bindings/PushOutcome";
import { hoursMinutes, kindLabel, nextTryText, outcomeSentence, outcomesSummary, outcomeText, progressText, secretLabel, secretPlaceText, sectionsLabel } from "./labels";

const story = "0190a7e0-0000-7000-8000-000000000001";

describe("the CMS's words", () => {
  it("name the kinds of site and their secrets", () => {
    expect(kindLabel("wordpress")).toBe("WordPress");
    expect(kindLabel("ghost")).toBe("Ghost");
    expect(secretLabel("wordpress")).toBe("Application password");
    expect(secretLabel("ghost")).toBe("Admin API key");
    expect(sectionsLabel("wordpress")).toBe("Sections → categories");
    expect(sectionsLabel("ghost")).toBe("Sections → tags");
    expect(secretPlaceText({ kind: "keyring" })).toBe("keyring");
    expect(secretPlaceText({ kind: "session" })).toBe("this session only");
    expect(secretPlaceText({ kind: "env", var: "HARBOUR_KEY" })).toBe("$HARBOUR_KEY");
  });

  it("say how far a push has got, counting the story in hand", () => {
    expect(progressText({ done: 0, total: 3, story, target: "Harbour News", stage: "Uploading picture 2 of 3" })).toBe("Story 1 of 3 — Uploading picture 2 of 3");
    expect(progressText({ done: 2, total: 3, story, target: "Harbour News", stage: "Sending the post" })).toBe("Story 3 of 3 — Sending the post");
  });

  it("give one line for each way a push ends", () => {
    const target = "Harbour News";
    const sent: PushOutcome = { outcome: "sent", story, target, url: "https://news.example/ferries/", remote_id: "7", created: true, pictures_uploaded: 2 };
    expect(outcomeText(sent)).toBe("Sent to Harbour News, 2 pictures uploaded");
    expect(outcomeText({ ...sent, created: false, pictures_uploaded: 0 })).toBe("Sent to Harbour News (its post updated)");
    expect(outcomeText({ outcome: "queued", story, target, reason: "the site could not be reached." })).toBe(
      "Queued: the site could not be reached. It goes when the site answers.",
    );
    expect(outcomeText({ outcome: "conflict", story, target, sentence: "The post was changed on Harbour News since it was sent." })).toBe(
      "The post was changed on Harbour News since it was sent.",
    );
    expect(outcomeText({ outcome: "kept", story, target })).toBe("Kept the version on Harbour News; nothing was sent.");
    expect(outcomeText({ outcome: "failed", story, target, kind: "refused", error: "the user may not publish" })).toBe("Not sent to Harbour News: the user may not publish.");
    expect(outcomeSentence(sent, "Ferries return")).toBe("“Ferries return”: Sent to Harbour News: https://news.example/ferries/");
    expect(outcomeSentence({ ...sent, created: false })).toBe("Updated on Harbour News: https://news.example/ferries/");
  });

  it("sum a round up", () => {
    const target = "Harbour News";
    expect(outcomesSummary([])).toBe("Nothing was sent.");
    expect(
      outcomesSummary([
        { outcome: "sent", story, target, url: "https://news.example/a/", remote_id: "1", created: true, pictures_uploaded: 0 },
        { outcome: "sent", story, target, url: "https://news.example/b/", remote_id: "2", created: true, pictures_uploaded: 0 },
        { outcome: "queued", story, target, reason: "offline" },
        { outcome: "failed", story, target, kind: "other", error: "no" },
      ]),
    ).toBe("2 sent, 1 queued, 1 not sent.");
  });

  it("say when the outbox tries next, in local hours and minutes", () => {
    const at = new Date(2026, 11, 2, 9, 5).toISOString();
    expect(hoursMinutes(at)).toBe("09:05");
    expect(nextTryText({ held: false, next_attempt_at: at })).toBe("next try at 09:05");
    expect(nextTryText({ held: true, next_attempt_at: at })).toBe("held: it waits for Send now");
  });
});
