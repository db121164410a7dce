/** Every command id of the extension, in one place; package.json contributes the same ids. */
export const enum Command {
  ShowSchedules = "lrscope.showSchedules",
}
