// Commands that send stories to a CMS: "Send to CMS…" (the open story, or
// the stories ticked in the library, as Export does), the outbox, and the
// publishing targets.
import { errorToast } from "../components/toast";
import { outboxDialog } from "../cms/outbox-dialog";
import { pushDialog } from "../cms/push-dialog";
import { targetsDialog } from "../cms/targets-dialog";
import type { CommandGroup, Desk } from "./index";
import { saveFirst } from "./story";

/** "Send to CMS…": the stories ticked in the library, else the open one
 * (`openOnly`: the open one, as the story's own button asks). */
export function openPush(desk: Desk, openOnly = false): void {
  const open = desk.story();
  const ticked = openOnly ? [] : desk.ticked();
  const ids = ticked.length > 0 ? ticked : open ? [open.id] : [];
  if (ids.length === 0) {
    errorToast("Open a story, or tick stories in the library, to send them to the CMS.");
    return;
  }
  pushDialog(desk.api, {
    stories: ids.map((id) => ({ id, headline: id === open?.id ? open.headline : desk.library.headline(id) })),
    beforePush: () => saveFirst(desk),
    pushed: (sent) => desk.storiesSent(sent),
    manageTargets: () => openTargets(desk, () => openPush(desk, openOnly)),
  });
}

/** "Publishing targets"; `back`: opened from "Send to CMS…", to go back to it. */
export function openTargets(desk: Desk, back?: () => void): void {
  targetsDialog(desk.api, back ? { back } : {});
}

export function openOutbox(desk: Desk): void {
  outboxDialog(desk.api, { changed: (ids) => desk.storiesSent(ids) });
}

export function cmsCommands(desk: Desk): CommandGroup<"push" | "outbox" | "targets"> {
  return {
    push: () => openPush(desk),
    outbox: () => openOutbox(desk),
    targets: () => openTargets(desk),
  };
}
