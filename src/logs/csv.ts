// RFC 4180 CSV, as Python's `csv` module and pandas write it (quoted fields, doubled quotes, CRLF or LF),
// keeping each record's 0-based line for problems. Headers may be padded (Ultralytics pads to 23 columns).

export interface CsvTable {
  readonly header: readonly string[];
  /** Rows with the line each starts on; cells are trimmed. */
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
}

export function parseCsv(text: string): CsvTable {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 0;
  let start = 0;
  let any = false;
  const endCell = (): void => {
    cells.push(cell.trim());
    cell = "";
  };
  const endRecord = (): void => {
    endCell();
    if (any || cells.some((c) => c !== "")) records.push({ line: start, cells });
    cells = [];
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      any = true;
    } else if (c === ",") {
      endCell();
      any = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else {
      if (c !== " " && c !== "\t") any = true;
      cell += c;
    }
  }
  if (cell !== "" || cells.length > 0) endRecord();
  const [head, ...rows] = records;
  return { header: head?.cells ?? [], rows };
}

/** A cell as a finite number, or `undefined` (empty cells are how CSVLogger writes "not logged in this row"). */
export function numberCell(cell: string | undefined): number | undefined {
  if (cell === undefined || cell === "") return undefined;
  const n = Number(cell);
  return Number.isFinite(n) ? n : undefined;
}
