// Entry of the integration suite on the fixture workspace (test/fixtures/workspace): the extension host
// calls `run()`.
import { runMocha } from "../mocha";

export function run(): Promise<void> {
  return runMocha(__dirname);
}
