import * as vscode from "vscode";
import type { Curve } from "../core/curve";
import { evaluate } from "../core/evaluate";
import type { Problem } from "../core/problem";
import type { ScheduleDescription } from "../core/schedule";
import { isSupportedFile, readSchedules, type Inputs, type LoadingRounds } from "../dialects";
import { magicCommentInputs } from "./magicComments";
import { cellOf, ipynbCodeText, notebookFileUri, notebookOf, notebookSource, notebookText, notebookVersion } from "./notebooks";
import type { Settings } from "./settings";

/** A schedule of a document with its curve (the curve has total 0 when it cannot be drawn). */
export interface ScheduleEntry {
  readonly schedule: ScheduleDescription;
  readonly curve: Curve;
}

export interface DocumentSchedules {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly inputs: Inputs;
  readonly dialects: readonly string[];
  readonly entries: readonly ScheduleEntry[];
  /** Problems of the file that belong to no schedule. */
  readonly problems: readonly Problem[];
  /** Other files the schedules were read from (`_base_` configs...), for invalidation. */
  readonly dependencies: readonly vscode.Uri[];
}

/** One round per level of `_base_` files: deeper than the readers follow (MMEngine: 32 files). */
const maxDependencyRounds = 40;
/** Open documents longer than this are not read (the workspace index skips files over 2 MB). */
export const maxDocumentChars = 5 * 1024 * 1024;

/**
 * Reads and evaluates the schedules of documents, once per document version and inputs. Readers are
 * synchronous and ask for other files by path; the store loads what they asked for through
 * `workspace.fs` (so it works in vscode.dev too) and reads again until nothing new is asked.
 */
