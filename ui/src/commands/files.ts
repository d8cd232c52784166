// Commands that bring files in and send stories out: import (a dialog or a
// drop), paste, pictures for the open story, export.
import { toAppError } from "../api";
import type { ImportReport } from "../bindings/ImportReport";
import { exportDialog, pasteDialog } from "../components/dialogs";
import { errorToast, toast } from "../components/toast";
import { fileName, sortDropped } from "../logic/drop";
import { plural } from "../logic/format";
import type { CommandGroup, Desk } from "./index";
import { receivePackages } from "./review";
import { saveFirst } from "./story";

/** Tells the reporter what an import did, and opens the last story it made.
 * Every failure and every picture left behind gets a notice of its own that
 * stays until dismissed. */
export async function imported(desk: Desk, report: ImportReport): Promise<void> {
  for (const failure of report.failures) errorToast(`Not imported: ${failure}`);
  for (const missing of report.missing_pictures) errorToast(`Picture missing: ${missing}`);
  for (const notice of report.notices) toast(notice);
  const last = report.stories[report.stories.length - 1];
  if (!last) return;
  await desk.reloadInfo();
  desk.library.setQuery("");
  await desk.library.refresh();
  if (await desk.settle()) desk.show(last);
  toast(report.stories.length === 1 ? `Imported “${last.headline}”.` : `Imported ${report.stories.length} stories.`);
}

/** Imports the files given, or those chosen in the open dialog when null. */
export async function importFiles(desk: Desk, paths: string[] | null): Promise<void> {
  try {
    await imported(desk, await desk.api.importFiles(paths));
  } catch (e) {
    errorToast(toAppError(e).message);
  }
}

/** Attaches pictures to the open story: the files given, or those chosen in
 * the open dialog when null. The first becomes the hero if there is none. */
export async function addPictures(desk: Desk, paths: string[] | null): Promise<void> {
  const story = desk.story();
  if (!story) {
    errorToast("Open a story first: pictures belong to a story.");
    return;
  }
  try {
    const added = await desk.api.addPictures(paths);
    for (const failure of added.failures) errorToast(`Not added: ${failure}`);
    if (desk.story() !== story || added.files.length === 0) return;
    const hasHero = story.media.some((m) => m.hero);
    added.files.forEach((file, i) => {
      story.media.push({ id: crypto.randomUUID(), file, caption: "", credit: "", alt_text: "", rights: "", hero: !hasHero && i === 0 });
    });
    desk.mediaAdded();
    toast(`Added ${plural(added.files.length, "picture")}: give each a caption, credit and alt text.`);
  } catch (e) {
    errorToast(toAppError(e).message);
  }
}

/** Files dropped on the window: stories are imported, pictures added to the
 * open story, review packages taken in, anything else refused by name. */
export function dropFiles(desk: Desk, paths: readonly string[]): void {
  const { stories, pictures, packages, others } = sortDropped(paths);
  for (const other of others) errorToast(`${fileName(other)} is neither a story (.txt, .md), a picture nor a review package.`);
  if (pictures.length) void addPictures(desk, pictures);
  if (stories.length) void importFiles(desk, stories);
  if (packages.length) void receivePackages(desk, packages);
}

/** Files Dateline was asked to open (its command line, the file manager, or
 * another launch handing them over): stories are imported and review
 * packages taken in; a picture is not a file Dateline opens. */
export async function openFiles(desk: Desk, paths: readonly string[]): Promise<void> {
  const { stories, pictures, packages, others } = sortDropped(paths);
  for (const other of [...pictures, ...others]) errorToast(`${fileName(other)} is neither a story (.txt, .md) nor a review package.`);
  if (stories.length) await importFiles(desk, stories);
  if (packages.length) await receivePackages(desk, packages);
}

export function openExport(desk: Desk): void {
  const open = desk.story();
  const ticked = desk.ticked();
  const ids = ticked.length > 0 ? ticked : open ? [open.id] : [];
  if (ids.length === 0) {
    errorToast("Open a story, or tick stories in the library, to export.");
    return;
  }
  exportDialog(desk.api, {
    ids,
    headline: open?.headline ?? "",
    beforeExport: () => saveFirst(desk),
    done: (path) =>
      toast(`Exported to ${path}`, "info", {
        label: "Show in folder",
        run: () => void desk.api.revealFile(path).catch((e: unknown) => errorToast(toAppError(e).message)),
      }),
  });
}

export function fileCommands(desk: Desk): CommandGroup<"import" | "paste" | "export"> {
  return {
    import: () => void importFiles(desk, null),
    paste: () => pasteDialog(desk.api, (story) => void imported(desk, { stories: [story], failures: [], missing_pictures: [], notices: [] })),
    export: () => openExport(desk),
  };
}
