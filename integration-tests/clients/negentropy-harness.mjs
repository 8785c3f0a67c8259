#!/usr/bin/env node
// The reference JavaScript negentropy (the Negentropy class applesauce-relay ships) behind the
// line protocol of hoytech/negentropy's test harnesses, for differential tests against ours.
// In: item,<created_at>,<id hex> | seal | initiate | msg,<hex>. Out: msg,<hex> | have,<id> |
// need,<id> | done. The frame size limit (bytes; first argument, else FRAMESIZELIMIT as in the
// reference suite, else none) bounds every message; a larger one is an error.
//
// Usage: node clients/negentropy-harness.mjs [FRAME_SIZE_LIMIT]
import readline from 'node:readline';

// The class lives in a file the package's export map does not list; import it by path.
const NEGENTROPY_FILE = new URL('../node_modules/applesauce-relay/dist/lib/negentropy.js', import.meta.url);
const { Negentropy, NegentropyStorageVector } = await import(NEGENTROPY_FILE.href);

const frameSizeLimit = parseInt(process.argv[2] ?? process.env.FRAMESIZELIMIT ?? '0', 10);
const storage = new NegentropyStorageVector();
let negentropy;

function checked(message) {
  if (frameSizeLimit && message.length / 2 > frameSizeLimit) {
    throw new Error(`message of ${message.length / 2} bytes exceeds the frame size limit ${frameSizeLimit}`);
  }
  return message;
}

const out = [];
const lines = readline.createInterface({ input: process.stdin, terminal: false });
// one line at a time, in order: reconcile is async
for await (const line of lines) {
  const [command, a, b] = line.trim().split(',');
  if (command === '') continue;
  if (command === 'item') {
    storage.insert(parseInt(a, 10), b);
    continue;
  }
  if (command === 'seal') {
    storage.seal();
    negentropy = new Negentropy(storage, frameSizeLimit);
    continue;
  }
  if (command === 'initiate') {
    out.push(`msg,${checked(await negentropy.initiate())}`);
  } else if (command === 'msg') {
    const [next, have, need] = await negentropy.reconcile(a);
    for (const id of have) out.push(`have,${id}`);
    for (const id of need) out.push(`need,${id}`);
    out.push(next === null ? 'done' : `msg,${checked(next)}`);
  } else {
    throw new Error(`unknown command: ${command}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  out.length = 0;
}