export class ScheduleStore implements vscode.Disposable {
  private readonly cache = new Map<string, { key: string; value: Promise<DocumentSchedules> }>();
  private readonly perFile = new Map<string, Inputs>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires when what a document's schedules depend on changed (inputs, settings, a base file). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private settings: Settings,
    private readonly state: vscode.Memento,
  ) {
    for (const [uri, inputs] of Object.entries(state.get<Record<string, Inputs>>("lrscope.inputs") ?? {})) this.perFile.set(uri, inputs);
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((doc) => this.invalidateDependents(doc.uri)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.cache.delete(doc.uri.toString())),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.cache.delete(`notebook:${notebook.uri.toString()}`)),
    );
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
    this.cache.clear();
    this.changed.fire(undefined);
  }

  /** Inputs for one file: settings, then the per-file values set in the panel or by command, then magic comments. */
  inputsFor(document: vscode.TextDocument): Inputs {
    return this.inputsForText(document.uri, document.getText());
  }

  private inputsForText(uri: vscode.Uri, text: string): Inputs {
    return { ...this.settings.inputs, ...this.perFile.get(uri.toString()), ...magicCommentInputs(text) };
  }

  /**
   * The schedules of a file that is not open in an editor, from its text (the workspace index reads files
   * through `workspace.fs`). Not cached: the index keeps what it read.
   */
  getText(uri: vscode.Uri, text: string): Promise<DocumentSchedules> {
    return this.readFrom(uri, text, 0, this.inputsForText(uri, uri.path.endsWith(".ipynb") ? ipynbCodeText(text) : text));
  }

  perFileInputs(uri: vscode.Uri): Inputs {
    uri = notebookFileUri(uri);
    return this.perFile.get(uri.toString()) ?? {};
  }

  async setPerFileInputs(uri: vscode.Uri, inputs: Inputs): Promise<void> {
    // Set from a notebook cell (its CodeLens, its preview): the inputs are the notebook's.
    uri = notebookFileUri(uri);
    const clean = Object.fromEntries(Object.entries(inputs).filter(([, v]) => typeof v === "number" && Number.isFinite(v) && v > 0));
    if (Object.keys(clean).length === 0) this.perFile.delete(uri.toString());
    else this.perFile.set(uri.toString(), clean);
    await this.state.update("lrscope.inputs", Object.fromEntries(this.perFile));
    this.cache.delete(uri.toString());
    this.changed.fire(uri);
  }

  isCandidate(document: vscode.TextDocument): boolean {
    if (cellOf(document)) return document.languageId === "python";
    return (document.uri.scheme === "file" || document.uri.scheme === "vscode-vfs" || document.uri.scheme === "untitled" || document.uri.scheme === "vscode-remote") && isSupportedFile(document.fileName);
  }

  /** The schedules of a document at its current version. */
  get(document: vscode.TextDocument): Promise<DocumentSchedules> {
    const notebook = notebookOf(document);
    if (notebook) return this.getNotebook(notebook, document.version);
    const inputs = this.inputsFor(document);
    const key = `${document.version}:${JSON.stringify(inputs)}`;
    const id = document.uri.toString();
    const hit = this.cache.get(id);
    if (hit?.key === key) return hit.value;
    const value = this.read(document, inputs);
    this.cache.set(id, { key, value });
    return value;
  }

  /**
   * The schedules of an open notebook, from all its cells as they are in the editor (notebooks.ts), for one of
   * its cells (or the `.ipynb` opened as text): `version` is that document's, which the providers compare.
   */
  private getNotebook(notebook: vscode.NotebookDocument, version: number): Promise<DocumentSchedules> {
    const inputs = this.inputsForText(notebook.uri, notebookText(notebook));
    const key = `${notebookVersion(notebook)}:${JSON.stringify(inputs)}`;
    const id = `notebook:${notebook.uri.toString()}`;
    let hit = this.cache.get(id);
    if (hit?.key !== key) {
      hit = { key, value: this.readFrom(notebook.uri, notebookSource(notebook), notebook.version, inputs) };
      this.cache.set(id, hit);
    }
    return hit.value.then((doc) => ({ ...doc, version }));
  }

  private read(document: vscode.TextDocument, inputs: Inputs): Promise<DocumentSchedules> {
    return this.readFrom(document.uri, document.getText(), document.version, inputs);
  }

  private async readFrom(uri: vscode.Uri, text: string, version: number, inputs: Inputs): Promise<DocumentSchedules> {
    const path = uri.path;
    // Readers run on the extension host's thread: a data file (a 40 MB JSON log) is not read as you type.
    if (text.length > maxDocumentChars) return { uri, version, inputs, dialects: [], entries: [], problems: [], dependencies: [] };
    const loaded = new Map<string, string | undefined>();
    let result: ReturnType<typeof readSchedules> | undefined;
    // Readers whose files did not change between rounds are not run again (dialects/index.ts `LoadingRounds`).
    const readerRounds: LoadingRounds = new Map();
    for (let round = 0; round < maxDependencyRounds; round++) {
      const asked: string[] = [];
      result = readSchedules(path, text, inputs, {
        read: (p) => {
          if (loaded.has(p)) return loaded.get(p);
          asked.push(p);
          return undefined;
        },
      }, readerRounds);
      if (asked.length === 0) break;
      for (const p of asked) loaded.set(p, await readText(uri.with({ path: p })));
    }
    result ??= readSchedules(path, text, inputs);
    const entries = result.schedules.map((schedule) => ({ schedule, curve: withMaxTicksHint(evaluate(schedule, undefined, { maxTicks: this.settings.maxTicks }), this.settings.maxTicks) }));
    const dependencies = [...loaded.keys()].map((p) => uri.with({ path: p }));
    return { uri, version, inputs, dialects: result.dialects, entries, problems: result.problems, dependencies };
  }

  /** A saved file may be a `_base_` of others: drop every cached document that read it. */
  private invalidateDependents(uri: vscode.Uri): void {
    const target = uri.toString();
    for (const [id, entry] of this.cache) {
      void entry.value.then((doc) => {
        if (doc.dependencies.some((d) => d.toString() === target) && this.cache.get(id) === entry) {
          this.cache.delete(id);
          this.changed.fire(doc.uri);
        }
      });
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** A refused curve says how to draw it anyway: the setting that holds the limit (the CLI says `--allow-huge`). */
export function withMaxTicksHint(curve: Curve, maxTicks: number): Curve {
  if (!curve.problems.some((p) => p.code === "too-many-ticks")) return curve;
  const hint = vscode.l10n.t("To draw it, raise the setting lrscope.maxTicks (now {0}); each step or epoch takes 8 bytes per series in memory.", maxTicks.toLocaleString("en-US"));
  return { ...curve, problems: curve.problems.map((p) => (p.code === "too-many-ticks" ? { ...p, message: `${p.message} ${hint}` } : p)) };
}

/** A file's text from an open editor if there is one (unsaved edits count), else from the file system. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
