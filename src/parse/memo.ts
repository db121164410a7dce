interface Entry<T> {
  readonly file: string;
  readonly text: string;
  readonly value: T;
}

/**
 * A small bounded memo for parses: one parse per (file, text), shared by every reader that looks at the file
 * and by every loading round of the store (which reads a file again each time a `_base_` file arrives). The
 * least recently used entries go first once there are more than `maxEntries` of them or their texts add up
 * to more than `maxChars`; a text longer than `maxChars` is parsed every time, never kept.
 *
 * What it returns is shared: callers must treat parsed values as immutable (their types are readonly).
 * `parse` gets the latest parse of the same file still kept, if any (the text before an edit), so that a
 * parser that can parse incrementally does.
 */
export class ParseMemo<T> {
  /**
   * file → text → parse. Keyed by the text itself, not by a string built from it: V8 keeps a string's hash
   * once computed, so looking the same text up again (every reader, every round) costs no pass over it.
   */
  private readonly byFile = new Map<string, Map<string, Entry<T>>>();
  /** Every entry, least recently used first (a Set keeps insertion order). */
  private readonly order = new Set<Entry<T>>();
  /** file → its most recently used parse. */
  private readonly latest = new Map<string, Entry<T>>();
  private chars = 0;

  constructor(
    private readonly parse: (file: string, text: string, previous: T | undefined) => T,
    private readonly maxEntries = 64,
    private readonly maxChars = 16 * 1024 * 1024,
  ) {}

  get(file: string, text: string): T {
    const previous = this.latest.get(file);
    if (text.length > this.maxChars) return this.parse(file, text, previous?.value);
    let texts = this.byFile.get(file);
    const hit = texts?.get(text);
    if (hit) {
      this.order.delete(hit);
      this.order.add(hit);
      this.latest.set(file, hit);
      return hit.value;
    }
    const entry: Entry<T> = { file, text, value: this.parse(file, text, previous?.value) };
    if (!texts) this.byFile.set(file, (texts = new Map<string, Entry<T>>()));
    texts.set(text, entry);
    this.order.add(entry);
    this.latest.set(file, entry);
    this.chars += text.length;
    for (const e of this.order) {
      if (this.order.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.forget(e);
    }
    return entry.value;
  }

  private forget(e: Entry<T>): void {
    this.order.delete(e);
    const texts = this.byFile.get(e.file);
    texts?.delete(e.text);
    if (texts?.size === 0) this.byFile.delete(e.file);
    if (this.latest.get(e.file) === e) this.latest.delete(e.file);
    this.chars -= e.text.length;
  }

  /** How many parses are kept (for tests). */
  get size(): number {
    return this.order.size;
  }

  clear(): void {
    this.byFile.clear();
    this.order.clear();
    this.latest.clear();
    this.chars = 0;
  }
}
