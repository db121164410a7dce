/**
 * A message translator with `vscode.l10n.t`'s shape: the English text is the key, `{0}`... are replaced by
 * the arguments. The pure builders take one so they stay vscode-free; tests use `english`.
 */
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

export const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
