/** Every command id of the extension, in one place; package.json contributes the same ids. */
export const enum Command {
  ShowSchedules = "lrscope.showSchedules",
  OpenPreview = "lrscope.openPreview",
  OpenPreviewToSide = "lrscope.openPreviewToSide",
  TogglePreviewLock = "lrscope.preview.toggleLock",
  ShowPreviewSource = "lrscope.preview.showSource",
  SetEpoch = "lrscope.setEpoch",
  SetInputs = "lrscope.setInputs",
  RefreshSchedules = "lrscope.refreshSchedules",
  LinkLog = "lrscope.linkLog",
}
