#!/usr/bin/env node
// A NIP-01 relay for end-to-end tests, written by others: @nostr-relay/core handles every
// message, stores through its repository contract, matches filters and runs subscriptions;
// @nostr-relay/validator checks incoming frames. This file is only transport and knobs.
//
// Usage: node relays/nostr-relay.mjs [options]
//   --port N               port on 127.0.0.1; 0 (default) picks a free one. When ready,
//                          prints exactly one stdout line: `listening on ws://127.0.0.1:PORT`
//   --max-limit N          cap on events one filter returns from the store (default 1000);
//                          a client wanting everything must page with `until`
//   --default-limit N      events a filter without `limit` returns (default 100, as the
//                          library's SQLite repository does); never above --max-limit
//   --auth                 NIP-42: send an AUTH challenge on connect and answer REQ with
//                          CLOSED `auth-required:` and EVENT with OK false until the client
//                          authenticated (the library alone only guards DMs)
//   --closed-reqs K        answer the first K REQs (counted over all connections) with
//                          CLOSED and --closed-message instead of serving them
//   --rate-limit-closed K  the same as --closed-reqs K (message `rate-limited: ...`)
//   --closed-message M     message of those CLOSED (default `rate-limited: slow down`);
//                          e.g. `restricted: not for you`
//   --no-eose              never send EOSE (stored events are still sent)
//   --seed FILE            JSON lines of events to preload (trusted, not verified)
//   --persist FILE         load FILE if it exists and append every newly stored event, so a
//                          relay restarted on the same port serves the same events
//   --negentropy           also answer NIP-77 NEG-OPEN/NEG-MSG/NEG-CLOSE with the
//                          negentropy class of applesauce-relay over the stored events
//   --neg-frame-size N     negentropy frame size limit in bytes (default 0 = unlimited;
//                          at least 4096 otherwise)
//   --neg-max-records N    with --negentropy: a NEG-OPEN whose filter matches more than N events
//                          is answered `NEG-ERR "blocked: too many records"` (default 0 = no bound)
//   --max-subscriptions N  open subscriptions per connection (default 20, the library's);
//                          past it the library silently drops the least recently used one
//   --refuse-subscriptions-over N
//                          per connection, a REQ with a new id that would make more than N
//                          subscriptions open is answered `["CLOSED", id, "error: too many
//                          concurrent REQs"]` and not served (default 0 = off); CLOSE, or a
//                          REQ reusing an open id, does not add one. Not in NIP-11, as
//                          relays that enforce a limit without announcing it
//   --refuse-filters-over N
//                          a REQ with more than N filters is answered `["CLOSED", id,
//                          "invalid: too many filters"]` and not served (default 0 = off);
//                          not in NIP-11 either
//   --filter-cache-ms N    the library's filter result cache TTL (default 1000, its own
//                          default): a repeated identical filter within it sees cached results
//   --watch-parent         exit when stdin closes (the harness JVM died, even by kill -9)
//   --log-level L          DEBUG, INFO (default), WARN or ERROR; logs go to stderr
import { NostrRelay } from '@nostr-relay/core';
import { Validator } from '@nostr-relay/validator';
import { WebSocketServer } from 'ws';
import { MemoryEventRepository } from './lib/memory-event-repository.mjs';
import { announceAndWatch, parseArgs, stderrLogger } from './lib/process-args.mjs';
import { NegentropyResponder } from './lib/negentropy-responder.mjs';

const options = parseArgs(process.argv.slice(2), {
  'port': { type: 'int', default: 0 },
  'max-limit': { type: 'int', default: 1000 },
  'default-limit': { type: 'int', default: 100 },
  'auth': { type: 'bool', default: false },
  'closed-reqs': { type: 'int', default: 0 },
  'rate-limit-closed': { type: 'int', default: 0 },
  'closed-message': { type: 'string', default: 'rate-limited: slow down' },
  'no-eose': { type: 'bool', default: false },
  'seed': { type: 'string', default: undefined },
  'persist': { type: 'string', default: undefined },
  'negentropy': { type: 'bool', default: false },
  'neg-frame-size': { type: 'int', default: 0 },
  'neg-max-records': { type: 'int', default: 0 },
  'max-subscriptions': { type: 'int', default: 20 },
  'refuse-subscriptions-over': { type: 'int', default: 0 },
  'refuse-filters-over': { type: 'int', default: 0 },
  'filter-cache-ms': { type: 'int', default: 1000 },
  'watch-parent': { type: 'bool', default: false },
  'log-level': { type: 'string', default: 'INFO' },
});

const logger = stderrLogger();
const repository = new MemoryEventRepository({
  maxLimit: options['max-limit'],
  defaultLimit: options['default-limit'],
  persistFile: options.persist,
});
for (const file of [options.seed, options.persist]) {
  if (file) logger.info(`loaded ${repository.loadFile(file)} events from ${file}`);
}

