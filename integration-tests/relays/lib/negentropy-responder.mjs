// The relay side of NIP-77 for the test relay: NEG-OPEN / NEG-MSG / NEG-CLOSE answered by the
// Negentropy class that ships inside applesauce-relay, over the repository's events.

// The class lives in a file the package's export map does not list; import it by path.
const NEGENTROPY_FILE = new URL('../../node_modules/applesauce-relay/dist/lib/negentropy.js', import.meta.url);

export class NegentropyResponder {
  /** maxRecords > 0: a NEG-OPEN matching more events is refused `blocked: too many records`, as strfry does. */
  static async create(repository, frameSizeLimit, maxRecords = 0) {
    const { Negentropy, NegentropyStorageVector } = await import(NEGENTROPY_FILE.href);
    return new NegentropyResponder(repository, frameSizeLimit, Negentropy, NegentropyStorageVector, maxRecords);
  }

  constructor(repository, frameSizeLimit, Negentropy, NegentropyStorageVector, maxRecords = 0) {
    this.repository = repository;
    this.frameSizeLimit = frameSizeLimit;
    this.maxRecords = maxRecords;
    this.Negentropy = Negentropy;
    this.NegentropyStorageVector = NegentropyStorageVector;
  }

  /** Per-connection state: open reconciliations by subscription id. */
  sessions() {
    const open = new Map();
    return {
      handle: async message => {
        const [type, subscriptionId] = message;
        if (typeof subscriptionId !== 'string') return ['NOTICE', `invalid: ${type} needs a subscription id`];
        try {
          if (type === 'NEG-OPEN') {
            const [, , filter, initial] = message;
            const storage = new this.NegentropyStorageVector();
            let records = 0;
            for (const event of this.repository.allMatching(filter ?? {})) {
              if (this.maxRecords > 0 && ++records > this.maxRecords) {
                return ['NEG-ERR', subscriptionId, 'blocked: too many records'];
              }
              storage.insert(event.created_at, event.id);
            }
            storage.seal();
            const negentropy = new this.Negentropy(storage, this.frameSizeLimit);
            open.set(subscriptionId, negentropy);
            const [reply] = await negentropy.reconcile(initial);
            return ['NEG-MSG', subscriptionId, reply];
          }
          if (type === 'NEG-MSG') {
            const negentropy = open.get(subscriptionId);
            if (!negentropy) return ['NEG-ERR', subscriptionId, 'closed: no such negentropy session'];
            const [reply] = await negentropy.reconcile(message[2]);
            return ['NEG-MSG', subscriptionId, reply];
          }
          if (type === 'NEG-CLOSE') {
            open.delete(subscriptionId);
            return undefined;
          }
          return ['NOTICE', `invalid: unknown message type ${type}`];
        } catch (error) {
          open.delete(subscriptionId);
          return ['NEG-ERR', subscriptionId, `error: ${error.message}`];
        }
      },
    };
  }
}
