// Entry of the integration suite on the fixture workspace opened in restricted mode (workspace trust on, the
// folder not trusted): the extension host calls `run()`.
import { runMocha } from "../mocha";

export function run(): Promise<void> {
  return runMocha(__dirname);
}
