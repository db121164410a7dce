// What the suites may ask of the browser side while they run (they live in the extension host and cannot reach
// the workbench's page). A suite writes `<requestDir>/<id>.request` holding JSON `{ action, ... }` and waits for
// `<id>.done`, JSON `{ ok: true, value }` or `{ ok: false, error }` (test/vscode/util.ts `askHarness`). An empty
// request file is a screenshot named after it (the first protocol). Under another launcher nobody answers and
// the suites skip what needs an answer.
//
// Actions:
//   screenshot { name }                the workbench as it is now → test/artifacts/<label>-<name>.png
//   chart { source? }                  the preview page's chart as drawn (see readChart below)
//   click { selector, source? }        clicks an element of the preview page
//   keyboard { waitFor?, before?, type?, press? }  in the workbench (input boxes, quick picks): waits until the
//                                      element `waitFor` has the focus, presses the keys `before`, types `type`,
//                                      then presses the keys `press` (playwright key names)
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The preview page's frame: webviews are nested iframes; the page exposes `window.lrscope` (src/webview/main.ts).
 * With `source`, the frame showing that document.
 */
async function previewFrame(page, source, timeoutMs = 60_000) {
  // The first webview of a session loads its bundle in two nested iframes; on a loaded 2-core CI machine that
  // has taken more than 15 s, so wait long (the suite's own request timeout is longer still).
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = [];
    for (const frame of page.frames()) {
      try {
        const shown = await frame.evaluate(() => (typeof window.lrscope === "object" ? (document.body.dataset.ready === "true" ? (window.lrscope.data()?.source ?? null) : "(not ready)") : undefined));
        if (shown === undefined) continue;
        seen.push(String(shown));
        if (shown !== "(not ready)" && (!source || shown === source)) return frame;
      } catch {
        // A frame being navigated or detached.
      }
    }
    if (Date.now() > deadline) {
      const pages = seen.length ? `preview pages showing ${seen.join(", ")}` : "no preview page";
      throw new Error(`no preview page${source ? ` showing ${source}` : ""} within ${timeoutMs / 1000} s among ${page.frames().length} frames (${pages})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs in the preview page: the chart's datasets as chart.js holds them, the pixels where chart.js placed each
 * point of the first dataset read back through the y scale, whether the canvas is painted there, and the
 * page's readouts.
 */
function readChart() {
  const { chart, data, state } = window.lrscope;
  const canvas = chart.canvas;
  const ctx = canvas.getContext("2d");
  const ratio = chart.currentDevicePixelRatio || 1;
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const pixel = (x, y) => {
    const i = (Math.round(y * ratio) * canvas.width + Math.round(x * ratio)) * 4;
    return [image[i], image[i + 1], image[i + 2], image[i + 3]];
  };
  const background = pixel(2, 2);
  let painted = 0;
  for (let i = 0; i < image.length; i += 4) if (image[i] !== background[0] || image[i + 1] !== background[1] || image[i + 2] !== background[2]) painted++;
  const datasets = chart.data.datasets.map((d, di) => {
    const meta = chart.getDatasetMeta(di);
    const yScale = chart.scales[d.yAxisID ?? "y"];
    return {
      label: d.label,
      hidden: !chart.isDatasetVisible(di),
      borderColor: d.borderColor,
      points: d.data.map((p) => ({ x: p.x, y: p.y })),
      // Where each point was drawn, and the value the y axis gives back for that pixel.
      drawn: meta.data.map((el) => ({ px: el.x, py: el.y, value: yScale.getValueForPixel(el.y), skip: el.skip === true })),
      // Is the line there? The colour under each of a few drawn points (a 3×3 neighbourhood, any non-background).
      inked: meta.data
        .filter((_, i) => i % Math.max(1, Math.floor(meta.data.length / 40)) === 0)
        .map((el) => {
          for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
            const p = pixel(el.x + dx, el.y + dy);
            if (p[0] !== background[0] || p[1] !== background[1] || p[2] !== background[2]) return true;
          }
          return false;
        }),
    };
  });
  return {
    source: data()?.source,
    version: data()?.version,
    epoch: data()?.epoch,
    state: state(),
    title: document.querySelector("h1.title")?.textContent ?? "",
    lrAtChosen: document.getElementById("lr-at-chosen")?.textContent ?? null,
    bodyClass: document.body.className,
    canvas: { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight, painted },
    x: { min: chart.scales.x.min, max: chart.scales.x.max },
    y: { min: chart.scales.y.min, max: chart.scales.y.max },
    datasets,
  };
}

/** @returns {(page: import("playwright-core").Page) => Promise<void>} one polling round */
export function requestHandler({ requestDir, screenshotDir, label, log }) {
  const handlers = {
    async screenshot(page, r) {
      const name = String(r.name).replace(/[^\w.-]/g, "_");
      const file = join(screenshotDir, `${label}-${name}.png`);
      await page.screenshot({ path: file });
      log(`screenshot ${file}`);
      return file;
    },
    async chart(page, r) {
      const frame = await previewFrame(page, r.source);
      return frame.evaluate(readChart);
    },
    async click(page, r) {
      const frame = await previewFrame(page, r.source);
      await frame.click(r.selector, { timeout: 10_000 });
      return true;
    },
    async keyboard(page, r) {
      // e.g. `.quick-input-widget input`: wait until the input box the command opened has the focus.
      if (r.waitFor) await page.waitForSelector(`${r.waitFor}:focus`, { state: "visible", timeout: 10_000 });
      for (const key of [r.before ?? []].flat()) await page.keyboard.press(String(key));
      if (r.type) await page.keyboard.type(String(r.type), { delay: 20 });
      for (const key of [r.press ?? []].flat()) await page.keyboard.press(String(key));
      return true;
    },
  };
  return async (page) => {
    const requests = readdirSync(requestDir).filter((f) => f.endsWith(".request")).sort();
    for (const file of requests) {
      const id = file.slice(0, -".request".length);
      const text = readFileSync(join(requestDir, file), "utf8");
      let answer;
      try {
        const request = text.trim() === "" ? { action: "screenshot", name: id } : JSON.parse(text);
        const handler = handlers[request.action];
        if (!handler) throw new Error(`unknown action ${request.action}`);
        answer = { ok: true, value: await handler(page, request) };
      } catch (e) {
        log(`request ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
        answer = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      rmSync(join(requestDir, file), { force: true });
      // Written then renamed: the suite polls for the file and must never read half an answer (a chart is >128 KB).
      writeFileSync(join(requestDir, `${id}.done.tmp`), JSON.stringify(answer));
      renameSync(join(requestDir, `${id}.done.tmp`), join(requestDir, `${id}.done`));
    }
  };
}
