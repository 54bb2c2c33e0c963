// Whole-process peer for `runrecovery inspect --json`: decodes every FIT file named on the command line once with
// Garmin's official JavaScript SDK (@garmin/fitsdk) and prints one line per file (records, sessions).
// Usage: GARMIN_SDK_DIR=bench/.garmin-sdk/node_modules node decode-files.mjs FILE...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.GARMIN_SDK_DIR + "/");
const { Decoder, Stream } = require("@garmin/fitsdk");

let failed = 0;
for (const path of process.argv.slice(2)) {
  const decoder = new Decoder(Stream.fromByteArray(readFileSync(path)));
  const { messages, errors } = decoder.read();
  if (errors.length > 0) failed++;
  console.log(JSON.stringify({ file: path, records: (messages.recordMesgs ?? []).length, sessions: (messages.sessionMesgs ?? []).length, errors: errors.length }));
}
process.exitCode = failed > 0 ? 1 : 0;
