// The preview's message validators under random input (issue 9): whatever a page (or a compromised one)
// posts, `parseWebviewMessage` never throws, refuses what is not one of the page's messages, and what it
// accepts is well-typed and in range; the page's own checks (`parseHostMessage`, `parsePageState`) never throw.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { editableInputs, parseHostMessage, parsePageState, parseWebviewMessage, type WebviewMessage } from "../../src/webview/protocol";
import { fuzzOnly, fuzzOptions } from "./harness";

const types = ["ready", "epochChosen", "inputsChanged", "whatIf", "exportPng", "exportSvg", "exportCsv", "copyJson", "openSource"] as const;
const source = "file:///w/train.py";
const strange = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, -0, 1e308, 2 ** 53, 2 ** 32, 1.5, "", "1", null, undefined, [], {}, "data:image/png;base64,", "data:image/png;base64,<script>", "__proto__"),
  fc.double(),
  fc.integer(),
  fc.string(),
);
/** A message of a known type with random or strange fields, and sometimes a strange type or source. */
const nearlyValid = fc.record(
  {
    type: fc.oneof({ arbitrary: fc.constantFrom(...types), weight: 5 }, { arbitrary: strange, weight: 1 }),
    source: fc.oneof({ arbitrary: fc.constant(source), weight: 5 }, { arbitrary: strange, weight: 1 }, { arbitrary: fc.string({ minLength: 4000, maxLength: 5000 }), weight: 1 }),
    epoch: strange,
    inputs: fc.oneof(strange, fc.dictionary(fc.oneof(fc.constantFrom(...editableInputs), fc.string()), strange)),
    globalBatch: strange,
    currentBatch: strange,
    dataUrl: fc.oneof(strange, fc.base64String().map((b) => "data:image/png;base64," + b)),
    schedule: strange,
    line: strange,
    view: fc.oneof(
      strange,
      fc.record(
        {
          xAxis: fc.oneof(fc.constantFrom("epoch", "step"), strange),
          yScale: fc.oneof(fc.constantFrom("linear", "logarithmic"), strange),
          showGroups: fc.oneof(fc.boolean(), strange),
          zoom: fc.oneof(strange, fc.record({ min: fc.double(), max: fc.double() })),
          pinned: fc.oneof(strange, fc.array(fc.record({ label: fc.string(), unit: fc.constantFrom("epoch", "step"), ticksPerEpoch: strange, ticks: fc.array(fc.oneof(fc.double(), strange), { maxLength: 4 }), values: fc.array(fc.double(), { maxLength: 4 }) }, { requiredKeys: [] }), { maxLength: 3 })),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

function wellFormed(m: WebviewMessage): void {
  assert.ok(types.includes(m.type), `type ${String(m.type)}`);
  assert.ok(typeof m.source === "string" && m.source.length > 0 && m.source.length <= 4096);
  const finite = (x: unknown): boolean => typeof x === "number" && Number.isFinite(x);
  switch (m.type) {
    case "epochChosen":
      assert.ok(finite(m.epoch) && m.epoch >= 0);
      break;
    case "inputsChanged":
      for (const [k, v] of Object.entries(m.inputs)) assert.ok((editableInputs as readonly string[]).includes(k) && (v === null || (finite(v) && v > 0)), `${k}=${String(v)}`);
      break;
    case "whatIf":
      assert.ok(m.globalBatch === null || (finite(m.globalBatch) && m.globalBatch > 0));
      assert.ok(m.currentBatch === undefined || (finite(m.currentBatch) && m.currentBatch > 0));
      break;
    case "exportPng":
      assert.match(m.dataUrl.slice(0, 30), /^data:image\/png;base64,/);
      break;
    case "exportSvg": {
      const v = m.view;
      assert.ok(["epoch", "step"].includes(v.xAxis) && ["linear", "logarithmic"].includes(v.yScale) && typeof v.showGroups === "boolean");
      assert.ok(v.zoom === undefined || (finite(v.zoom.min) && finite(v.zoom.max) && v.zoom.min < v.zoom.max));
      for (const p of v.pinned) assert.ok(p.ticks.length === p.values.length && [...p.ticks, ...p.values].every(finite) && (p.ticksPerEpoch === undefined || (finite(p.ticksPerEpoch) && p.ticksPerEpoch > 0)));
      break;
    }
    case "exportCsv":
    case "copyJson":
      assert.ok(Number.isInteger(m.schedule) && m.schedule >= 0);
      break;
    case "openSource":
      assert.ok(Number.isInteger(m.line) && m.line >= 1);
      break;
    case "ready":
      break;
  }
  // What was accepted is accepted again, unchanged (the validator keeps only the fields it checked).
  const again = parseWebviewMessage(structuredClone(m));
  assert.ok("message" in again);
  assert.deepEqual(again.message, m);
}

void describe("fuzz: the preview's message validators", { skip: fuzzOnly !== undefined && !"protocol".includes(fuzzOnly) }, () => {
  void it("parseWebviewMessage: any value → a well-formed message or a reason, never a throw", () => {
    fc.assert(
      fc.property(fc.oneof(strange, nearlyValid, fc.jsonValue()), (x) => {
        const r = parseWebviewMessage(x);
        assert.ok(("message" in r) !== ("error" in r));
        if ("message" in r) wellFormed(r.message);
        else assert.ok(typeof r.error === "string" && r.error.length > 0 && r.error.length < 200, r.error);
      }),
      fuzzOptions(),
    );
  });

  void it("unknown types are refused", () => {
    fc.assert(
      fc.property(fc.string().filter((t) => !(types as readonly string[]).includes(t)), nearlyValid, (type, rest) => {
        assert.ok("error" in parseWebviewMessage({ ...rest, source, type }));
      }),
      fuzzOptions(),
    );
  });

  void it("parseHostMessage and parsePageState: any value, never a throw", () => {
    fc.assert(
      fc.property(fc.oneof(strange, fc.record({ type: fc.oneof(fc.constant("update"), strange), source: strange, data: fc.oneof(strange, fc.record({ source: strange, schedules: strange })) }, { requiredKeys: [] })), (x) => {
        const m = parseHostMessage(x);
        if (m) assert.ok(m.type === "update" && typeof m.source === "string" && Array.isArray(m.data.schedules));
        const s = parsePageState(x);
        assert.ok(s.xAxis === "epoch" || s.xAxis === "step");
        assert.ok(s.yScale === "linear" || s.yScale === "logarithmic");
        assert.ok(Array.isArray(s.pinned) && s.pinned.length <= 8);
      }),
      fuzzOptions(),
    );
  });
});
