// What the hostile relay sends in answer to one REQ, mode by mode. Every event here is
// shaped to pass the cheap checks a client might rely on (it matches the REQ's filter, or
// its id is right) so that only the check under test can catch it. Signed with nostr-tools.
import { finalizeEvent, getEventHash, getPublicKey } from 'nostr-tools/pure';
import { createHash } from 'node:crypto';

const HOSTILE_KEY = new Uint8Array(createHash('sha256').update('grasp-sync hostile relay key').digest());
const HOSTILE_PUBKEY = getPublicKey(HOSTILE_KEY);

let serial = 0;
const now = () => Math.floor(Date.now() / 1000);

/** A template that matches `filter` (as far as an event of our own key can). */
function templateMatching(filter, i, label) {
  const kinds = filter.kinds?.length ? filter.kinds : [1];
  const kind = kinds[i % kinds.length];
  const tags = [];
  for (const [key, values] of Object.entries(filter)) {
    if (key.length === 2 && key[0] === '#' && Array.isArray(values) && values.length) {
      tags.push([key[1], values[i % values.length]]);
    }
  }
  if (kind >= 30000 && kind < 40000 && !filter['#d']) tags.push(['d', `hostile-${serial}`]);
  let createdAt = filter.until ?? now();
  createdAt -= i;
  if (filter.since !== undefined && createdAt < filter.since) createdAt = filter.since;
  serial++;
  return { kind, tags, created_at: createdAt, content: `hostile ${label} #${serial}` };
}

function matchingSigned(filter, i, label, extraContent = '') {
  const template = templateMatching(filter, i, label);
  template.content += extraContent;
  return finalizeEvent(template, HOSTILE_KEY);
}

/** Right id, signature that cannot verify; the pubkey is a wanted author's when the filter names some. */
function badSignature(filter, i) {
  const event = matchingSigned(filter, i, 'bad-sig');
  if (filter.authors?.length) {
    event.pubkey = filter.authors[i % filter.authors.length];
  } else {
    event.content += ' (tampered after signing)';
  }
  event.id = getEventHash(event);
  return event;
}

/** Signature valid for the original id, but the id no longer hashes the event (or is one the filter asked for). */
function badId(filter, i) {
  const event = matchingSigned(filter, i, 'bad-id');
  if (filter.authors?.length) event.pubkey = filter.authors[i % filter.authors.length];
  event.id = filter.ids?.length ? filter.ids[i % filter.ids.length] : event.id;
  event.content += ' (changed, id kept)';
  return event;
}

/** A correctly signed event that matches none of the REQ's filters. */
function mismatching(filters, i) {
  const usedKinds = new Set(filters.flatMap(f => f.kinds ?? []));
  let kind = 1;
  while (usedKinds.has(kind)) kind++;
  return finalizeEvent(
    { kind, tags: [['t', 'hostile-mismatch']], created_at: now() - i, content: `hostile mismatch #${serial++}` },
    HOSTILE_KEY);
}

const GARBAGE_FRAMES = [
  'this is not json',
  '',
  'null',
  '[]',
  '{"EVENT": true}',
  '["EVENT"]',
  '["EVENT", 42, {}]',
  '["EVENT", "%SUB%", {"id": 5}]',
  '["EVENT", "%SUB%", {"id": "zz", "pubkey": "zz", "created_at": "yesterday", "kind": -1, "tags": "x", "content": 7, "sig": null}]',
  '["EVENT", "%SUB%", {"id": "ab',
  '["EOSE"]',
  '["OK", 1, "yes"]',
  '["CLOSED"]',
  '["NOTICE", {"nested": ["objects"]}]',
  '["WHAT", "%SUB%"]',
  '["EVENT", "%SUB%", 1e999999]',
  '[' + '['.repeat(5000) + ']'.repeat(5000) + ']',
  '\u0000\u0001\u0002 control bytes',
  '"\ud800 lone surrogate"',
];

/**
 * Frames for one REQ in the given mode. Returns a list of strings, or for `flood` a generator,
 * so a large flood is produced as it is sent. Modes:
 *   garbage      malformed frames of every sort (not JSON, wrong arity, wrong types, truncated, deep nesting)
 *   bad-id       events matching the filter whose id does not hash the event
 *   bad-sig      events matching the filter, right id, signature that does not verify
 *   mismatch     validly signed events that match none of the REQ's filters
 *   unknown-sub  validly signed, filter-shaped events sent under subscription ids never opened
 *   huge         one validly signed, filter-shaped event of about hugeBytes (a multi-megabyte frame)
 *   flood        floodCount filter-shaped events with right ids and bad signatures, as fast as the socket takes them
 *   valid        validly signed filter-shaped events from the hostile key (a control)
 */
export function payloadFor(mode, subscriptionId, filters, settings) {
  const filter = filters[0] ?? {};
  const count = settings.count;
  const frame = event => JSON.stringify(['EVENT', subscriptionId, event]);
  const times = make => Array.from({ length: count }, (_, i) => make(i));
  switch (mode) {
    case 'garbage':
      return GARBAGE_FRAMES.map(f => f.replaceAll('%SUB%', subscriptionId));
    case 'bad-id':
      return times(i => frame(badId(filter, i)));
    case 'bad-sig':
      return times(i => frame(badSignature(filter, i)));
    case 'mismatch':
      return times(i => frame(mismatching(filters, i)));
    case 'unknown-sub':
      return times(i => JSON.stringify(['EVENT', `never-opened-${serial}-${i}`, matchingSigned(filter, i, 'unknown-sub')]));
    case 'huge':
      return [frame(matchingSigned(filter, 0, 'huge', ' ' + 'x'.repeat(settings.hugeBytes)))];
    case 'flood':
      return floodFrames(filter, subscriptionId, settings.floodCount);
    case 'valid':
      return times(i => frame(matchingSigned(filter, i, 'valid')));
    default:
      throw new Error(`unknown mode '${mode}'`);
  }
}

function* floodFrames(filter, subscriptionId, floodCount) {
  // One signature made up front: flooding must cost the receiver, not this process.
  const fakeSig = 'f'.repeat(128);
  const template = templateMatching(filter, 0, 'flood');
  const pubkey = filter.authors?.length ? filter.authors[0] : HOSTILE_PUBKEY;
  for (let i = 0; i < floodCount; i++) {
    const event = { ...template, pubkey, created_at: template.created_at - (i % 1000), content: `${template.content} ${i}` };
    event.id = getEventHash(event);
    event.sig = fakeSig;
    yield JSON.stringify(['EVENT', subscriptionId, event]);
  }
}

export const MODES = ['garbage', 'bad-id', 'bad-sig', 'mismatch', 'unknown-sub', 'huge', 'flood', 'valid'];
export { HOSTILE_PUBKEY };
