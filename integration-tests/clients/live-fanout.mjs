#!/usr/bin/env node
// Live fan-out and stored streaming against a relay in another process, as web clients see it:
// `ws` subscribers that either offer permessage-deflate (ws's default, like browsers) or not.
//
//   node clients/live-fanout.mjs fanout URL --subscribers 1000 --events 100 --rate 20 \
//        --compression on|off|mixed [--content-bytes 396] [--host-pid PID] [--workers 2] [--origin URL]
//   node clients/live-fanout.mjs stream URL --events 5000 --rounds 3 [--content-bytes 396] [--host-pid PID] [--origin URL]
//   node clients/live-fanout.mjs browser URL --events 5000 --rounds 3 [--content-bytes 396] [--host-pid PID]
//
// fanout: every subscriber holds one live REQ for this run's tag; one publisher sends --events
// signed events at --rate per second, each carrying its send time; every subscriber notes
// publish->receipt per event. Prints one JSON line: deliveries (expected and received),
// latency percentiles, host CPU per delivered event (from /proc/PID/stat), bytes on the wire
// both ways as the clients' sockets counted them. With --compression mixed, every other worker's
// subscribers offer compression, and `groups` tells how each kind fared. bench/live-fanout.sh
// runs it against a host in its own JVM; FanoutClientsTest runs a small mixed one.
// stream: stores --events events, then REQs them all, alternately with and without
// compression, --rounds times each; prints events/s per round.
// browser: the same REQ read by headless chromium (clients/browser-stream.mjs), which always
// offers compression: run it once as is and once with the host's compression off.
// --origin: every ws client sends this Origin header, as a browser page does (ws sends none by
// default); with the relay's default relay.websocket-compression=browsers only such clients
// are sent compressed messages.
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import WebSocket from 'ws';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const now = () => performance.timeOrigin + performance.now();
const PHRASE = 'A patch series that touches the sync planner and the relay host; ';

/** Text of about `bytes` characters (default: an EVENT message of about 800 bytes, a typical comment or issue). */
function padding(args) {
  const bytes = Number(option(args, 'content-bytes', '396'));
  return PHRASE.repeat(Math.ceil(bytes / PHRASE.length)).slice(0, bytes);
}

function option(args, name, fallback) {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1] : fallback;
}

/** The Origin header this process's clients send (--origin), or none. */
let origin;

