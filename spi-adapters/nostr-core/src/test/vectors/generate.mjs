// Writes ../resources/vectors/vectors.json: events signed by nostr-tools, an implementation
// independent of nostr-core. Run once (npm ci && node generate.mjs) and check the output in;
// the Maven build never runs this. Signatures use fresh randomness, so every run differs.
import { finalizeEvent, getPublicKey, verifyEvent } from 'nostr-tools/pure'
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs'

const hexToBytes = (hex) => Uint8Array.from(hex.match(/../g).map((b) => parseInt(b, 16)))

const secrets = [
  '0000000000000000000000000000000000000000000000000000000000000003',
  'b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef',
  '5f0c7c1a6a8e3d2b9e4f1a0c7d6b5e4f3a2c1b0d9e8f7a6b5c4d3e2f1a0b9c8d',
]
const owner = getPublicKey(hexToBytes(secrets[1]))
const repoRef = `30617:${owner}:grasp-sync`
const someId = 'a'.repeat(64)

// deterministic pseudo-random text so the large vectors are reproducible in shape
let seed = 42
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
const alphabet = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789.,;:-_/!?éüñ日本語中文한국어🎉🚀👩‍💻\n\t"\\'
const text = (n) => {
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)]
  return s
}
// alphabet entries may be half a surrogate pair: keep only well-formed strings
const wellFormed = (s) => s.toWellFormed ? s.toWellFormed() : Buffer.from(s, 'utf8').toString('utf8')

const t = (kind, content, tags = [], created_at = 1_700_000_000) => ({ kind, created_at, tags, content })

