// Commands of the review round trip: send a story for review (or return it),
// take packages in, suggest instead of edit, comment, compare, and who signs.
import { toAppError } from "../api";
import { errorToast, toast } from "../components/toast";
import { receivedMessage, sentMessage } from "../review/messages";
import { whoamiDialog } from "../review/whoami";
import type { CommandGroup, Desk } from "./index";
import { saveFirst } from "./story";

/** "Send for review…" or, for a story received for review, "Return to reporter…". */
export async function sendStory(desk: Desk): Promise<void> {
  const story = desk.story();
  if (!story) {
    errorToast("Open a story to send it for review.");
    return;
  }
  if (!(await desk.settle())) return;
  try {
    const sent = await desk.api.sendStory(story.id);
    if (!sent) return;
    toast(sentMessage(story.headline, sent), "info", {
      label: "Show in folder",
      run: () => void desk.api.revealFile(sent.path).catch((e: unknown) => errorToast(toAppError(e).message)),
    });
    await desk.library.refresh();
  } catch (e) {
    errorToast(`Not sent: ${toAppError(e).message}`);
  }
}

/** Takes in review packages: the files given (dropped), or chosen in the
 * open dialog when null. Says what each did and opens the last story. */
export async function receivePackages(desk: Desk, paths: string[] | null): Promise<void> {
  // A package may merge into the open story: what is typed is saved first.
  if (!(await desk.settle())) return;
  try {
    const received = await desk.api.receivePackages(paths);
    const last = received[received.length - 1];
    if (!last) return;
    await desk.reloadInfo();
    desk.library.setQuery("");
    await desk.library.refresh();
    desk.show(last.story);
    desk.library.setActive(last.story.id);
    for (const r of received) toast(receivedMessage(r));
  } catch (e) {
    errorToast(`Not opened: ${toAppError(e).message}`);
  }
}

/** The comparison of the open story: from the version sent for review (or a
 * revision) to now. Its code is loaded the first time it is asked for. */
export async function openCompare(desk: Desk, from: number | null = null): Promise<void> {
  const story = desk.story();
  if (!story) {
    errorToast("Open a story to compare its versions.");
    return;
  }
  try {
    const { diffDialog } = await import("../review/diff-dialog");
    diffDialog(desk.api, { story, from, beforeDiff: () => saveFirst(desk) });
  } catch (e) {
    errorToast(toAppError(e).message);
  }
}

export function reviewCommands(desk: Desk): CommandGroup<"send" | "receive" | "suggest" | "comment" | "compare" | "whoami"> {
  return {
    send: () => void sendStory(desk),
    receive: () => void receivePackages(desk, null),
    suggest: () => desk.toggleSuggesting(),
    comment: () => desk.startComment(),
    compare: () => void openCompare(desk),
    whoami: () => whoamiDialog(desk.api, desk.person(), (p) => desk.setPerson(p)),
  };
}
