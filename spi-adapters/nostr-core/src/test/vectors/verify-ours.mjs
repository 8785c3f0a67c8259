// Cross-check in the other direction: nostr-tools verifies events nostr-core signed.
// Usage: node verify-ours.mjs <file with one event JSON per line>
import { verifyEvent } from 'nostr-tools/pure'
import { readFileSync } from 'node:fs'

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '')
let bad = 0
for (const line of lines) {
  const event = JSON.parse(line)
  if (!verifyEvent(event)) {
    bad++
    console.log(`REFUSED ${event.id}`)
  }
}
console.log(`${lines.length - bad}/${lines.length} events signed by nostr-core verify with nostr-tools`)
process.exit(bad === 0 ? 0 : 1)
