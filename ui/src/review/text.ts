// Offsets between the window and the core. The editor and the inputs count
// UTF-16 code units; the core counts UTF-8 bytes (comment anchors, body
// suggestions). These convert one into the other without allocating.

/** UTF-8 length of `text.slice(from, to)`. A lone surrogate counts as the
 * three bytes of U+FFFD, as `TextEncoder` writes it. */
export function utf8Length(text: string, from = 0, to = text.length): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** The UTF-16 position of a UTF-8 byte offset, clamped to the text. An offset
 * inside a character goes to the end of that character. */
export function utf16Offset(text: string, byte: number): number {
  if (byte <= 0) return 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    if (bytes >= byte) return i;
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return text.length;
}

/** Converts increasing UTF-16 positions of one text to bytes in one pass. */
export class ByteCounter {
  private at = 0;
  private bytes = 0;
  constructor(private readonly text: string) {}

  /** Bytes before `position`; positions must not decrease between calls. */
  bytesAt(position: number): number {
    if (position < this.at) {
      this.at = 0;
      this.bytes = 0;
    }
    this.bytes += utf8Length(this.text, this.at, position);
    this.at = position;
    return this.bytes;
  }
}

/** Up to `n` characters (code points) at the end of `text`. */
export function lastChars(text: string, n: number): string {
  const chars = Array.from(text.length > n * 2 ? text.slice(-n * 2) : text);
  return chars.slice(Math.max(0, chars.length - n)).join("");
}

/** Up to `n` characters (code points) at the start of `text`. */
export function firstChars(text: string, n: number): string {
  return Array.from(text.length > n * 2 ? text.slice(0, n * 2) : text)
    .slice(0, n)
    .join("");
}

/** Two letters for a name: "Ada Reyes" → "AR", "ada" → "A". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return "?";
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return ((Array.from(first)[0] ?? "") + (last ? (Array.from(last)[0] ?? "") : "")).toUpperCase();
}

/** Now, as the core writes times in signatures: RFC 3339 to the second, UTC. */
export function nowStamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z");
}

/** A short quotation of `text` for a list: one line, at most `max` characters. */
export function quoted(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}
