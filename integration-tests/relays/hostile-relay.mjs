#!/usr/bin/env node
// A hostile relay for end-to-end tests (ours, on `ws`): it answers every REQ with what a
// broken or malicious relay sends, then EOSE. Nothing it sends should ever be stored.
//
// Usage: node relays/hostile-relay.mjs --mode MODE[,MODE...] [options]
//   --port N           port on 127.0.0.1; 0 (default) picks a free one. When ready, prints
//                      exactly one stdout line: `listening on ws://127.0.0.1:PORT`
//   --mode LIST        comma-separated, sent in this order for every REQ (default garbage):
//                        garbage      malformed frames (not JSON, wrong arity/types, truncated, deep nesting)
//                        bad-id       events matching the REQ's filter whose id does not match the event
//                        bad-sig      events matching the filter, right id, bad signature
//                        mismatch     validly signed events matching none of the REQ's filters
//                        unknown-sub  validly signed, filter-shaped events for subscriptions never opened
//                        huge         one validly signed event of --huge-bytes (a multi-megabyte frame)
//                        flood        --flood-count events (right id, bad signature) as fast as the socket takes
//                        valid        validly signed filter-shaped events of the hostile key (a control)
//   --count N          events per REQ for the per-event modes (default 5)
//   --huge-bytes N     size of the huge event's content (default 5242880, 5 MiB)
//   --flood-count N    events per REQ in flood mode (default 20000)
//   --no-eose          never send EOSE
//   --neg MODE         how NIP-77 NEG-OPEN / NEG-MSG are answered (default notice; none: ignored):
//                        garbage  NEG-MSG whose payload is not a negentropy message
//                        version  NEG-MSG naming protocol version 0x62, which nobody speaks
//                        notice   NOTICE `unknown message type`
//   --watch-parent     exit when stdin closes (the harness JVM died, even by kill -9)
// Published EVENTs are refused with OK false `blocked:`; CLOSE is ignored.
import { WebSocketServer } from 'ws';
import { MODES, payloadFor } from './lib/hostile-payloads.mjs';
import { announceAndWatch, parseArgs } from './lib/process-args.mjs';

const options = parseArgs(process.argv.slice(2), {
  'port': { type: 'int', default: 0 },
  'mode': { type: 'list', default: ['garbage'] },
  'neg': { type: 'string', default: 'notice' },
  'count': { type: 'int', default: 5 },
  'huge-bytes': { type: 'int', default: 5 * 1024 * 1024 },
  'flood-count': { type: 'int', default: 20000 },
  'no-eose': { type: 'bool', default: false },
  'watch-parent': { type: 'bool', default: false },
});
for (const mode of options.mode) {
  if (!MODES.includes(mode)) {
    process.stderr.write(`error: unknown mode '${mode}', expected one of ${MODES.join(', ')}\n`);
    process.exit(2);
  }
}
const settings = { count: options.count, hugeBytes: options['huge-bytes'], floodCount: options['flood-count'] };
const log = line => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

// Waits for the socket to take a frame every so often, so a flood is bounded by the reader's
// pace instead of piling up in this process's memory.
function sendPaced(socket, frame, sent) {
  if (sent % 256 !== 255 && socket.bufferedAmount < 1 << 20) {
    socket.send(frame);
    return Promise.resolve();
  }
  return new Promise(resolve => socket.send(frame, () => resolve()));
}

async function answerReq(socket, subscriptionId, filters) {
  let sent = 0;
  for (const mode of options.mode) {
    for (const frame of payloadFor(mode, subscriptionId, filters, settings)) {
      if (socket.readyState !== socket.OPEN) return;
      await sendPaced(socket, frame, sent++);
    }
  }
  if (!options['no-eose'] && socket.readyState === socket.OPEN) socket.send(JSON.stringify(['EOSE', subscriptionId]));
  log(`answered REQ ${subscriptionId} with ${sent} frames (${options.mode.join(',')})`);
}

function answerNeg(socket, subscriptionId) {
  const payloads = { garbage: '61' + 'ff'.repeat(20), version: '62' };
  if (options.neg === 'notice') {
    socket.send(JSON.stringify(['NOTICE', 'invalid: unknown message type']));
  } else if (payloads[options.neg]) {
    socket.send(JSON.stringify(['NEG-MSG', subscriptionId, payloads[options.neg]]));
  }
}

const server = new WebSocketServer({ host: '127.0.0.1', port: options.port, maxPayload: 1 << 20 });
server.on('connection', socket => {
  socket.on('message', async data => {
    let message;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (!Array.isArray(message)) return;
    const [type, second, ...rest] = message;
    try {
      if ((type === 'NEG-OPEN' || type === 'NEG-MSG') && typeof second === 'string') {
        answerNeg(socket, second);
      } else if (type === 'REQ' && typeof second === 'string') {
        await answerReq(socket, second, rest.filter(f => f && typeof f === 'object'));
      } else if (type === 'EVENT' && second && typeof second.id === 'string') {
        socket.send(JSON.stringify(['OK', second.id, false, 'blocked: hostile test relay']));
      }
    } catch (error) {
      log(`error answering ${type}: ${error.message}`);
    }
  });
  socket.on('error', error => log(`socket error: ${error.message}`));
});
server.on('error', error => {
  log(`server error: ${error.message}`);
  process.exit(1);
});
server.on('listening', () => {
  announceAndWatch(server.address().port, {
    watchParent: options['watch-parent'],
    onStop: () => {
      for (const socket of server.clients) socket.terminate();
      return new Promise(resolve => server.close(resolve));
    },
  });
});
