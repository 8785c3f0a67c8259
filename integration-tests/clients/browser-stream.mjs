// Stored streaming as a browser reads it: headless chromium loads a page that opens a WebSocket
// to the relay (browsers always offer permessage-deflate; whether messages come compressed is
// the relay's choice), REQs every stored event, parses each message and times REQ to EOSE.
// Run through `live-fanout.mjs browser URL ...`, which supplies the helpers; prints one JSON
// line: events/s per round, host and browser CPU seconds, and the host's own count of what it
// sent compressed and plain (from /metrics).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PAGE = `<!doctype html><meta charset="utf-8"><title>stream</title><script>
async function round(url, tag, limit) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  return new Promise((resolve) => {
    let n = 0;
    let started;
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg[0] === 'EVENT') {
        n++;
      } else {
        const seconds = (performance.now() - started) / 1000;
        ws.close();
        resolve({ events: n, seconds, extensions: ws.extensions });
      }
    };
    started = performance.now();
    ws.send(JSON.stringify(['REQ', 'all', { '#t': [tag], limit }]));
  });
}
(async () => {
  const p = new URLSearchParams(location.search);
  const results = [];
  for (let r = 0; r < Number(p.get('rounds')); r++) {
    results.push(await round(p.get('relay'), p.get('tag'), Number(p.get('limit'))));
  }
  await fetch('/result', { method: 'POST', body: JSON.stringify(results) });
})().catch((e) => fetch('/result', { method: 'POST', body: JSON.stringify({ error: String(e) }) }));
</script>`;

/** CPU seconds (user + system) of every live process in the process group. */
function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) === pgid) {
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

/** The host's relay_websocket_sent_{messages,bytes} by compression, from its /metrics. */
async function sentByCompression(url) {
  const text = await (await fetch(url.replace(/^ws/, 'http') + '/metrics')).text();
  const out = {};
  for (const m of text.matchAll(/^relay_websocket_sent_(messages|bytes)_total\{compression="(\w+)"[^}]*\} (\S+)$/gm)) {
    out[`${m[2]}${m[1][0].toUpperCase()}${m[1].slice(1)}`] = Number(m[3]);
  }
  return out;
}

function delta(after, before) {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

export async function browserStream(url, args, { storeEvents, padding, option, hostCpuSeconds }) {
  const events = Number(option(args, 'events', '5000'));
  const rounds = Number(option(args, 'rounds', '3'));
  const pid = Number(option(args, 'host-pid', '0'));
  const binary = option(args, 'chromium', process.env.CHROMIUM ?? 'chromium');
  const tag = 'browser-' + Math.random().toString(36).slice(2);
  await storeEvents(url, events, tag, padding(args));

  let answer;
  const result = new Promise((resolve) => { answer = resolve; });
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/result') {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { res.end('ok'); answer(JSON.parse(body)); });
    } else {
      res.setHeader('content-type', 'text/html');
      res.end(PAGE);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const page = `http://127.0.0.1:${server.address().port}/?relay=${encodeURIComponent(url)}&tag=${tag}&limit=${events}&rounds=${rounds}`;

  const profile = mkdtempSync(join(tmpdir(), 'browser-stream-'));
  const sentBefore = await sentByCompression(url);
  const hostBefore = hostCpuSeconds(pid);
  const browser = spawn(binary, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    '--user-data-dir=' + profile, page], { detached: true, stdio: 'ignore' });
  const timeout = setTimeout(() => answer({ error: 'no result within 120 s' }), 120_000);
  const rounds_ = await result;
  clearTimeout(timeout);
  const browserCpu = groupCpuSeconds(browser.pid);
  const hostCpu = hostCpuSeconds(pid) - hostBefore;
  const sent = delta(await sentByCompression(url), sentBefore);
  try {
    process.kill(-browser.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  server.close();
  rmSync(profile, { recursive: true, force: true });
  const results = Array.isArray(rounds_) ? rounds_.map((r) => ({
    events: r.events, seconds: Math.round(r.seconds * 1000) / 1000, eventsPerSecond: Math.round(r.events / r.seconds),
    extensions: r.extensions,
  })) : rounds_;
  console.log(JSON.stringify({
    mode: 'browser', results, hostCpuSeconds: Math.round(hostCpu * 100) / 100,
    browserCpuSeconds: Math.round(browserCpu * 100) / 100, sent,
  }));
  process.exit(0);
}
