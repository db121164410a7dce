import type { SourceRange } from "../core/range";

/** Maps character offsets of one text to 0-based lines and columns, for ranges every parser reports. */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly length: number;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.length = text.length;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** Offsets outside the text (a parser's error "one past the end") are clamped to it. */
  position(offset: number): { line: number; column: number } {
    offset = Math.min(Math.max(0, Number.isFinite(offset) ? Math.floor(offset) : 0), this.length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo]! };
  }

  range(from: number, to: number): SourceRange {
    const a = this.position(from);
    const b = this.position(to);
    return { file: this.file, startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }
}
