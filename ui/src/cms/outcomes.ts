// How pushes ended, one line each, for the push and outbox dialogs: a link to
// the post that was sent, why one waits in the outbox, the choice a changed
// post asks for (overwrite it, or keep it), and for a site whose secret is
// gone, a field to give it again. A choice sends that story again and its
// line is drawn anew with the answer.
import type { Api } from "../api";
import type { CmsKind } from "../bindings/CmsKind";
import type { OnConflict } from "../bindings/OnConflict";
import type { PushOutcome } from "../bindings/PushOutcome";
import type { StoryId } from "../bindings/StoryId";
import { h, replaceChildren } from "../components/dom";
import { outcomeText, progressText } from "./labels";
import { messageOf, postLink, secretForm } from "./parts";

export interface OutcomeContext {
  api: Pick<Api, "pushStories" | "setTargetSecret" | "openUrl">;
  /** The story's headline, or "" when the line need not name it. */
  headline: (id: StoryId) => string;
  /** The kind of a site, by name, when known (names its secret). */
  kind: (target: string) => CmsKind | undefined;
  /** A story was sent again from its line: what shows it is read again. */
  pushed: (ids: StoryId[]) => void | Promise<void>;
}

/** The list of outcomes, one item each. */
export function outcomeList(ctx: OutcomeContext, outcomes: readonly PushOutcome[]): HTMLUListElement {
  return h("ul", { class: "outcome-list", attrs: { "data-testid": "outcome-list" } }, ...outcomes.map((o) => outcomeItem(ctx, o)));
}

function outcomeItem(ctx: OutcomeContext, o: PushOutcome): HTMLLIElement {
  const li = h("li", { class: `outcome outcome-${o.outcome}`, attrs: { "data-testid": "push-outcome", "data-outcome": o.outcome } });
  drawOutcome(ctx, li, o);
  return li;
}

function drawOutcome(ctx: OutcomeContext, li: HTMLLIElement, o: PushOutcome): void {
  li.className = `outcome outcome-${o.outcome}`;
  li.dataset.outcome = o.outcome;
  const headline = ctx.headline(o.story);
  const story = headline && h("strong", { class: "outcome-story", text: `“${headline}”: ` });
  const line = h("p", { class: "outcome-text" }, story, outcomeText(o));
  if (o.outcome === "sent") line.append(": ", postLink(ctx.api, o.url, "push-link"));
  /** Sends this story to this site again and draws the answer in its place. */
  const again = (onConflict: OnConflict, buttons: HTMLButtonElement[]) => {
    for (const b of buttons) b.disabled = true;
    const progress = h("p", { class: "hint", text: "Sending…" });
    li.appendChild(progress);
    ctx.api
      .pushStories([o.story], o.target, onConflict, (p) => (progress.textContent = progressText(p)))
      .then(
        async (next) => {
          const answer = next.find((n) => n.story === o.story) ?? next[0];
          if (answer) drawOutcome(ctx, li, answer);
          else progress.remove();
          await ctx.pushed([o.story]);
        },
        (e: unknown) => {
          for (const b of buttons) b.disabled = false;
          progress.className = "field-error";
          progress.setAttribute("role", "alert");
          progress.textContent = messageOf(e);
        },
      );
  };
  switch (o.outcome) {
    case "conflict": {
      const overwrite = h("button", { text: "Overwrite the site's version", attrs: { "data-testid": "conflict-overwrite" } });
      const keep = h("button", { text: "Keep the site's version", attrs: { "data-testid": "conflict-keep" } });
      overwrite.addEventListener("click", () => again("overwrite", [overwrite, keep]));
      keep.addEventListener("click", () => again("keep_site", [overwrite, keep]));
      replaceChildren(li, line, h("div", { class: "row-actions" }, overwrite, keep));
      return;
    }
    case "failed":
      line.classList.add("outcome-failed-text");
      if (o.kind === "no_secret") {
        replaceChildren(li, line, secretForm(ctx.api, { target: o.target, kind: ctx.kind(o.target), saved: () => again("ask", []) }));
        return;
      }
      replaceChildren(li, line);
      return;
    default:
      replaceChildren(li, line);
  }
}
