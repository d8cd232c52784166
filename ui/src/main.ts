// Entry point: the window's platform hooks (file drops, closing) and the app.
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { api, toAppError } from "./api";
import { App, type Platform } from "./app";
import "./styles.css";

const platform: Platform = {
  onFileDrop(handler) {
    void getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === "enter") handler({ type: "enter", paths: p.paths });
      else if (p.type === "drop") handler({ type: "drop", paths: p.paths });
      else if (p.type === "leave") handler({ type: "leave", paths: [] });
    });
  },
  onCloseRequested(handler) {
    void getCurrentWindow().onCloseRequested(async (event) => {
      if (!(await handler())) event.preventDefault();
    });
  },
  destroyWindow() {
    void getCurrentWindow().destroy();
  },
};

const root = document.getElementById("app");
if (root) {
  new App(api, platform).start(root).catch((e: unknown) => {
    root.textContent = `Dateline could not start: ${toAppError(e).message}`;
  });
}
