// An in-memory EventRepository for @nostr-relay/core.
//
// @nostr-relay ships only a SQLite repository, whose better-sqlite3 dependency compiles
// native code on this machine. The tests need nothing durable, so this file implements the
// library's repository contract over a Map. It mirrors the SQLite repository's observable
// rules so the relay behaves like the one people deploy:
//   - a query without `limit` returns `defaultLimit` events (100 there), a `limit` is capped
//     at `maxLimit` (10 x the default there), newest first;
//   - replaceable and addressable events keep the newest per (author, kind, d), ties keep
//     the lowest id; an older or equal version is reported as a duplicate;
//   - deletion requests (kind 5) remove the author's own events by id or address.
// Filter matching for stored queries is nostr-tools' matchFilter: neither this project's
// code nor hand-written here.
import { EventRepository, EventUtils } from '@nostr-relay/common';
import { matchFilter } from 'nostr-tools/filter';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export class MemoryEventRepository extends EventRepository {
  /**
   * @param {{defaultLimit?: number, maxLimit?: number, persistFile?: string}} options
   *   persistFile: accepted events are appended to this JSON-lines file so a restarted
   *   relay comes back with the same events (see loadFile).
   */
  constructor(options = {}) {
    super();
    this.maxLimit = options.maxLimit ?? 1000;
    this.defaultLimit = Math.min(options.defaultLimit ?? 100, this.maxLimit);
    this.persistFile = options.persistFile;
    /** @type {Map<string, object>} id -> event */
    this.byId = new Map();
    /** @type {Map<string, string>} "kind:author:d" -> id of the version kept */
    this.byAddress = new Map();
  }

  isSearchSupported() {
    return false;
  }

  upsert(event) {
    const result = this.store(event);
    if (!result.isDuplicate && this.persistFile) {
      appendFileSync(this.persistFile, JSON.stringify(event) + '\n');
    }
    return result;
  }

  store(event) {
    if (this.byId.has(event.id)) return { isDuplicate: true };
    const address = addressOf(event);
    if (address !== null) {
      const keptId = this.byAddress.get(address);
      const kept = keptId === undefined ? undefined : this.byId.get(keptId);
      if (kept && !isNewer(event, kept)) return { isDuplicate: true };
      if (kept) this.byId.delete(kept.id);
      this.byAddress.set(address, event.id);
    }
    this.byId.set(event.id, event);
    return { isDuplicate: false };
  }

  find(filter) {
    const limit = filter.limit === undefined ? this.defaultLimit : Math.min(filter.limit, this.maxLimit);
    if (limit <= 0) return [];
    return this.allMatching(filter)
      .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);
  }

  /** Every stored event matching the filter, unordered, ignoring limits (for negentropy). */
  allMatching(filter) {
    const matching = [];
    for (const event of this.byId.values()) {
      if (matchFilter(filter, event)) matching.push(event);
    }
    return matching;
  }

  deleteByDeletionRequest(request) {
    const author = EventUtils.getAuthor(request);
    for (const [name, value] of request.tags) {
      if (name === 'e') {
        const target = this.byId.get(value);
        if (target && EventUtils.getAuthor(target) === author) this.remove(target);
      } else if (name === 'a' && typeof value === 'string' && value.split(':')[1] === author) {
        const id = this.byAddress.get(value);
        if (id !== undefined) this.remove(this.byId.get(id));
      }
    }
    return Promise.resolve();
  }

  remove(event) {
    this.byId.delete(event.id);
    const address = addressOf(event);
    if (address !== null && this.byAddress.get(address) === event.id) this.byAddress.delete(address);
  }

  /** Loads JSON lines of events without checks: seeds are trusted fixtures. Returns the count stored. */
  loadFile(file) {
    if (!existsSync(file)) return 0;
    let stored = 0;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      if (!this.store(JSON.parse(line)).isDuplicate) stored++;
    }
    return stored;
  }

  size() {
    return this.byId.size;
  }

  destroy() {
    this.byId.clear();
    this.byAddress.clear();
    return Promise.resolve();
  }
}

function addressOf(event) {
  const d = EventUtils.extractDTagValue(event);
  if (d === null) return null;
  return `${event.kind}:${EventUtils.getAuthor(event)}:${d}`;
}

function isNewer(candidate, kept) {
  return candidate.created_at > kept.created_at ||
    (candidate.created_at === kept.created_at && candidate.id < kept.id);
}
