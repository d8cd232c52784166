// "Send to CMS…": the open story, or the stories ticked in the library, sent
// to one of the publishing targets. The push runs in the core; the dialog
// shows how far it has got ("Story 1 of 3 — Uploading picture 2 of 3") and
// then one line per story: sent (with the post's link), queued in the outbox,
// changed on the site (overwrite or keep?), or not sent and why. The window
// stays usable meanwhile: nothing here waits but the promise.
import type { Api } from "../api";
import type { StoryId } from "../bindings/StoryId";
import type { Target } from "../bindings/Target";
import { dialogFooter, modal, type Modal } from "../components/dialogs";
import { h, replaceChildren } from "../components/dom";
import { plural } from "../logic/format";
import { kindLabel, outcomesSummary, postStatusLabel, progressText } from "./labels";
import { outcomeList, type OutcomeContext } from "./outcomes";
import { messageOf } from "./parts";

export type PushApi = Pick<Api, "listTargets" | "pushStories" | "setTargetSecret" | "openUrl">;

export interface PushRequest {
  /** One story, or several sent one after another. */
  stories: { id: StoryId; headline: string }[];
  /** Saves pending edits first so the push has them. */
  beforePush: () => Promise<void>;
  /** Stories were sent (or queued, or kept): what shows them is read again. */
  pushed: (ids: StoryId[]) => void | Promise<void>;
  /** Opens "Publishing targets". */
  manageTargets: () => void;
}

/** The target chosen last time, chosen again. */
const LAST_TARGET = "dateline.pushTarget";

export function pushDialog(api: PushApi, req: PushRequest): Modal {
  const ids = req.stories.map((s) => s.id);
  const batch = ids.length > 1;
  const headlines = new Map(req.stories.map((s) => [s.id, s.headline]));
  let targets: Target[] = [];

  const choose = h("div", { class: "push-target" }, h("p", { class: "hint", text: "Reading the publishing targets…" }));
  const select = h("select", { id: "push-target", attrs: { "data-testid": "push-target", "aria-describedby": "push-target-about" } });
  const about = h("p", { id: "push-target-about", class: "hint" });
  const progress = h("progress", { attrs: { max: ids.length, value: 0, "aria-label": "Stories sent", "data-testid": "push-progress" } });
  progress.hidden = true;
  const status = h("p", { class: "hint", attrs: { role: "status", "data-testid": "push-status" } });
  const error = h("p", { class: "field-error", attrs: { role: "alert", "data-testid": "push-error" } });
  // Every outcome and every answer to a choice is read out when it comes.
  const results = h("div", { class: "push-results", attrs: { "aria-live": "polite", "data-testid": "push-results" } });
  const go = h("button", { class: "primary", text: batch ? `Send ${ids.length} stories` : "Send", attrs: { disabled: true, "data-testid": "push-send" } });
  const manage = h("button", { class: "link", text: "Publishing targets…", attrs: { "data-testid": "push-manage" }, on: { click: () => req.manageTargets() } });
  const first = req.stories[0];
  const m = modal(
    batch ? `Send ${plural(ids.length, "story", "stories")} to the CMS` : "Send to the CMS",
    "push-dialog",
    h("p", {
      class: "hint",
      text: batch ? "They go one after another. Choose the site, then Send." : `“${first?.headline ?? ""}”: choose the site, then Send.`,
    }),
    choose,
    progress,
    status,
    error,
    results,
    dialogFooter(manage, go),
  );

  const describe = () => {
    const t = targets.find((x) => x.name === select.value);
    about.textContent = t ? `${t.url} · posts go up as: ${postStatusLabel(t.default_status)}` : "";
  };
  select.addEventListener("change", describe);

  const ctx: OutcomeContext = {
    api,
    headline: (id) => (batch ? (headlines.get(id) ?? "") : ""),
    kind: (name) => targets.find((t) => t.name === name)?.kind,
    pushed: (done) => req.pushed(done),
  };

  api.listTargets().then(
    (list) => {
      targets = list;
      if (list.length === 0) {
        const add = h("button", { class: "primary", text: "Add a target…", attrs: { "data-testid": "push-add-target" }, on: { click: () => req.manageTargets() } });
        replaceChildren(
          choose,
          h("p", { attrs: { "data-testid": "push-no-targets" }, text: "There is no site to send to yet: add the WordPress or Ghost site as a publishing target first." }),
          add,
        );
        manage.hidden = true;
        go.hidden = true;
        add.focus();
        return;
      }
      replaceChildren(
        select,
        ...list.map((t) => h("option", { text: `${t.name} (${kindLabel(t.kind)})`, attrs: { value: t.name } })),
      );
      const last = localStorage.getItem(LAST_TARGET);
      if (last && list.some((t) => t.name === last)) select.value = last;
      describe();
      replaceChildren(choose, h("div", { class: "field" }, h("label", { class: "field-label", text: "Site", attrs: { for: "push-target" } }), select, about));
      go.disabled = false;
      select.focus();
    },
    (e: unknown) => {
      replaceChildren(choose);
      error.textContent = messageOf(e);
    },
  );

  go.addEventListener("click", () => {
    const target = select.value;
    if (!target) return;
    localStorage.setItem(LAST_TARGET, target);
    go.disabled = true;
    select.disabled = true;
    error.textContent = "";
    replaceChildren(results);
    progress.value = 0;
    progress.hidden = false;
    const run = async () => {
      status.textContent = "Saving first…";
      await req.beforePush();
      status.textContent = `Sending to ${target}…`;
      const outcomes = await api.pushStories(ids, target, "ask", (p) => {
        progress.value = p.done;
        status.textContent = progressText(p);
      });
      progress.value = ids.length;
      status.textContent = outcomesSummary(outcomes);
      results.appendChild(outcomeList(ctx, outcomes));
      await req.pushed(ids);
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
        go.disabled = false;
        select.disabled = false;
        // A disabled button lets the keyboard go: give it back.
        if (m.element.isConnected && !m.element.contains(document.activeElement)) go.focus();
      });
  });
  return m;
}
