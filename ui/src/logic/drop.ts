// Files dropped on the window, sorted by what they are: stories to import,
// pictures for the open story, review packages to take in, and the rest
// refused by name. The extensions
// are Rust's, generated into bindings/constants.ts, so the window takes what
// the import and picture commands take.
import { PACKAGE_EXTENSIONS, PICTURE_EXTENSIONS, STORY_EXTENSIONS } from "../bindings/constants";

/** The last part of a path, on any platform. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The extension of a path, lowercased; "" when it has none. */
export function extension(path: string): string {
  const name = fileName(path);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

export interface Dropped {
  stories: string[];
  pictures: string[];
  packages: string[];
  others: string[];
}

export function sortDropped(paths: readonly string[]): Dropped {
  const dropped: Dropped = { stories: [], pictures: [], packages: [], others: [] };
  for (const path of paths) {
    const ext = extension(path);
    if (STORY_EXTENSIONS.includes(ext)) dropped.stories.push(path);
    else if (PICTURE_EXTENSIONS.includes(ext)) dropped.pictures.push(path);
    else if (PACKAGE_EXTENSIONS.includes(ext)) dropped.packages.push(path);
    else dropped.others.push(path);
  }
  return dropped;
}
