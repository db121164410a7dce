// Renders the preview page outside VS Code (`lrscope preview --html`) in headless Chromium (the Debian
// package, driven by playwright-core, which never downloads a browser), and checks it against the core:
// the chart's data are the decimated curve the CLI computes, a click sets the chosen epoch and shows the
// exact LR there, the log toggle switches the y scale, and the theme switch redraws. Screenshots of the
// light and dark themes go to test/artifacts/ (not committed) for a person to look at.
// Run: npm run test:webview (builds first).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const artifacts = join(root, "test", "artifacts");
// LRSCOPE_CLI: a private build's CLI (`node build.mjs --out DIR`, with DIR/media and DIR/l10n beside it).
const cli = process.env.LRSCOPE_CLI ?? join(root, "dist", "cli.js");
const fixture = "examples/goyal-linear-scaling/train.py";
const stepsPerEpoch = 1251;

/** Debian's chromium, installed with apt-get when missing and we may (root); otherwise a clear stop. */
function findChromium() {
  const candidates = [process.env.LRSCOPE_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = () => candidates.find((p) => existsSync(p));
  if (found()) return found();
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    process.stderr.write("test:webview: installing Debian's chromium (apt-get install chromium)...\n");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    // A CJK font so the zh-cn screenshot shows characters, not boxes.
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-wqy-microhei"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (found()) return found();
  }
  throw new Error("test:webview needs Chromium: install Debian's package (apt-get install chromium) or set LRSCOPE_CHROMIUM to a Chromium binary.");
}

let browser;
let page;
const consoleErrors = [];

before(async () => {
  const executablePath = findChromium();
  mkdirSync(artifacts, { recursive: true });
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  // Nothing may be fetched: the page is self-contained.
  await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
});

after(async () => {
  await browser?.close();
});

function render(file, extra = []) {
  const out = join(artifacts, `${file.replace(/[\\/]/g, "_").replace(/\.py$/, "")}${extra.includes("--locale") ? ".zh-cn" : ""}.html`);
  execFileSync(process.execPath, [cli, "preview", file, "--html", out, "--steps-per-epoch", String(stepsPerEpoch), "--theme", "light", ...extra], { cwd: root });
  return out;
}

function coreCurve(file) {
  const json = JSON.parse(execFileSync(process.execPath, [cli, "curve", file, "--json", "--steps-per-epoch", String(stepsPerEpoch)], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 }));
  return json.schedules[0];
}

const chartData = () =>
  page.evaluate(() => {
    const chart = window.lrscope.chart;
    return {
      datasets: chart.data.datasets.map((d) => ({ label: d.label, kind: d.lrscope.kind, points: d.data.map((p) => [p.x, p.y, p.t]) })),
      yType: chart.scales.y.type,
      xTitle: chart.options.scales.x.title.text,
      annotations: Object.keys(chart.options.plugins.annotation.annotations),
      chosen: chart.options.plugins.annotation.annotations.chosen?.value,
    };
  });

test("the page draws the core's curve: every drawn point is the exact LR at its tick, boundaries kept", async () => {
  const html = render(fixture);
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-ready=true]");
  const core = coreCurve(fixture);
  const { datasets, xTitle, annotations } = await chartData();
  assert.equal(xTitle, "epoch");
  const lr = datasets.find((d) => d.kind === "lr");
  assert.ok(lr, "an LR dataset");
  assert.ok(lr.points.length > 100 && lr.points.length < 2200, `decimated to ${lr.points.length} points`);
  for (const [x, y, t] of lr.points) {
    if (t === core.total) continue; // the closing point of the stepped line
    assert.equal(y, core.lr[t], `LR at tick ${t}`);
    assert.equal(x, t / stepsPerEpoch);
  }
  const ticks = new Set(lr.points.map((p) => p[2]));
  for (const b of core.boundaries) {
    assert.ok(ticks.has(b.tick) && ticks.has(b.tick - 1), `boundary ${b.tick} and the tick before it are drawn`);
  }
  const max = Math.max(...core.lr);
  assert.ok(lr.points.some((p) => p[1] === max), "the peak survives decimation");
  assert.ok(ticks.has(0) && ticks.has(core.total - 1), "first and last ticks");
  assert.ok(annotations.length >= core.boundaries.length, "phase boundaries annotated");
  assert.deepEqual(consoleErrors, [], "no errors (CSP violations included) in the console");
});