const cases = [
  ['plain ascii', t(1, 'hello nostr')],
  ['empty content and no tags', t(1, '')],
  ['emoji', t(1, '🎉 party 🚀 rocket 👩‍💻 zwj sequence 🇫🇷 flag')],
  ['CJK', t(1, '日本語のテキスト 中文内容 한국어 텍스트')],
  ['combining marks', t(1, 'e\u0301 a\u0308 n\u0303 Z\u0351\u036b\u0343 decomposed')],
  ['non-BMP and line separators', t(1, '𝄞 musical 𐍈 gothic \u2028 ls \u2029 ps \u00a0 nbsp \u007f del')],
  ['escape newline', t(1, 'line1\nline2')],
  ['escape double quote', t(1, 'say "hi"')],
  ['escape backslash', t(1, 'C:\\path\\to')],
  ['escape carriage return', t(1, 'a\rb')],
  ['escape tab', t(1, 'a\tb')],
  ['escape backspace', t(1, 'a\bb')],
  ['escape form feed', t(1, 'a\fb')],
  ['all seven escapes in content and tags', t(1, '\n"\\\r\t\b\f', [['t', '\n"\\\r\t\b\f'], ['x', 'q"uote', 'back\\slash']])],
  ['empty tag values and one-element tags', t(1, 'x', [['e', ''], ['t'], ['p', '', '']])],
  ['many tags', t(1, 'two thousand tags', Array.from({ length: 2000 }, (_, i) => ['t', `topic-${i}`]))],
  ['large content', t(1, wellFormed(text(100_000)))],
  ['kind 0 replaceable', t(0, JSON.stringify({ name: 'alice', about: 'ünïcödé "quoted"' }))],
  ['kind 3 replaceable', t(3, '', [['p', owner]])],
  ['kind 10002 replaceable', t(10002, '', [['r', 'wss://relay.example.com'], ['r', 'wss://other.example', 'read']])],
  ['kind 20001 ephemeral', t(20001, 'ephemeral')],
  ['kind 22242 auth', t(22242, '', [['relay', 'ws://127.0.0.1:7777'], ['challenge', 'abc123']])],
  ['kind 30023 addressable', t(30023, '# Article\n\nbody', [['d', 'my-article'], ['title', 'Title']])],
  ['kind 65535 maximum', t(65535, 'max kind')],
  ['created_at zero', t(1, 'epoch', [], 0)],
  ['created_at far future', t(1, 'future', [], 4_102_444_800)],
  ['nip34 repository announcement', t(30617, '', [
    ['d', 'grasp-sync'], ['name', 'grasp-sync'], ['description', 'GRASP-02 sync'],
    ['clone', 'https://git.example.com/npub/grasp-sync.git', 'https://other.example/grasp-sync.git'],
    ['web', 'https://git.example.com/grasp-sync'],
    ['relays', 'wss://relay.example.com', 'wss://grasp.example.org'],
    ['maintainers', owner], ['r', '1234567890abcdef1234567890abcdef12345678', 'euc'], ['t', 'java']])],
  ['nip34 repository state', t(30618, '', [
    ['d', 'grasp-sync'], ['refs/heads/main', '1234567890abcdef1234567890abcdef12345678'],
    ['refs/tags/v1.0', 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'], ['HEAD', 'ref: refs/heads/main']])],
  ['nip34 patch', t(1617,
    'From 123 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] fix "quotes" \\ paths\n\n---\n a.txt | 2 +-\n\ndiff --git a/a.txt b/a.txt\n-old\n+new\t\n',
    [['a', repoRef], ['r', '1234567890abcdef1234567890abcdef12345678'], ['p', owner], ['t', 'root'],
     ['commit', 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'], ['parent-commit', '1234567890abcdef1234567890abcdef12345678']])],
  ['nip34 pull request', t(1618, 'Please merge', [
    ['a', repoRef], ['p', owner], ['subject', 'Add sync'], ['c', 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'],
    ['clone', 'https://fork.example/grasp-sync.git'], ['branch-name', 'feature']])],
  ['nip34 pull request update', t(1619, '', [
    ['a', repoRef], ['E', someId], ['P', owner], ['c', 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'],
    ['clone', 'https://fork.example/grasp-sync.git']])],
  ['nip34 issue', t(1621, 'It crashes with ü', [['a', repoRef], ['p', owner], ['subject', 'Crash']])],
  ['nip34 status open', t(1630, '', [['e', someId, '', 'root'], ['a', repoRef], ['p', owner]])],
  ['nip34 status applied', t(1631, '', [['e', someId, '', 'root'], ['q', someId], ['a', repoRef]])],
  ['nip34 status closed', t(1632, 'closing', [['e', someId, '', 'root']])],
  ['nip34 status draft', t(1633, '', [['e', someId, '', 'root']])],
  ['nip22 comment', t(1111, 'LGTM 👍', [
    ['E', someId, 'wss://relay.example.com', owner], ['K', '1617'], ['P', owner],
    ['e', someId, 'wss://relay.example.com', owner], ['k', '1617'], ['p', owner]])],
  ['grasp server list', t(10317, '', [['g', 'wss://grasp.example.org'], ['g', 'wss://relay.example.com']])],
]

// JSON.stringify escapes U+0001 as \u0001 where NIP-01 says "verbatim": nostr-tools' id then
// differs from the NIP-01 canonical one. Kept to pin how nostr-core handles that.
const divergent = [
  ['control character U+0001 (JSON.stringify escapes it)', t(1, 'bell\u0001 and \u001f unit separator')],
]

const vectors = []
const make = (list, nip01Divergent) => list.forEach(([name, template], i) => {
  const secret = secrets[(vectors.length) % secrets.length]
  const event = finalizeEvent(template, hexToBytes(secret))
  const json = JSON.stringify(event)
  if (!verifyEvent(JSON.parse(json))) throw new Error(`nostr-tools does not verify its own ${name}`)
  vectors.push({ name, nip01Divergent, json, id: event.id, pubkey: event.pubkey, secretKey: secret })
})
make(cases, false)
make(divergent, true)

mkdirSync('../resources/vectors', { recursive: true })
const out = {
  generator: `nostr-tools ${JSON.parse(readFileSync('node_modules/nostr-tools/package.json', 'utf8')).version}`,
  note: 'json is JSON.stringify(finalizeEvent(...)); id and pubkey as nostr-tools computed them',
  vectors,
}
writeFileSync('../resources/vectors/vectors.json', JSON.stringify(out, null, 1) + '\n')
console.log(`wrote ${vectors.length} vectors`)