function open(url, compression) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: compression, ...(origin ? { origin } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function socketBytes(sockets) {
  let read = 0;
  let written = 0;
  for (const ws of sockets) {
    read += ws._socket?.bytesRead ?? 0;
    written += ws._socket?.bytesWritten ?? 0;
  }
  return { read, written };
}

/** Host CPU seconds (user + system) so far, or NaN when no pid is given. */
function hostCpuSeconds(pid) {
  const { user, system } = hostCpu(pid);
  return user + system;
}

/** Host CPU seconds so far, user and system apart (system includes the kernel's loopback delivery). */
function hostCpu(pid) {
  if (!pid) {
    return { user: NaN, system: NaN };
  }
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** The host's own view of fan-out from its /metrics: mean and max from acceptance to written, per loop. */
async function hostFanout(url) {
  try {
    const text = await (await fetch(url.replace(/^ws/, 'http') + '/metrics')).text();
    const value = (name) => {
      const m = text.match(new RegExp('^' + name + '\\{[^}]*stage="written"[^}]*\\} (\\S+)$', 'm'));
      return m ? Number(m[1]) : NaN;
    };
    const count = value('relay_live_fanout_seconds_count');
    const total = (name) => [...text.matchAll(new RegExp('^' + name + '(\\{[^}]*\\})? (\\S+)$', 'gm'))]
      .reduce((a, m) => a + Number(m[2]), 0);
    return {
      messagesPerWrite: Math.round((total('relay_websocket_sent_messages_total') / total('relay_websocket_writes_total')) * 100) / 100,
      meanWrittenMs: Math.round((value('relay_live_fanout_seconds_sum') / count) * 1e4) / 10,
      maxWrittenMs: Math.round(value('relay_live_fanout_seconds_max') * 1e4) / 10,
    };
  } catch (e) {
    return { error: String(e) };
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

// ---- a worker: a share of the subscribers ----

async function subscriberWorker({ url, count, first, tag, compression, events }) {
  const sockets = [];
  const received = new Int32Array(count);
  const latencies = new Float64Array(count * events);
  let n = 0;
  for (let start = 0; start < count; start += 100) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 100); i++) {
      batch.push(open(url, compression).then((ws) => {
        sockets[i] = ws;
        return new Promise((resolve) => {
          ws.on('message', (data) => {
            const msg = JSON.parse(data.toString());
            if (msg[0] === 'EOSE') {
              resolve();
            } else if (msg[0] === 'EVENT') {
              if (msg[2].content.startsWith('w=')) {
                return; // a warm-up event: delivered, not measured
              }
              const sent = Number(msg[2].content.slice(2, msg[2].content.indexOf(' ')));
              latencies[n++] = now() - sent;
              received[i]++;
            } else if (msg[0] === 'CLOSED' || msg[0] === 'NOTICE') {
              parentPort.postMessage({ type: 'problem', message: msg });
            }
          });
          ws.send(JSON.stringify(['REQ', 's' + (first + i), { kinds: [1], '#t': [tag] }]));
        });
      }));
    }
    await Promise.all(batch);
  }
  const bytesBefore = socketBytes(sockets);
  parentPort.postMessage({ type: 'ready', bytesBefore });
  parentPort.on('message', (m) => {
    if (m === 'report') {
      const complete = received.filter((r) => r === events).length;
      parentPort.postMessage({
        type: 'report', compression, count, complete, deliveries: n, latencies: latencies.slice(0, n), bytes: socketBytes(sockets),
      });
      for (const ws of sockets) {
        ws.terminate();
      }
      process.exit(0);
    } else if (m === 'progress') {
      parentPort.postMessage({ type: 'progress', deliveries: n });
    }
  });
}

// ---- fan-out ----

async function fanout(url, args) {
  const subscribers = Number(option(args, 'subscribers', '1000'));
  const events = Number(option(args, 'events', '100'));
  const rate = Number(option(args, 'rate', '20'));
  const compressionMode = option(args, 'compression', 'on');
  const compression = compressionMode !== 'off';
  const pid = Number(option(args, 'host-pid', '0'));
  const workerCount = Number(option(args, 'workers', '2'));
  const tag = 'fanout-' + Math.random().toString(36).slice(2);
  const text = padding(args);
  const workers = [];
  const ready = [];
  const problems = [];
  const share = Math.ceil(subscribers / workerCount);
  for (let w = 0; w < workerCount; w++) {
    const count = Math.min(share, subscribers - w * share);
    const offers = compressionMode === 'mixed' ? w % 2 === 0 : compression;
    const worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { url, count, first: w * share, tag, compression: offers, events, origin },
    });
    worker.on('message', (m) => {
      if (m.type === 'problem' && problems.length < 5) {
        problems.push(m.message);
      }
    });
    workers.push(worker);
    ready.push(new Promise((resolve) => worker.on('message', (m) => m.type === 'ready' && resolve(m.bytesBefore))));
  }
  const before = await Promise.all(ready);
  const publisher = await open(url, compression);
  const oks = new Map();
  publisher.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg[0] === 'OK') {
      oks.set(msg[1], msg[2] ? 'ok' : msg[3]);
    }
  });
  const secret = generateSecretKey();
  // Warm-up events reach every subscriber but are not measured: a relay in service has its
  // fan-out path compiled; without them the first events' JIT compilation sets the p99.
  const warmup = Number(option(args, 'warmup', '0'));
  const warmupIds = new Set();
  for (let i = 0; i < warmup; i++) {
    await new Promise((r) => setTimeout(r, 1000 / rate));
    const event = finalizeEvent({
      kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [['t', tag], ['r', 'warmup-' + i]], content: `w=${i} ${text}`,
    }, secret);
    warmupIds.add(event.id);
    publisher.send(JSON.stringify(['EVENT', event]));
  }
  if (warmup > 0) {
    await new Promise((r) => setTimeout(r, 2000));
  }
  const cpuBefore = hostCpuSeconds(pid);
  const splitBefore = hostCpu(pid);
  const clientCpuBefore = process.cpuUsage();
  const startedAt = now();
  for (let i = 0; i < events; i++) {
    const due = startedAt + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) {
      await new Promise((r) => setTimeout(r, wait));
    }
    const event = finalizeEvent({
      kind: 1,
      created_at: Math.floor(Date.now() / 1000),
      tags: [['t', tag], ['r', 'event-' + i]],
      content: `t=${now()} ${text}`,
    }, secret);
    publisher.send(JSON.stringify(['EVENT', event]));
  }
  const expected = subscribers * events;
  const deadline = now() + 120_000;
  let deliveries = 0;
  while (now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const progress = await Promise.all(workers.map((w) => new Promise((resolve) => {
      const on = (m) => { if (m.type === 'progress') { w.off('message', on); resolve(m.deliveries); } };
      w.on('message', on);
      w.postMessage('progress');
    })));
    deliveries = progress.reduce((a, b) => a + b, 0);
    if (deliveries >= expected) {
      break;
    }
  }
  const cpuAfter = hostCpuSeconds(pid);
  const splitAfter = hostCpu(pid);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const hostView = await hostFanout(url);
  const reports = await Promise.all(workers.map((w) => new Promise((resolve) => {
    w.on('message', (m) => m.type === 'report' && resolve(m));
    w.postMessage('report');
  })));
  const publisherBytes = socketBytes([publisher]);
  publisher.terminate();
  const all = Float64Array.from(reports.flatMap((r) => Array.from(r.latencies))).sort();
  const read = reports.reduce((a, r, i) => a + r.bytes.read - before[i].read, 0);
  const written = reports.reduce((a, r, i) => a + r.bytes.written - before[i].written, 0);
  const received = reports.reduce((a, r) => a + r.deliveries, 0);
  const groups = {};
  for (const r of reports) {
    const g = (groups[r.compression ? 'compressed' : 'plain'] ??= { subscribers: 0, expected: 0, received: 0, complete: 0 });
    g.subscribers += r.count;
    g.expected += r.count * events;
    g.received += r.deliveries;
    g.complete += r.complete;
  }
  console.log(JSON.stringify({
    mode: 'fanout',
    compression: compressionMode,
    subscribers,
    events,
    warmup,
    rate,
    accepted: [...oks].filter(([id, v]) => v === 'ok' && !warmupIds.has(id)).length,
    expected,
    received,
    completeSubscribers: reports.reduce((a, r) => a + r.complete, 0),
    p50ms: Math.round(percentile(all, 0.5) * 10) / 10,
    p99ms: Math.round(percentile(all, 0.99) * 10) / 10,
    maxms: Math.round(all[all.length - 1] * 10) / 10,
    hostCpuSeconds: Math.round((cpuAfter - cpuBefore) * 100) / 100,
    hostUserSeconds: Math.round((splitAfter.user - splitBefore.user) * 100) / 100,
    hostSystemSeconds: Math.round((splitAfter.system - splitBefore.system) * 100) / 100,
    hostCpuMicrosPerDelivery: Math.round(((cpuAfter - cpuBefore) * 1e6) / Math.max(1, received)),
    clientCpuSeconds: Math.round((clientCpu.user + clientCpu.system) / 1e4) / 100,
    hostFanout: hostView,
    bytesToClients: read,
    bytesFromSubscribers: written,
    bytesPublisherSent: publisherBytes.written,
    bytesPublisherReceived: publisherBytes.read,
    // the sockets' counters include the warm-up deliveries
    bytesPerDelivery: Math.round(read / Math.max(1, received + warmup * subscribers)),
    groups,
    problems,
  }));
  process.exit(0);
}

