// Commands about what the window shows: the search box, the preview, help,
// and the keys that move between the panes.
import { helpDialog } from "../components/dialogs";
import type { CommandGroup, Desk } from "./index";

export function viewCommands(desk: Desk): CommandGroup<"find" | "preview" | "help" | "go-library" | "go-body" | "go-preview" | "go-details"> {
  return {
    find: () => desk.library.focusSearch(),
    preview: () => desk.setPreviewShown(!desk.previewShown()),
    help: () => helpDialog(desk.api),
    "go-library": () => desk.focusPane("library"),
    "go-body": () => desk.focusPane("body"),
    "go-preview": () => desk.focusPane("preview"),
    "go-details": () => desk.focusPane("details"),
  };
}
