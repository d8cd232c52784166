// Commands about what the window shows: the search box, the preview, help.
import { helpDialog } from "../components/dialogs";
import type { CommandGroup, Desk } from "./index";

export function viewCommands(desk: Desk): CommandGroup<"find" | "preview" | "help"> {
  return {
    find: () => desk.library.focusSearch(),
    preview: () => desk.setPreviewShown(!desk.previewShown()),
    help: () => helpDialog(),
  };
}
