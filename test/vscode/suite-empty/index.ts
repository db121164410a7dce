// Entry of the integration suite on a workspace without any supported file (test/fixtures/empty).
import { runMocha } from "../mocha";

export function run(): Promise<void> {
  return runMocha(__dirname);
}
