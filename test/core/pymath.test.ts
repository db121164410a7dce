import assert from "node:assert/strict";
import { test } from "node:test";
import { pyFloorDiv, pyMod } from "../../src/core/pymath";

// Expected values are CPython 3.11's: `1 // 0.1`, `-7 // 2`, `7 // -2`, `2.5 // 0.5`, `-0.5 // 1`, `-7 % 3`...
void test("floor division follows CPython's float_divmod, not Math.floor(a / b)", () => {
  assert.equal(pyFloorDiv(1, 0.1), 9);
  assert.equal(Math.floor(1 / 0.1), 10, "the JavaScript shortcut would be off by one here");
  assert.equal(pyFloorDiv(-7, 2), -4);
  assert.equal(pyFloorDiv(7, -2), -4);
  assert.equal(pyFloorDiv(2.5, 0.5), 5);
  assert.equal(pyFloorDiv(-0.5, 1), -1);
  assert.ok(Object.is(pyFloorDiv(0.5, -1), -1));
  assert.ok(Object.is(pyFloorDiv(0, -1), -0), "a signed zero, as CPython");
});

void test("modulo takes the divisor's sign", () => {
  assert.equal(pyMod(-7, 3), 2);
  assert.equal(pyMod(7, -3), -2);
  assert.equal(pyMod(5.5, 2), 1.5);
});
