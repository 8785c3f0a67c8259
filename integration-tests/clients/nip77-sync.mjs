#!/usr/bin/env node
// nostr-tools' own NIP-77 client (NegentropySync; nip77.js is outside the package's export map,
// so it is imported by path) reconciles a local set against a relay, then fetches what it
// lacks with a REQ by ids. stdin: the local set, one "created_at,id" per line. Prints one JSON
// line: {"have": [ids], "need": [ids], "fetched": [ids], "error": "..."}.
//
// Usage: node clients/nip77-sync.mjs RELAY_URL 'FILTER_JSON' < local-items
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import WebSocket from 'ws';

const NIP77_FILE = new URL('../node_modules/nostr-tools/lib/esm/nip77.js', import.meta.url);
const { NegentropySync, NegentropyStorageVector } = await import(NIP77_FILE.href);

useWebSocketImplementation(WebSocket);

const [url, filterJson] = process.argv.slice(2);
if (!url || !filterJson) {
  console.error('usage: nip77-sync.mjs RELAY_URL FILTER_JSON < local-items');
  process.exit(2);
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const storage = new NegentropyStorageVector();
for (const line of input.split('\n')) {
  if (!line.trim()) continue;
  const [createdAt, id] = line.trim().split(',');
  storage.insert(parseInt(createdAt, 10), id);
}
storage.seal();

const relay = await Relay.connect(url);
const have = [];
const need = [];
const error = await new Promise(resolve => {
  const sync = new NegentropySync(relay, storage, JSON.parse(filterJson), {
    onhave: id => have.push(id),
    onneed: id => need.push(id),
    onclose: reason => resolve(reason ?? ''),
  });
  sync.start();
});

const fetched = [];
if (!error && need.length > 0) {
  await new Promise(resolve => {
    const sub = relay.subscribe([{ ids: need }], {
      onevent: event => fetched.push(event.id),
      oneose: () => {
        sub.close();
        resolve();
      },
    });
  });
}
relay.close();
process.stdout.write(JSON.stringify({ have, need, fetched, error }) + '\n');
process.exit(0);