const relay = new NostrRelay(repository, {
  // Setting a hostname is how the library turns NIP-42 on.
  hostname: options.auth ? '127.0.0.1' : undefined,
  logger,
  logLevel: { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 }[options['log-level']] ?? 1,
  filterResultCacheTtl: options['filter-cache-ms'],
  maxSubscriptionsPerClient: options['max-subscriptions'],
});

let closedReqsLeft = Math.max(options['closed-reqs'], options['rate-limit-closed']);
// Ids of the subscriptions a connection holds, as a refusing relay counts them (the library's
// own count only evicts); the context object lives as long as the connection.
const openIds = new WeakMap();
function openIdsOf(ctx) {
  let ids = openIds.get(ctx);
  if (!ids) {
    ids = new Set();
    openIds.set(ctx, ids);
  }
  return ids;
}
const refuseSubscriptionsOver = options['refuse-subscriptions-over'];
const refuseFiltersOver = options['refuse-filters-over'];
relay.register({
  // Koa-style middleware of the library: the only place our knobs touch message handling.
  async handleMessage(ctx, message, next) {
    const [type] = message;
    if (options.auth && !ctx.pubkey && (type === 'REQ' || type === 'EVENT')) {
      if (type === 'REQ') {
        ctx.sendMessage(['CLOSED', message[1], 'auth-required: authenticate first (NIP-42)']);
        return { messageType: 'REQ', events: [] };
      }
      ctx.sendMessage(['OK', message[1].id, false, 'auth-required: authenticate first (NIP-42)']);
      return { messageType: 'EVENT', success: false };
    }
    if (type === 'REQ' && closedReqsLeft > 0) {
      closedReqsLeft--;
      ctx.sendMessage(['CLOSED', message[1], options['closed-message']]);
      return { messageType: 'REQ', events: [] };
    }
    if (type === 'REQ' && refuseFiltersOver > 0 && message.length - 2 > refuseFiltersOver) {
      logger.info(`refused REQ ${message[1]}: ${message.length - 2} filters`);
      ctx.sendMessage(['CLOSED', message[1], 'invalid: too many filters']);
      return { messageType: 'REQ', events: [] };
    }
    if (type === 'REQ' && refuseSubscriptionsOver > 0) {
      const ids = openIdsOf(ctx);
      if (!ids.has(message[1]) && ids.size >= refuseSubscriptionsOver) {
        logger.info(`refused REQ ${message[1]}: ${ids.size} subscriptions open`);
        ctx.sendMessage(['CLOSED', message[1], 'error: too many concurrent REQs']);
        return { messageType: 'REQ', events: [] };
      }
      ids.add(message[1]);
      logger.debug(`REQ ${message[1]}: ${message.length - 2} filters, ${ids.size} subscriptions open`);
    }
    if (type === 'CLOSE') {
      openIds.get(ctx)?.delete(message[1]);
    }
    return next();
  },
});

const validator = new Validator();
const negentropy = options.negentropy
  ? await NegentropyResponder.create(repository, options['neg-frame-size'], options['neg-max-records'])
  : undefined;

const server = new WebSocketServer({ host: '127.0.0.1', port: options.port });
server.on('connection', (socket, request) => {
  // The library writes through this object; wrapping it is how --no-eose drops EOSE.
  const client = {
    get readyState() {
      return socket.readyState;
    },
    send(data, cb) {
      if (options['no-eose'] && data.startsWith('["EOSE"')) return;
      socket.send(data, cb);
    },
  };
  const negSessions = negentropy?.sessions();
  relay.handleConnection(client, request.socket.remoteAddress);
  const notice = error => socket.send(JSON.stringify(['NOTICE', String(error.message ?? error)]));
  // Validation takes more or fewer microtasks by message type, so unchained a REQ could reach
  // the relay before the CLOSE sent ahead of it; chained, the relay (and the subscription count
  // of --refuse-subscriptions-over) sees a connection's messages in the order sent, as a real
  // relay does. Handling is not awaited: a slow query does not hold up the next message.
  let inOrder = Promise.resolve();
  socket.on('message', data => {
    const text = data.toString();
    if (negSessions && text.startsWith('["NEG-')) {
      (async () => {
        const reply = await negSessions.handle(JSON.parse(text));
        if (reply) socket.send(JSON.stringify(reply));
      })().catch(notice);
      return;
    }
    const validated = inOrder.then(() => validator.validateIncomingMessage(text));
    inOrder = validated.then(message => {
      relay.handleMessage(client, message).catch(notice);
    }, notice).catch(error => logger.warn(`cannot answer: ${error.message}`));
  });
  socket.on('close', () => relay.handleDisconnect(client));
  socket.on('error', error => logger.warn(`socket error: ${error.message}`));
});
server.on('error', error => {
  logger.error(`server error: ${error.message}`);
  process.exit(1);
});
server.on('listening', () => {
  announceAndWatch(server.address().port, {
    watchParent: options['watch-parent'],
    onStop: async () => {
      for (const socket of server.clients) socket.terminate();
      await new Promise(resolve => server.close(resolve));
      await relay.destroy();
    },
  });
});
