// Decodes a FIT file repeatedly with Garmin's official JavaScript SDK (@garmin/fitsdk) and prints its throughput.
// Usage: node decode.mjs FILE   (run.sh installs the SDK into ../.garmin-sdk and sets NODE_PATH)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.GARMIN_SDK_DIR + "/");
const { Decoder, Stream } = require("@garmin/fitsdk");

const bytes = readFileSync(process.argv[2]);
function decodeOnce() {
  const stream = Stream.fromByteArray(bytes);
  const decoder = new Decoder(stream);
  const { messages, errors } = decoder.read();
  if (errors.length > 0) throw new Error(errors.join("; "));
  return messages.recordMesgs.length;
}

let records = 0;
for (let i = 0; i < 5; i++) records = decodeOnce(); // warm-up (JIT)
const iterations = 20;
const start = process.hrtime.bigint();
for (let i = 0; i < iterations; i++) records = decodeOnce();
const seconds = Number(process.hrtime.bigint() - start) / 1e9 / iterations;
console.log(`garmin-fitsdk ${records} records ${bytes.length} bytes ${(seconds * 1000).toFixed(3)} ms ${(bytes.length / seconds / 1e6).toFixed(1)} MB/s`);
