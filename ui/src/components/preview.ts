// The live preview: the core's rendered article in a sandboxed iframe. No
// scripts run in it (no allow-scripts); it shares the window's origin only so
// an update can swap the page's content in place, keeping the reader's scroll
// position and the pictures already decoded, instead of reloading at every
// keystroke.
import { h } from "./dom";

export type Device = "desktop" | "phone";

/** The width a page is laid out at for each device, in CSS pixels: desktop is
 * wide enough for the article's full reading measure and desktop type size. */
export const DEVICE_WIDTH: Record<Device, number> = { desktop: 900, phone: 390 };

/** The frame starts empty; every page is then patched into it. */
const SKELETON = "<!doctype html><html><head></head><body></body></html>";

/**
 * Moves the new page into `doc`, reusing the picture elements whose source is
 * unchanged so they do not flash while the reporter types.
 *
 * The page's own Content-Security-Policy meta is left out: it is written for
 * a page published on the web (pictures inlined as data: URLs), while the
 * preview shows pictures from the library's `dateline-media:` scheme. The
 * frame stays under the window's CSP, which it inherits, and its sandbox.
 */
export function patchDocument(doc: Document, html: string): void {
  const next = new DOMParser().parseFromString(html, "text/html");
  for (const meta of next.head.querySelectorAll("meta[http-equiv]")) {
    if (meta.getAttribute("http-equiv")?.toLowerCase() === "content-security-policy") meta.remove();
  }
  if (doc.head.innerHTML !== next.head.innerHTML) doc.head.replaceWith(doc.adoptNode(next.head));
  const pictures = new Map<string, HTMLImageElement>();
  for (const img of doc.body.querySelectorAll("img")) {
    const src = img.getAttribute("src");
    if (src && !pictures.has(src)) pictures.set(src, img);
  }
  const body = doc.adoptNode(next.body);
  for (const img of body.querySelectorAll("img")) {
    const old = pictures.get(img.getAttribute("src") ?? "");
    if (old && old.alt === img.alt && old.className === img.className) {
      pictures.delete(img.getAttribute("src") ?? "");
      img.replaceWith(old);
    }
  }
  doc.body.replaceWith(body);
}

export interface PreviewPane {
  element: HTMLElement;
  frame: HTMLIFrameElement;
  /** Shows a whole HTML document. Resolves once it is on screen. */
  show(html: string): Promise<void>;
  setDevice(device: Device): void;
  clear(): void;
}

export function createPreview(options: { fit?: boolean } = {}): PreviewPane {
  const frame = h("iframe", {
    class: "preview-frame",
    title: "Preview of the story as readers will see it",
    attrs: { sandbox: "allow-same-origin", "data-testid": "preview-frame", referrerpolicy: "no-referrer" },
  });
  // The stage only lays the frame out: it carries no role or state of its
  // own. It draws the focus ring while the keyboard is in the page (where
  // the arrow keys scroll it): the web view does not match :focus on a frame
  // whose page has the focus, and a ring on the scaled frame would shrink.
  const stage = h("div", { class: "preview-stage" }, frame);
  frame.addEventListener("focus", () => (stage.dataset.focused = ""));
  frame.addEventListener("blur", () => delete stage.dataset.focused);
  let device: Device = "desktop";
  let ready: Promise<void> | null = null;

  const fit = () => {
    if (options.fit === false) return;
    const width = DEVICE_WIDTH[device];
    const available = Math.max(stage.clientWidth - 16, 1);
    const scale = Math.min(1, available / width);
    frame.style.width = `${width}px`;
    frame.style.height = `${Math.max(stage.clientHeight - 16, 1) / scale}px`;
    frame.style.transform = `scale(${scale})`;
    stage.dataset.device = device;
  };
  new ResizeObserver(fit).observe(stage);

  const load = (): Promise<void> => {
    ready ??= new Promise<void>((resolve) => {
      frame.addEventListener("load", () => resolve(), { once: true });
      frame.srcdoc = SKELETON;
    });
    return ready;
  };

  return {
    element: stage,
    frame,
    async show(html: string) {
      await load();
      const doc = frame.contentDocument;
      if (doc?.body) patchDocument(doc, html);
    },
    setDevice(next: Device) {
      device = next;
      fit();
    },
    clear() {
      const doc = frame.contentDocument;
      if (ready && doc?.body) {
        doc.head.replaceChildren();
        doc.body.replaceChildren();
      }
    },
  };
}
