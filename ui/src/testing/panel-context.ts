// The context the side panels need, for the UI tests: a story, the real api
// (mocked at the IPC), and review callbacks that only record their calls.
import { vi } from "vitest";
import { api } from "../api";
import type { PanelContext } from "../components/panels";
import { SelectionMemory } from "../review/selection";
import { story } from "./fixtures";

export function panelContext(overrides: Partial<PanelContext> = {}): PanelContext {
  return {
    story: story(),
    api,
    changed: vi.fn(),
    mediaUrl: "dateline-media://localhost/",
    sections: ["Local"],
    addPictures: vi.fn(() => Promise.resolve()),
    bodyText: () => "",
    review: {
      person: () => ({ name: "Ada Reyes", initials: "AR", chosen: true }),
      suggesting: () => false,
      memory: new SelectionMemory(),
      revealBody: vi.fn(),
      commentRange: () => null,
      decide: vi.fn(() => Promise.resolve()),
      compare: vi.fn(),
      reviewChanged: vi.fn(),
    },
    ...overrides,
  };
}
