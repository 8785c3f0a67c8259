#!/usr/bin/env node
// The JavaScript negentropy (applesauce-relay's Negentropy class) on the sets of nostr-core's
// NegentropyBenchmark: item i has id SHA-256("negentropy-bench:" + i) and created_at
// 1,600,000,000 + (i mod 500,000) x 60; the relay holds 1,000,000 items, the initiator lacks
// every i mod 100 = 0. Prints one JSON line: build and reconcile CPU milliseconds (this process,
// both sides), round trips, bytes each way, ids needed.
//
// Usage: node bench/negentropy-bench.mjs [ITEMS] [FRAME_SIZE_LIMIT]
import { createHash } from 'node:crypto';

const NEGENTROPY_FILE = new URL('../node_modules/applesauce-relay/dist/lib/negentropy.js', import.meta.url);
const { Negentropy, NegentropyStorageVector } = await import(NEGENTROPY_FILE.href);

const items = parseInt(process.argv[2] ?? '1000000', 10);
const frame = parseInt(process.argv[3] ?? '0', 10);

const ids = new Array(items);
for (let i = 0; i < items; i++) ids[i] = new Uint8Array(createHash('sha256').update(`negentropy-bench:${i}`).digest());
const createdAt = i => 1_600_000_000 + (i % 500_000) * 60;

function cpuMs(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

const buildStart = process.cpuUsage();
const relay = new NegentropyStorageVector();
for (let i = 0; i < items; i++) relay.insert(createdAt(i), ids[i]);
relay.seal();
const buildMs = cpuMs(buildStart);

const local = new NegentropyStorageVector();
for (let i = 0; i < items; i++) if (i % 100 !== 0) local.insert(createdAt(i), ids[i]);
local.seal();

const reconcileStart = process.cpuUsage();
const initiator = new Negentropy(local, frame);
const responder = new Negentropy(relay, frame);
let message = await initiator.initiate();
let up = message.length / 2;
let down = 0;
let rounds = 0;
let need = 0;
while (true) {
  const [reply] = await responder.reconcile(message);
  down += reply.length / 2;
  rounds++;
  const [next, , needIds] = await initiator.reconcile(reply);
  need += needIds.length;
  if (next === null) break;
  message = next;
  up += message.length / 2;
}
const reconcileMs = cpuMs(reconcileStart);
process.stdout.write(JSON.stringify({ items, frame, buildMs, reconcileMs, rounds, up, down, need }) + '\n');