// ---- streaming ----

/** Publishes `events` signed events tagged `tag` and waits for every OK. */
async function storeEvents(url, events, tag, text) {
  const publisher = await open(url, false);
  const secret = generateSecretKey();
  let acked = 0;
  const allAcked = new Promise((resolve) => publisher.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg[0] === 'OK' && ++acked === events) {
      resolve();
    }
  }));
  const base = Math.floor(Date.now() / 1000) - events;
  for (let i = 0; i < events; i++) {
    publisher.send(JSON.stringify(['EVENT', finalizeEvent({
      kind: 1, created_at: base + i, tags: [['t', tag]], content: `t=0 ${i} ${text}`,
    }, secret)]));
  }
  await allAcked;
  publisher.terminate();
}

async function stream(url, args) {
  const events = Number(option(args, 'events', '5000'));
  const rounds = Number(option(args, 'rounds', '3'));
  const pid = Number(option(args, 'host-pid', '0'));
  const tag = 'stream-' + Math.random().toString(36).slice(2);
  const text = padding(args);
  await storeEvents(url, events, tag, text);
  const results = [];
  for (let r = 0; r < rounds * 2; r++) {
    const compression = r % 2 === 0;
    const ws = await open(url, compression);
    const cpuBefore = hostCpuSeconds(pid);
    const started = now();
    const count = await new Promise((resolve) => {
      let n = 0;
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString());
        if (msg[0] === 'EVENT') {
          n++;
        } else {
          resolve(n);
        }
      });
      ws.send(JSON.stringify(['REQ', 'all', { '#t': [tag], limit: events }]));
    });
    const seconds = (now() - started) / 1000;
    const bytes = socketBytes([ws]);
    ws.terminate();
    results.push({
      compression, events: count, seconds: Math.round(seconds * 1000) / 1000,
      eventsPerSecond: Math.round(count / seconds),
      hostCpuSeconds: Math.round((hostCpuSeconds(pid) - cpuBefore) * 100) / 100, bytesToClient: bytes.read,
    });
  }
  console.log(JSON.stringify({ mode: 'stream', results }));
  process.exit(0);
}

if (!isMainThread) {
  origin = workerData.origin;
  await subscriberWorker(workerData);
} else {
  const [mode, url, ...rest] = process.argv.slice(2);
  origin = option(rest, 'origin', undefined);
  if (mode === 'fanout' && url) {
    await fanout(url, rest);
  } else if (mode === 'stream' && url) {
    await stream(url, rest);
  } else if (mode === 'browser' && url) {
    const { browserStream } = await import('./browser-stream.mjs');
    await browserStream(url, rest, { storeEvents, padding, option, hostCpuSeconds });
  } else {
    console.error('usage: live-fanout.mjs fanout|stream|browser ws://HOST:PORT [options]');
    process.exit(2);
  }
}