test("a click on the chart chooses the epoch and shows the exact LR there", async () => {
  const core = coreCurve(fixture);
  const box = await page.locator("#chart").boundingBox();
  const area = await page.evaluate(() => window.lrscope.chart.chartArea);
  const x = area.left + (area.right - area.left) * 0.5;
  await page.mouse.click(box.x + x, box.y + (area.top + area.bottom) / 2);
  const { chosen } = await chartData();
  assert.ok(chosen > 40 && chosen < 50, `chosen epoch near the middle of 90 epochs, got ${chosen}`);
  const state = await page.evaluate(() => window.lrscope.state());
  const tick = Math.floor(state.epoch * stepsPerEpoch);
  assert.equal(Math.round(chosen * stepsPerEpoch), tick);
  const shown = (await page.locator("#lr-at-chosen").textContent()).replace(/^≈ /, "");
  // Mid-epoch the value comes from the drawn samples until the host confirms: it must be the LR in force
  // at that tick's sample or exact.
  assert.ok(Number(shown) > 0 && Number(shown) <= 0.4, `LR shown ${shown}`);
  if (!(await page.locator("#lr-at-chosen").textContent()).startsWith("≈")) assert.equal(Number(shown), core.lr[tick]);
});

test("toggles: steps on the x axis, log scale on the y axis", async () => {
  await page.click("#axis-step");
  let d = await chartData();
  assert.equal(d.xTitle, "step");
  const lr = d.datasets.find((x) => x.kind === "lr");
  assert.ok(lr.points.every(([x, , t]) => x === t));
  await page.click("#scale-log");
  d = await chartData();
  assert.equal(d.yType, "logarithmic");
  await page.click("#axis-epoch");
  await page.click("#scale-linear");
  assert.equal((await chartData()).yType, "linear");
});

