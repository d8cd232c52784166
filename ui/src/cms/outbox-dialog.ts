// The outbox: pushes whose site could not be reached, waiting to be sent.
// The core tries each again by itself, later and later, until its tries are
// used up ("held"); "Send now" tries every one at once. Each entry says which
// story, which site, how many tries, the last error and when the next comes,
// and can be taken out without being sent.
import type { Api } from "../api";
import type { OutboxEntry } from "../bindings/OutboxEntry";
import type { StoryId } from "../bindings/StoryId";
import type { Target } from "../bindings/Target";
import { dialogFooter, modal, type Modal } from "../components/dialogs";
import { h, replaceChildren } from "../components/dom";
import { fullTime, plural, relativeTime } from "../logic/format";
import { nextTryText, outcomesSummary, progressText } from "./labels";
import { outcomeList } from "./outcomes";
import { messageOf } from "./parts";

export type OutboxApi = Pick<Api, "outbox" | "sendOutbox" | "removeFromOutbox" | "listTargets" | "pushStories" | "setTargetSecret" | "openUrl">;

export interface OutboxRequest {
  /** Pushes went out or were taken out: what shows those stories is read again. */
  changed: (ids: StoryId[]) => void | Promise<void>;
}

/** The open outbox dialog's list, read again when the background sender
 * says pushes went out. */
let reloadOpen: (() => Promise<void>) | null = null;

/** Reads the outbox again if its dialog is open. */
export async function reloadOutboxDialog(): Promise<void> {
  await reloadOpen?.();
}

export function outboxDialog(api: OutboxApi, req: OutboxRequest): Modal {
  const list = h("ul", { class: "outbox-list", attrs: { "aria-label": "Waiting to be sent", "data-testid": "outbox-list" } });
  const empty = h("p", { class: "hint outbox-empty", text: "Nothing waits to be sent.", attrs: { "data-testid": "outbox-empty" } });
  empty.hidden = true;
  const progress = h("progress", { attrs: { max: 1, value: 0, "aria-label": "Pushes sent", "data-testid": "outbox-progress" } });
  progress.hidden = true;
  const status = h("p", { class: "hint", attrs: { role: "status", "data-testid": "outbox-status" } });
  const error = h("p", { class: "field-error", attrs: { role: "alert", "data-testid": "outbox-error" } });
  const results = h("div", { class: "push-results", attrs: { "aria-live": "polite", "data-testid": "outbox-results" } });
  const send = h("button", { class: "primary", text: "Send now", attrs: { disabled: true, "data-testid": "outbox-send" } });
  const m = modal(
    "Outbox",
    "outbox-dialog",
    h("p", { class: "hint", text: "Pushes whose site could not be reached. Each is tried again by itself, later each time; Send now tries them all at once." }),
    list,
    empty,
    progress,
    status,
    error,
    results,
    dialogFooter(send),
  );

  let entries: OutboxEntry[] = [];
  let targets: Target[] = [];
  /** Headlines of the stories listed, kept for the outcomes after a send. */
  const headlines = new Map<StoryId, string>();

  const entryRow = (entry: OutboxEntry): HTMLLIElement => {
    const remove = h("button", {
      text: "Remove",
      title: "Take it out of the outbox without sending it",
      attrs: { "aria-label": `Remove “${entry.headline}” for ${entry.target}`, "data-testid": "outbox-remove" },
    });
    remove.addEventListener("click", () => {
      remove.disabled = true;
      api.removeFromOutbox(entry.story, entry.target_id).then(
        async () => {
          status.textContent = `“${entry.headline}” is no longer waiting for ${entry.target}.`;
          await reload();
          (list.querySelector<HTMLElement>("[data-testid=outbox-remove]") ?? send).focus();
          await req.changed([entry.story]);
        },
        (e: unknown) => {
          remove.disabled = false;
          error.textContent = messageOf(e);
        },
      );
    });
    return h(
      "li",
      { class: `outbox-entry${entry.held ? " held" : ""}`, attrs: { "data-testid": "outbox-entry", "data-story": entry.story } },
      h("p", { class: "outbox-what" }, h("strong", { text: entry.headline }), ` → ${entry.target}`),
      h(
        "p",
        { class: "hint" },
        h("time", { text: `queued ${relativeTime(entry.queued_at)}`, attrs: { datetime: entry.queued_at }, title: fullTime(entry.queued_at) }),
        ` · ${plural(entry.attempts, "attempt")} · `,
        h("span", { text: nextTryText(entry), attrs: { "data-testid": "outbox-next" } }),
      ),
      entry.last_error && h("p", { class: "outbox-error hint", text: `Last error: ${entry.last_error}` }),
      h("div", { class: "row-actions" }, remove),
    );
  };

  const reload = async () => {
    try {
      entries = await api.outbox();
      for (const e of entries) headlines.set(e.story, e.headline);
      replaceChildren(list, ...entries.map(entryRow));
      list.hidden = entries.length === 0;
      empty.hidden = entries.length > 0;
      send.disabled = entries.length === 0;
    } catch (e) {
      error.textContent = messageOf(e);
    }
  };

  reloadOpen = async () => {
    if (!m.element.isConnected) {
      reloadOpen = null;
      return;
    }
    await reload();
  };

  send.addEventListener("click", () => {
    send.disabled = true;
    error.textContent = "";
    replaceChildren(results);
    progress.max = Math.max(entries.length, 1);
    progress.value = 0;
    progress.hidden = false;
    status.textContent = "Sending…";
    const run = async () => {
      const outcomes = await api.sendOutbox((p) => {
        progress.max = Math.max(p.total, 1);
        progress.value = p.done;
        status.textContent = progressText(p);
      });
      progress.value = progress.max;
      status.textContent = outcomesSummary(outcomes);
      results.appendChild(
        outcomeList(
          {
            api,
            headline: (id) => headlines.get(id) ?? "",
            kind: (name) => targets.find((t) => t.name === name)?.kind,
            pushed: async (ids) => {
              await reload();
              await req.changed(ids);
            },
          },
          outcomes,
        ),
      );
      await reload();
      await req.changed([...new Set(outcomes.map((o) => o.story))]);
    };
    run()
      .catch((e: unknown) => {
        progress.hidden = true;
        status.textContent = "";
        error.textContent = `Not sent: ${messageOf(e)}`;
      })
      .finally(() => {
        // Done: the summary line says how it went; the bar has nothing left to show.
        progress.hidden = true;
        send.disabled = entries.length === 0;
        if (m.element.isConnected && !m.element.contains(document.activeElement)) (send.disabled ? m.element.querySelector<HTMLElement>("[data-testid=dialog-close]") : send)?.focus();
      });
  });

  // The kinds of the sites name the secret a site asks for again.
  api.listTargets().then(
    (list) => (targets = list),
    () => undefined,
  );
  void reload().then(() => {
    if (!send.disabled) send.focus();
  });
  return m;
}
