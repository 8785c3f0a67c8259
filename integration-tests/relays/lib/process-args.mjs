// Command-line parsing and process plumbing shared by the test relays.

/**
 * Parses `--name value` and `--flag` arguments against a spec of
 * { name: { type: 'int' | 'string' | 'bool' | 'list', default } }. An unknown or malformed
 * option ends the process with exit code 2 and a message naming it, so a typo in a Java test
 * fails at start-up instead of running a different scenario.
 */
export function parseArgs(argv, spec) {
  const values = {};
  for (const [name, { default: fallback }] of Object.entries(spec)) values[name] = fallback;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) fail(`unexpected argument '${arg}'`);
    const name = arg.slice(2);
    const option = spec[name];
    if (!option) fail(`unknown option '${arg}'`);
    if (option.type === 'bool') {
      values[name] = true;
      continue;
    }
    const raw = argv[++i];
    if (raw === undefined) fail(`option '${arg}' needs a value`);
    if (option.type === 'int') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) fail(`option '${arg}' needs a non-negative integer, got '${raw}'`);
      values[name] = n;
    } else if (option.type === 'list') {
      values[name] = raw.split(',').map(s => s.trim()).filter(s => s !== '');
    } else {
      values[name] = raw;
    }
  }
  return values;
}

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

/**
 * Prints the single readiness line the Java harness waits for, and wires shutdown: SIGTERM,
 * SIGINT and, with `watchParent`, the end of stdin (the parent JVM died, even by kill -9,
 * so the pipe it held closed) all stop the relay.
 */
export function announceAndWatch(port, { watchParent, onStop }) {
  process.stdout.write(`listening on ws://127.0.0.1:${port}\n`);
  let stopping = false;
  const stop = reason => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`stopping: ${reason}\n`);
    Promise.resolve()
      .then(onStop)
      .catch(() => {})
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (watchParent) {
    process.stdin.on('end', () => stop('parent gone (stdin closed)'));
    process.stdin.on('error', () => stop('parent gone (stdin error)'));
    process.stdin.resume();
  }
}

/** A logger for @nostr-relay that writes to stderr, keeping stdout for the readiness line. */
export function stderrLogger() {
  const levels = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 };
  let min = levels.INFO;
  const write = (level, args) => {
    if (levels[level] < min) return;
    process.stderr.write(`${new Date().toISOString()} ${level} ${args.map(String).join(' ')}\n`);
  };
  return {
    setLogLevel(level) {
      min = typeof level === 'number' ? level : levels[level] ?? levels.INFO;
    },
    debug: (...args) => write('DEBUG', args),
    info: (...args) => write('INFO', args),
    warn: (...args) => write('WARN', args),
    error: (...args) => write('ERROR', args),
  };
}
