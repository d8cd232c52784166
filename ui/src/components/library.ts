// The library pane: every story with its status, kicker and headline, when it
// was updated and how long it is; filters by status and section; search as
// you type, with the matching words highlighted.
import type { Api } from "../api";
import type { SearchHit } from "../bindings/SearchHit";
import type { Status } from "../bindings/Status";
import type { StoryId } from "../bindings/StoryId";
import type { StorySummary } from "../bindings/StorySummary";
import { fullTime, isStatus, plural, relativeTime, STATUSES, statusLabel } from "../logic/format";
import { append, h, replaceChildren } from "./dom";

/** Stories listed at once: the most recently updated first. */
export const LIST_LIMIT = 200;
/** Rows built at a time as the list scrolls. */
export const ROW_CHUNK = 25;

export interface LibraryCallbacks {
  open: (id: StoryId) => void;
  selectionChanged: (ids: StoryId[]) => void;
  filtersChanged: (status: Status | null, section: string) => void;
  error: (message: string) => void;
  /** The list was drawn again (review labels may have changed). */
  listed?: () => void;
}

export interface LibraryPane {
  element: HTMLElement;
  /** Puts the cursor in the search box, its text selected. */
  focusSearch(): void;
  /** Moves the keyboard to the open story's row (else the first, else the search box). */
  focus(): void;
  /** Sets what the search box holds; the list follows at the next refresh. */
  setQuery(text: string): void;
  /** Whether the list has a row for the story. */
  shows(id: StoryId): boolean;
  /** Reloads the list (and sections) from the library. */
  refresh(): Promise<void>;
  setFilters(status: Status | null, section: string): void;
  setActive(id: StoryId | null): void;
  /** Updates one row in place after a save, without a reload. */
  patch(summary: Pick<StorySummary, "id" | "headline" | "kicker" | "status" | "updated_at"> & { word_count?: number }): void;
  selected(): StoryId[];
  clearSelection(): void;
  /** The story's review label as last listed ("From Ada Reyes, for review"). */
  reviewLabel(id: StoryId): string;
  /** The story's headline as last listed, or "" when it was not. */
  headline(id: StoryId): string;
  /** Shows a line above the list (null: none). */
  showNotice(notice: HTMLElement | null): void;
}

