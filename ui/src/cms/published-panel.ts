// "Published to": where the open story went, in the story's details. Each
// site with a link to its post and when it was sent; read when a story opens
// and again after every push and every word from the background sender.
// Hidden while the story has gone nowhere.
import type { Api } from "../api";
import type { Destination } from "../bindings/Destination";
import type { StoryId } from "../bindings/StoryId";
import { h, replaceChildren } from "../components/dom";
import { section } from "../components/panels";
import { fullTime, relativeTime } from "../logic/format";
import { postLink } from "./parts";

export interface PublishedPanel {
  element: HTMLDetailsElement;
  /** Reads where a story went (null: no story open). */
  show(id: StoryId | null): Promise<void>;
  /** Reads it again for the story shown. */
  refresh(): Promise<void>;
}

/** The site's own word for a post's state, in ours. */
const REMOTE_STATUS: Partial<Record<string, string>> = {
  publish: "published",
  published: "published",
  future: "scheduled",
  scheduled: "scheduled",
  draft: "a draft",
  pending: "pending review",
  private: "private",
};

function destinationItem(api: Pick<Api, "openUrl">, d: Destination): HTMLLIElement {
  const state = REMOTE_STATUS[d.post.remote_status] ?? d.post.remote_status;
  return h(
    "li",
    { class: "destination", attrs: { "data-testid": "destination", "data-target": d.target } },
    h("strong", { class: "destination-target", text: d.target }),
    postLink(api, d.post.url, "destination-link"),
    h(
      "span",
      { class: "hint" },
      h("time", { text: `sent ${relativeTime(d.post.pushed_at)}`, attrs: { datetime: d.post.pushed_at }, title: fullTime(d.post.pushed_at) }),
      state ? ` · ${state} on the site` : "",
    ),
  );
}

export function createPublishedPanel(api: Pick<Api, "destinations" | "openUrl">): PublishedPanel {
  const list = h("ul", { class: "published-list", attrs: { "data-testid": "published-list" } });
  const element = section("Published to", "published", true, list);
  element.setAttribute("data-testid", "published-panel");
  element.hidden = true;
  let shown: StoryId | null = null;
  let asked = 0;
  const show = async (id: StoryId | null) => {
    shown = id;
    const mine = ++asked;
    if (id === null) {
      replaceChildren(list);
      element.hidden = true;
      return;
    }
    try {
      const destinations = await api.destinations(id);
      if (mine !== asked) return;
      replaceChildren(list, ...destinations.map((d) => destinationItem(api, d)));
      element.hidden = destinations.length === 0;
    } catch {
      // Where it went is a side note: the story itself is open all the same.
      if (mine === asked) element.hidden = true;
    }
  };
  return { element, show, refresh: () => show(shown) };
}