/** The PNG's size from its IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("exports: a PNG at print resolution, an SVG drawn from the curve that the browser parses", async () => {
  const before = await page.evaluate(() => ({ css: window.lrscope.chart.width, px: document.getElementById("chart").width }));
  const [png] = await Promise.all([page.waitForEvent("download"), page.click("#export-png")]);
  assert.match(png.suggestedFilename(), /\.png$/);
  const size = pngSize(readFileSync(await png.path()));
  assert.equal(size.width, Math.floor(before.css * 3), "3 pixels per CSS pixel");
  const after = await page.evaluate(() => ({ css: window.lrscope.chart.width, px: document.getElementById("chart").width }));
  assert.deepEqual(after, before, "the chart back at the screen's resolution");

  const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-svg")]);
  assert.match(svgDownload.suggestedFilename(), /\.svg$/);
  const svg = readFileSync(await svgDownload.path(), "utf8");
  assert.equal(svg, await page.evaluate(() => window.lrscope.svg()));
  const core = coreCurve(fixture);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const error = doc.querySelector("parsererror")?.textContent;
    const line = doc.querySelector("path.line.lr");
    return { error, root: doc.documentElement.localName, d: line?.getAttribute("d"), boundaries: doc.querySelectorAll("line.boundary").length, xTitle: [...doc.querySelectorAll(".axis-title")].map((t) => t.textContent) };
  }, svg);
  assert.equal(parsed.error, undefined, "well-formed for Chromium's XML parser");
  assert.equal(parsed.root, "svg");
  assert.deepEqual(parsed.xTitle, ["learning rate", "epoch"]);
  assert.equal(parsed.boundaries, core.boundaries.length);
  const lr = (await chartData()).datasets.find((d) => d.kind === "lr");
  assert.equal(parsed.d.match(/[MV]/g).length, lr.points.length, "one corner per point the chart draws");
  await page.screenshot({ path: join(artifacts, "preview-export-buttons.png") });
  // The SVG as an image: a screenshot of it for a person to look at.
  const shot = await browser.newPage({ viewport: { width: 720, height: 432 } });
  await shot.setContent(svg.replace(/^<\?xml[^>]*>\n/, ""));
  await shot.screenshot({ path: join(artifacts, "export.svg.png") });
  await shot.close();
  assert.deepEqual(consoleErrors, []);
});

test("theme: screenshots of light and dark, the chart redrawn with the theme's colours", async () => {
  // Choose epoch 30 exactly (a whole epoch shows the exact LR from the epoch starts).
  await page.evaluate(() => document.body.classList.replace("vscode-dark", "vscode-light"));
  await page.screenshot({ path: join(artifacts, "preview-light.png") });
  const light = await page.evaluate(() => window.lrscope.chart.options.scales.x.ticks.color);
  await page.evaluate(() => document.body.classList.replace("vscode-light", "vscode-dark"));
  await page.waitForFunction((before) => window.lrscope.chart.options.scales.x.ticks.color !== before, light);
  await page.click("#scale-log");
  await page.screenshot({ path: join(artifacts, "preview-dark-log.png") });
  await page.click("#scale-linear");
  await page.screenshot({ path: join(artifacts, "preview-dark.png") });
  const dark = await page.evaluate(() => window.lrscope.chart.options.scales.x.ticks.color);
  assert.notEqual(dark, light);
  assert.ok(existsSync(join(artifacts, "preview-light.png")) && existsSync(join(artifacts, "preview-dark.png")));
});

test("zh-cn: the page's strings come from the l10n bundle", async () => {
  const html = render("examples/resnet50-step/train.py", ["--locale", "zh-cn"]);
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.locator("#scale-log").textContent(), "对数");
  // StepLR: the LR of epoch 29 holds until epoch 30 (a stepped line drawn horizontal-then-vertical).
  const stepped = await page.evaluate(() => window.lrscope.chart.data.datasets[0].stepped);
  assert.equal(stepped, "before");
  await page.screenshot({ path: join(artifacts, "preview-zh-cn.png") });
  assert.deepEqual(consoleErrors, []);
});

test("phases one epoch apart: labels staggered, never overlapping; no steps-per-epoch box for a per-epoch schedule", async () => {
  const html = render("test/webview/fixtures/crowded_milestones.py");
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-ready=true]");
  const labels = await page.evaluate(() => {
    const chart = window.lrscope.chart;
    const plugin = chart.constructor.registry.getPlugin("annotation");
    return plugin
      .getAnnotations(chart)
      .filter((el) => el.options.id.startsWith("b"))
      .map((el) => ({ id: el.options.id, shown: el.elements[0].options.display === true, x: el.elements[0].x, y: el.elements[0].y, w: el.elements[0].width, h: el.elements[0].height }));
  });
  assert.equal(labels.length, 6, "six milestones, six lines");
  const shown = labels.filter((l) => l.shown);
  assert.ok(shown.length >= 3 && shown.length < 6, `some labels shown, the crowded ones dropped (${shown.length})`);
  for (const a of shown) {
    assert.ok(a.y >= 0, `label ${a.id} inside the canvas (y=${a.y})`);
    for (const b of shown) {
      if (a === b) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      assert.ok(apart, `labels ${a.id} and ${b.id} do not overlap`);
    }
  }
  // Rendered with --steps-per-epoch, which a per-epoch MultiStepLR does not use: no input box for it.
  assert.equal(await page.locator("#input-stepsPerEpoch").count(), 0);
  await page.screenshot({ path: join(artifacts, "preview-crowded-phases.png") });
  assert.deepEqual(consoleErrors, []);
});
