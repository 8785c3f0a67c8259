#!/usr/bin/env node
// The naive way to copy a set of relays into another one, written with nostr-tools: REQ
// everything from each source relay (paging back with `until`, since relays cap a query at
// their max_limit), then publish every event to the target relay, a page at a time with a
// window of publishes waiting for their OK. The benchmark's baseline for grasp-sync (B1).
//
// Usage:
//   node bench/naive-copier.mjs --target ws://HOST:PORT [--page 5000] [--window 500] [--no-verify] SOURCE_URL...
//
// Sources are read concurrently; an event already copied from another source is not published
// again. nostr-tools checks every received event's signature (its default); --no-verify turns
// that off. Prints one JSON line on stdout:
//   {"sources":4,"received":N,"unique":U,"accepted":A,"duplicates":D,"refused":R,"ms":T}
// where ms runs from the first connection to the last OK. Progress and errors go to stderr.
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import WebSocket from 'ws';

useWebSocketImplementation(WebSocket);

function parseArgs(argv) {
  const opts = { target: undefined, page: 5000, window: 500, verify: true, sources: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--target') opts.target = argv[++i];
    else if (a === '--page') opts.page = Number(argv[++i]);
    else if (a === '--window') opts.window = Number(argv[++i]);
    else if (a === '--no-verify') opts.verify = false;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.sources.push(a);
  }
  if (!opts.target || opts.sources.length === 0) {
    throw new Error('usage: naive-copier.mjs --target URL [--page N] [--window N] [--no-verify] SOURCE...');
  }
  return opts;
}

// One REQ, collected until EOSE.
function fetchPage(relay, filter) {
  return new Promise((resolve, reject) => {
    const events = [];
    const sub = relay.subscribe([filter], {
      eoseTimeout: 120000,
      onevent: e => events.push(e),
      oneose: () => {
        sub.close();
        resolve(events);
      },
      onclose: reason => {
        if (!sub.eosed) reject(new Error(`${relay.url} closed the subscription: ${reason}`));
      },
    });
  });
}

// Publishes with at most `window` publishes waiting for their OK.
class Publisher {
  constructor(relay, window) {
    this.relay = relay;
    this.window = window;
    this.inFlight = 0;
    this.waiting = [];
    this.accepted = 0;
    this.duplicates = 0;
    this.refused = 0;
  }

  async publish(event) {
    while (this.inFlight >= this.window) {
      await new Promise(r => this.waiting.push(r));
    }
    this.inFlight++;
    this.relay.publish(event).then(
      reason => (String(reason).startsWith('duplicate:') ? this.duplicates++ : this.accepted++),
      err => {
        if (String(err.message).startsWith('duplicate:')) {
          this.duplicates++;
        } else {
          this.refused++;
          if (this.refused <= 5) console.error(`refused ${event.id}: ${err.message}`);
        }
      },
    ).finally(() => {
      this.inFlight--;
      const next = this.waiting.shift();
      if (next) next();
    });
  }

  async drain() {
    while (this.inFlight > 0) {
      await new Promise(r => this.waiting.push(r));
    }
  }
}

async function copySource(url, opts, seen, publisher, counts) {
  const relayOptions = opts.verify ? {} : { verifyEvent: () => true };
  const source = await Relay.connect(url, relayOptions);
  let until;
  try {
    for (;;) {
      const filter = until === undefined ? { limit: opts.page } : { limit: opts.page, until };
      const page = await fetchPage(source, filter);
      counts.received += page.length;
      let oldest = until;
      let fresh = 0;
      for (const e of page) {
        if (oldest === undefined || e.created_at < oldest) oldest = e.created_at;
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        fresh++;
        await publisher.publish(e);
      }
      if (page.length < opts.page) break;
      // `until` is inclusive: the oldest second comes again and is skipped by id; when a whole
      // page was that one second, step past it.
      until = fresh === 0 ? oldest - 1 : oldest;
    }
  } finally {
    source.close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const target = await Relay.connect(opts.target);
  target.publishTimeout = 60000;
  const publisher = new Publisher(target, opts.window);
  const seen = new Set();
  const counts = { received: 0 };
  await Promise.all(opts.sources.map(url => copySource(url, opts, seen, publisher, counts)));
  await publisher.drain();
  const ms = Date.now() - started;
  target.close();
  process.stdout.write(JSON.stringify({
    sources: opts.sources.length,
    received: counts.received,
    unique: seen.size,
    accepted: publisher.accepted,
    duplicates: publisher.duplicates,
    refused: publisher.refused,
    ms,
  }) + '\n');
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
