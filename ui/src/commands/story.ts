// Commands on the open story: start one, keep a revision, go back to one,
// delete it.
import { toAppError } from "../api";
import { confirmDialog, revisionsDialog } from "../components/dialogs";
import { errorToast, toast } from "../components/toast";
import type { CommandGroup, Desk } from "./index";
import { openCompare } from "./review";

/** For dialogs that act on stored stories: saves the open story's edits
 * first, or fails with the reason the dialog shows. */
export async function saveFirst(desk: Desk): Promise<void> {
  if (!(await desk.settle())) throw new Error("the open story could not be saved first");
}

export async function newStory(desk: Desk): Promise<void> {
  if (!(await desk.settle())) return;
  try {
    const story = await desk.api.createStory("Untitled story");
    desk.show(story);
    await desk.library.refresh();
    desk.library.setActive(story.id);
    desk.focusHeadline();
  } catch (e) {
    errorToast(toAppError(e).message);
  }
}

export async function saveRevision(desk: Desk): Promise<void> {
  if (!desk.story()) return;
  try {
    await desk.keepRevision();
    toast("Saved, and kept as a revision.");
  } catch (e) {
    errorToast(`Not saved: ${toAppError(e).message}`);
  }
}

export function openRevisions(desk: Desk): void {
  const story = desk.story();
  if (!story) {
    errorToast("Open a story to see its revisions.");
    return;
  }
  revisionsDialog(desk.api, {
    story,
    currentVersion: () => desk.story()?.version ?? story.version,
    beforeRestore: () => saveFirst(desk),
    restored: (restored) => {
      desk.show(restored);
      void desk.library.refresh();
      toast("Revision restored; the text before it is kept as a revision.");
    },
    render: async (s) => (await desk.api.renderPreview(s)).html,
    compare: (revision) => void openCompare(desk, revision),
  });
}

export function deleteStory(desk: Desk): void {
  const story = desk.story();
  if (!story) return;
  confirmDialog("Delete story", `Delete “${story.headline}” and its revisions? This cannot be undone.`, "Delete", () => {
    desk.api.deleteStory(story.id).then(
      () => {
        desk.closeStory();
        void desk.library.refresh();
        toast(`“${story.headline}” was deleted.`);
      },
      (e: unknown) => errorToast(toAppError(e).message),
    );
  });
}

export function storyCommands(desk: Desk): CommandGroup<"new" | "save" | "revisions" | "delete"> {
  return {
    new: () => void newStory(desk),
    save: () => void saveRevision(desk),
    revisions: () => openRevisions(desk),
    delete: () => deleteStory(desk),
  };
}
