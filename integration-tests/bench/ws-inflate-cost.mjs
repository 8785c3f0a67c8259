#!/usr/bin/env node
// What a compressed message costs a reader that uses Node's ws, without a relay or a socket:
// one 2.4 KB EVENT message compressed as the reference host does (raw deflate on its own,
// sync-flushed, tail removed), handed --messages times to ws's own permessage-deflate
// decompressor, one after another as its receiver does; against parsing the plain text alone.
//
//   node bench/ws-inflate-cost.mjs [--messages 5000] [--content-bytes 2000]
//
// Prints one JSON line: microseconds per message inflated (with and without the server's
// context takeover) and per message parsed plain.
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
// Not in ws's export map; the integration tests pin ws through package-lock.json.
const PerMessageDeflate = require('../node_modules/ws/lib/permessage-deflate.js');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes('--' + name) ? Number(args[args.indexOf('--' + name) + 1]) : fallback);
const messages = option('messages', 5000);
const contentBytes = option('content-bytes', 2000);

const phrase = 'A patch series that touches the sync planner and the relay host; ';
const text = JSON.stringify(['EVENT', 'all', {
  id: 'a'.repeat(64), pubkey: 'b'.repeat(64), created_at: 1700000000, kind: 1, tags: [['t', 'stream']],
  content: phrase.repeat(Math.ceil(contentBytes / phrase.length)).slice(0, contentBytes), sig: 'c'.repeat(128),
}]);
const flushed = zlib.deflateRawSync(Buffer.from(text), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
const payload = flushed.subarray(0, flushed.length - 4);

async function inflateAll(noContextTakeover) {
  const deflate = new PerMessageDeflate({}, false);
  deflate.accept([noContextTakeover ? { server_no_context_takeover: [true] } : {}]);
  const started = performance.now();
  for (let i = 0; i < messages; i++) {
    const plain = await new Promise((resolve, reject) =>
      deflate.decompress(payload, true, (err, data) => (err ? reject(err) : resolve(data))));
    JSON.parse(plain.toString());
  }
  return (performance.now() - started) * 1000 / messages;
}

const perMessage = (us) => Math.round(us * 10) / 10;
const withTakeover = await inflateAll(false);
const withoutTakeover = await inflateAll(true);
const started = performance.now();
const plainBytes = Buffer.from(text);
for (let i = 0; i < messages; i++) {
  JSON.parse(plainBytes.toString());
}
const plain = (performance.now() - started) * 1000 / messages;
console.log(JSON.stringify({
  messageBytes: text.length, compressedBytes: payload.length, messages,
  inflateMicros: perMessage(withTakeover), inflateNoContextTakeoverMicros: perMessage(withoutTakeover),
  plainParseMicros: perMessage(plain),
}));