export function createLibrary(api: Pick<Api, "listStories" | "search" | "libraryInfo">, cb: LibraryCallbacks): LibraryPane {
  let status: Status | null = null;
  let section = "";
  let active: StoryId | null = null;
  const chosen = new Set<StoryId>();
  let requestNo = 0;
  let total = 0;

  const search = h("input", {
    class: "search",
    attrs: {
      type: "search",
      placeholder: "Search stories (Ctrl+K)",
      "aria-label": "Search stories",
      "data-testid": "library-search",
      spellcheck: "false",
    },
  });
  const statusSelect = h(
    "select",
    { attrs: { "aria-label": "Filter by status", "data-testid": "status-filter" } },
    h("option", { text: "All statuses", attrs: { value: "" } }),
    ...STATUSES.map((s) => h("option", { text: statusLabel(s), attrs: { value: s } })),
  );
  const sectionSelect = h(
    "select",
    { attrs: { "aria-label": "Filter by section", "data-testid": "section-filter" } },
    h("option", { text: "All sections", attrs: { value: "" } }),
  );
  const list = h("ol", { class: "story-list", attrs: { "data-testid": "story-list", "aria-label": "Stories" } });
  // Says how many stories are listed, when the list changes.
  const footer = h("div", { class: "library-footer", attrs: { role: "status" } });
  const notice = h("div", { class: "library-notice" });
  notice.hidden = true;
  const element = h(
    "nav",
    { class: "library", attrs: { "aria-labelledby": "library-heading" } },
    h("h2", { id: "library-heading", class: "sr-only", text: "Library" }),
    h("div", { class: "library-tools", attrs: { role: "search" } }, search, h("div", { class: "filters" }, statusSelect, sectionSelect)),
    notice,
    list,
    footer,
  );
  /** Review labels of the stories listed, by id. */
  const reviews = new Map<StoryId, string>();
  /** Headlines of the stories listed (or ticked), by id. */
  const headlines = new Map<StoryId, string>();

  // One row per story, built only as the list is scrolled towards it: the
  // first screenful at once, the rest a chunk at a time. A row costs the web
  // view tens of kilobytes, so 200 built up front weighed megabytes nobody saw.
  // A row is a list item holding two controls side by side: the tick box and
  // a button that opens the story, named by its status, kicker and headline
  // (and when it was updated, how long it is, what the search matched).
  const comma = () => h("span", { class: "sr-only", text: ", " });
  const rowFor = (s: StorySummary, hit?: SearchHit) => {
    const box = h("input", {
      attrs: { type: "checkbox", "aria-label": `Select “${s.headline}”`, "data-testid": "select-story" },
    });
    box.checked = chosen.has(s.id);
    const snippet =
      hit &&
      h(
        "span",
        { class: "snippet" },
        ...hit.snippet.map((part) => (part.hit ? h("mark", { text: part.text }) : part.text)),
      );
    return h(
      "li",
      {
        class: `story-row${s.id === active ? " active" : ""}`,
        attrs: { "data-id": s.id, "data-testid": "story-row" },
      },
      box,
      h(
        "button",
        { class: "row-main", attrs: { type: "button", "aria-current": s.id === active ? "true" : undefined, "data-testid": "open-story" } },
        h(
          "span",
          { class: "row-top" },
          h("span", { class: `status-pill status-${s.status}`, text: statusLabel(s.status) }),
          comma(),
          s.kicker && h("span", { class: "row-kicker", text: s.kicker }),
          s.kicker && comma(),
        ),
        badges(s),
        h("span", { class: "row-headline", text: s.headline }),
        comma(),
        snippet,
        snippet && comma(),
        h(
          "span",
          { class: "row-meta" },
          h("time", { text: relativeTime(s.updated_at), attrs: { datetime: s.updated_at }, title: fullTime(s.updated_at) }),
          comma(),
          h("span", { class: "row-words", text: plural(s.word_count, "word") }),
          s.section && comma(),
          s.section && h("span", { text: s.section }),
        ),
      ),
    );
  };

  /** Where the story stands besides its status: in a review, sent to a
   * site, waiting in the outbox. One line of small labels, or nothing. */
  const badges = (s: StorySummary) => {
    const sent = s.sent_to;
    const parts = [
      s.review && h("span", { class: "review-badge", text: s.review, attrs: { "data-testid": "review-badge" } }),
      sent.length > 0 && h("span", { class: "review-badge sent-badge", text: `Sent to ${sent.join(", ")}`, attrs: { "data-testid": "sent-badge" } }),
      s.queued > 0 && h("span", { class: "review-badge queued-badge", text: "Queued", title: "Waiting in the outbox for its site", attrs: { "data-testid": "queued-badge" } }),
    ].filter((p): p is HTMLSpanElement => p instanceof HTMLElement);
    if (parts.length === 0) return null;
    return h("span", { class: "row-badges" }, ...parts.flatMap((p) => [p, comma()]));
  };

  // The stories the list holds, and how many of them have rows yet.
  let pending: { story: StorySummary; hit?: SearchHit }[] = [];
  let built = 0;

  /** Builds rows until the list reaches a screen beyond what is in view. */
  const fill = () => {
    while (built < pending.length && list.scrollHeight - list.scrollTop - list.clientHeight <= list.clientHeight) {
      const chunk = pending.slice(built, built + ROW_CHUNK);
      built += chunk.length;
      append(
        list,
        chunk.map(({ story, hit }) => rowFor(story, hit)),
      );
    }
  };

  const render = (items: { story: StorySummary; hit?: SearchHit }[], note: string) => {
    for (const { story } of items) {
      reviews.set(story.id, story.review);
      headlines.set(story.id, story.headline);
    }
    pending = items;
    built = 0;
    replaceChildren(list);
    list.scrollTop = 0;
    if (items.length === 0) list.appendChild(h("li", { class: "empty", text: note }));
    fill();
    cb.listed?.();
  };

  list.addEventListener("scroll", fill, { passive: true });
  // A list that grows taller (a bigger window) may show room for more rows.
  if (typeof ResizeObserver !== "undefined") new ResizeObserver(fill).observe(list);
  const rowOf = (target: EventTarget | null) =>
    target instanceof Element ? target.closest<HTMLElement>(".story-row") : null;
  // A click anywhere on a row but its tick box opens the story; the keyboard
  // opens it with the row's button (Enter or Space).
  list.addEventListener("click", (e) => {
    const row = rowOf(e.target);
    if (!row?.dataset.id || e.target instanceof HTMLInputElement) return;
    cb.open(row.dataset.id);
  });
  list.addEventListener("change", (e) => {
    const box = e.target;
    const id = rowOf(box)?.dataset.id;
    if (!(box instanceof HTMLInputElement) || !id) return;
    if (box.checked) chosen.add(id);
    else chosen.delete(id);
    cb.selectionChanged([...chosen]);
  });

  const refresh = async () => {
    const mine = ++requestNo;
    const query = search.value.trim();
    try {
      if (query) {
        const hits = await api.search(query, 50);
        if (mine !== requestNo) return;
        const shown = hits.filter(
          (hit) => (!status || hit.story.status === status) && (!section || hit.story.section === section),
        );
        render(shown.map((hit) => ({ story: hit.story, hit })), `Nothing matches “${query}”.`);
        footer.textContent = `${plural(shown.length, "match", "matches")} for “${query}”`;
        return;
      }
      const [rows, info] = await Promise.all([api.listStories(status, section || null, LIST_LIMIT), api.libraryInfo()]);
      if (mine !== requestNo) return;
      total = info.story_count;
      const current = sectionSelect.value;
      replaceChildren(
        sectionSelect,
        h("option", { text: "All sections", attrs: { value: "" } }),
        ...info.sections.map((name) => h("option", { text: name, attrs: { value: name } })),
      );
      if (section && !info.sections.includes(section)) sectionSelect.appendChild(h("option", { text: section, attrs: { value: section } }));
      sectionSelect.value = section || current;
      render(
        rows.map((story) => ({ story })),
        total === 0 ? "No stories yet. Start one with New story (Ctrl+N), or import or paste one." : "No story has this status or section.",
      );
      const filtered = status !== null || section !== "";
      footer.textContent = filtered
        ? `${plural(rows.length, "story", "stories")} shown`
        : rows.length < total
          ? `The ${rows.length} most recent of ${plural(total, "story", "stories")}`
          : plural(total, "story", "stories");
    } catch (e) {
      cb.error((e as { message?: string }).message ?? String(e));
    }
  };

  let typing: ReturnType<typeof setTimeout> | null = null;
  search.addEventListener("input", () => {
    if (typing) clearTimeout(typing);
    // Search as you type, once the fingers pause for a moment.
    typing = setTimeout(() => void refresh(), 120);
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      search.value = "";
      void refresh();
    } else if (e.key === "Enter") {
      const first = list.querySelector<HTMLElement>(".story-row");
      if (first?.dataset.id) cb.open(first.dataset.id);
    }
  });
  statusSelect.addEventListener("change", () => {
    status = isStatus(statusSelect.value) ? statusSelect.value : null;
    cb.filtersChanged(status, section);
    void refresh();
  });
  sectionSelect.addEventListener("change", () => {
    section = sectionSelect.value;
    cb.filtersChanged(status, section);
    void refresh();
  });

  const rowOfStory = (id: StoryId) => list.querySelector<HTMLElement>(`.story-row[data-id="${CSS.escape(id)}"]`);

  return {
    element,
    focusSearch() {
      search.focus();
      search.select();
    },
    setQuery(text) {
      search.value = text;
    },
    shows: (id) => rowOfStory(id) !== null,
    refresh,
    setFilters(nextStatus, nextSection) {
      status = nextStatus;
      section = nextSection;
      statusSelect.value = status ?? "";
      if (section && ![...sectionSelect.options].some((o) => o.value === section)) {
        sectionSelect.appendChild(h("option", { text: section, attrs: { value: section } }));
      }
      sectionSelect.value = section;
    },
    setActive(id) {
      active = id;
      for (const row of list.querySelectorAll<HTMLElement>(".story-row")) {
        row.classList.toggle("active", row.dataset.id === id);
        const open = row.querySelector(".row-main");
        if (row.dataset.id === id) open?.setAttribute("aria-current", "true");
        else open?.removeAttribute("aria-current");
      }
    },
    focus() {
      const row = (active && rowOfStory(active)) || list.querySelector<HTMLElement>(".story-row");
      const target = row?.querySelector<HTMLElement>(".row-main") ?? search;
      target.focus();
      target.scrollIntoView?.({ block: "nearest" });
    },
    patch(s) {
      const row = rowOfStory(s.id);
      if (!row) return;
      headlines.set(s.id, s.headline);
      const headline = row.querySelector(".row-headline");
      if (headline) headline.textContent = s.headline;
      row.querySelector("[data-testid=select-story]")?.setAttribute("aria-label", `Select “${s.headline}”`);
      const pill = row.querySelector(".status-pill");
      if (pill) {
        pill.className = `status-pill status-${s.status}`;
        pill.textContent = statusLabel(s.status);
      }
      const top = row.querySelector(".row-top");
      let kicker = row.querySelector(".row-kicker");
      if (s.kicker && !kicker && top) {
        kicker = h("span", { class: "row-kicker" });
        top.append(kicker, h("span", { class: "sr-only", text: ", " }));
      }
      if (kicker) kicker.textContent = s.kicker;
      const time = row.querySelector("time");
      if (time) {
        time.textContent = relativeTime(s.updated_at);
        time.setAttribute("datetime", s.updated_at);
      }
      const words = row.querySelector(".row-words");
      if (words && s.word_count !== undefined) words.textContent = plural(s.word_count, "word");
    },
    selected: () => [...chosen],
    reviewLabel: (id) => reviews.get(id) ?? "",
    headline: (id) => headlines.get(id) ?? "",
    showNotice(next) {
      replaceChildren(notice, next);
      notice.hidden = next === null;
    },
    clearSelection() {
      chosen.clear();
      for (const box of list.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) box.checked = false;
      cb.selectionChanged([]);
    },
  };
}
