#!/usr/bin/env node
// A client written by others against our relay: nostr-tools signs an event, publishes it with
// its own Relay class (over the `ws` package; Node 20 has no global WebSocket) and queries it
// back. Prints one JSON line: {"published": id, "ok": true|false, "reason": "...", "found": [ids]}.
//
// Usage: node clients/publish-and-query.mjs ws://127.0.0.1:PORT
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import WebSocket from 'ws';

useWebSocketImplementation(WebSocket);

const url = process.argv[2];
if (!url) {
  console.error('usage: publish-and-query.mjs RELAY_URL');
  process.exit(2);
}

const event = finalizeEvent({
  kind: 1,
  created_at: Math.floor(Date.now() / 1000),
  tags: [['t', 'grasp-sync-interop']],
  content: 'published by nostr-tools: é ✓ "quoted"\n',
}, generateSecretKey());

const relay = await Relay.connect(url);
let ok = true;
let reason = '';
try {
  reason = await relay.publish(event);
} catch (e) {
  ok = false;
  reason = String(e?.message ?? e);
}
const found = [];
await new Promise((resolve) => {
  const sub = relay.subscribe([{ ids: [event.id] }, { '#t': ['grasp-sync-interop'], kinds: [1] }], {
    onevent(e) { found.push(e.id); },
    oneose() { sub.close(); resolve(); },
  });
});
relay.close();
console.log(JSON.stringify({ published: event.id, ok, reason, found }));
process.exit(0);
