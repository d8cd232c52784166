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
    // Still a page a screen reader can read: a heading, and the reason at once.
    const why = document.createElement("p");
    why.setAttribute("role", "alert");
    why.textContent = `Dateline could not start: ${toAppError(e).message}`;
    const title = document.createElement("h1");
    title.textContent = "Dateline";
    const main = document.createElement("main");
    main.append(title, why);
    root.replaceChildren(main);
  });
}
