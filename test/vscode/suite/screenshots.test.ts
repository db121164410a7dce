import * as vscode from "vscode";
import { api, askHarness, harnessAnswers, openFixture, screenshot, sleep, waitFor } from "../util";

/**
 * Run last (test/vscode/mocha.ts): leaves the workbench showing LR Scope's views and asks the launcher for
 * screenshots in a light and a dark theme (test/artifacts/ under test/vscode/run.mjs; nothing elsewhere).
 * The preview panel is open beside the script, the LR Schedules view shown in the Explorer.
 */
suite("screenshots", function () {
  // The first webview of a run can take long to load on a busy machine (the harness waits up to 60 s for it).
  this.timeout(120_000);
  const themes = [
    { name: "light", theme: "Default Light Modern", kind: vscode.ColorThemeKind.Light },
    { name: "dark", theme: "Default Dark Modern", kind: vscode.ColorThemeKind.Dark },
  ];

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
  });

  for (const { name, theme, kind } of themes) {
    test(`the workbench with LR Scope's views, ${name} theme`, async () => {
      await api();
      await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
      await waitFor(() => vscode.window.activeColorTheme.kind === kind, `the ${theme} theme`);
      await openFixture("pytorch/warmup_stepped_twice.py");
      await openFixture("pytorch/steplr_imagenet.py");
      await vscode.commands.executeCommand("lrscope.showSchedules");
      await vscode.commands.executeCommand("notifications.clearAll");
      await sleep(2000); // let the theme and the output channel paint
      await screenshot(`workbench-${name}`);
      // The preview beside the script, the LR Schedules view in the Explorer.
      await openFixture("pytorch/warmup_stepped_twice.py");
      await vscode.commands.executeCommand("lrscope.openPreviewToSide");
      await vscode.commands.executeCommand("lrscope.schedules.focus");
      await vscode.commands.executeCommand("workbench.action.closePanel");
      await vscode.commands.executeCommand("notifications.clearAll");
      if (harnessAnswers()) {
        // The page follows the theme: VS Code sets its body class, the chart redraws in the theme's colours.
        await waitFor(async () => (await askHarness<{ bodyClass: string }>({ action: "chart" }))?.bodyClass.includes(name === "light" ? "vscode-light" : "vscode-dark"), `the preview page in the ${name} theme`);
      }
      await sleep(1500);
      await screenshot(`preview-${name}`);
    });
  }

  test("the known mistake and its diagnostic in the Problems view", async () => {
    await api();
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await openFixture("pytorch/warmup_stepped_twice.py");
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    await sleep(1500);
    await screenshot("problems-dark");
  });
});
