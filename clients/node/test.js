'use strict';
// The contract from a second language: starts the packaged server (server/target/hearth-server.jar)
// on a free port with a temporary data directory and an admin token, runs example.js against it
// with the proto bundle (proto/target/hearth-proto-*-protos.jar) and checks what it got back.
// Build both first: ./mvnw package (or verify). Run: npm ci && npm test.

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { connect, call, errorDetails } = require('./hearth');
const { main } = require('./example');

const ROOT = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 180_000; // a loaded 2-core CI machine took 30 s to start a server

/** The .proto files of a jar (a zip), written under `dir`; no unzip tool needed. */
function unpackProtos(jar, dir) {
  const zip = fs.readFileSync(jar);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${jar} is not a zip file`);
  let entry = zip.readUInt32LE(end + 16);
  const count = zip.readUInt16LE(end + 10);
  let written = 0;
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(entry + 10);
    const compressed = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const local = zip.readUInt32LE(entry + 42);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    entry += 46 + nameLength + extraLength + commentLength;
    if (!name.endsWith('.proto') || name.includes('..')) {
      continue;
    }
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const bytes = zip.subarray(data, data + compressed);
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, method === 8 ? zlib.inflateRawSync(bytes) : bytes);
    written++;
  }
  return written;
}

function only(dir, pattern, what) {
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => pattern.test(f)) : [];
  assert.equal(found.length, 1, `expected one ${what} in ${dir} (build it first: ./mvnw package), found ${found}`);
  return path.join(dir, found[0]);
}

/**
 * The server's JVM options for a test that lives seconds, as the Java tests' servers get them: stop at
 * the C1 compiler, the serial collector, and the class-data sharing archive the build made next to
 * the jar at package when it is of this build of the jar (a start's classes mapped instead of loaded
 * and verified: about half its CPU). An archive that does not fit is ignored, silently.
 */
function serverJvmOptions(jar) {
  const options = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
  const archive = jar.replace(/\.jar$/, '.jsa');
  if (fs.existsSync(archive) && fs.statSync(archive).mtimeMs >= fs.statSync(jar).mtimeMs) {
    options.push(`-XX:SharedArchiveFile=${archive}`, '-Xlog:cds*=off');
  }
  return options;
}

/** Starts the server jar; resolves with its port once it logs that it listens. */
function startServer(jar, dataDir, token) {
  const server = spawn('java', [...serverJvmOptions(jar), '-jar', jar, '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, HEARTH_ADMIN_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log}`)), START_TIMEOUT_MS);
    const read = (chunk) => {
      log += chunk;
      const listening = /Hearth server listening on [^\s:]+:(\d+)/.exec(log);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${log}`)));
  });
  return { server, port, log: () => log };
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.exitCode !== null) {
      resolve();
      return;
    }
    const kill = setTimeout(() => server.kill('SIGKILL'), 30_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

async function run() {
  const serverJar = path.join(ROOT, 'server', 'target', 'hearth-server.jar');
  assert.ok(fs.existsSync(serverJar), `no ${serverJar}: build it first (./mvnw package)`);
  const bundle = only(path.join(ROOT, 'proto', 'target'), /^hearth-proto-.*-protos\.jar$/, 'proto bundle');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-node-'));
  const protoDir = path.join(work, 'protos');
  assert.ok(unpackProtos(bundle, protoDir) > 0, `no .proto files in ${bundle}`);
  for (const needed of ['hearth/v1/lead.proto', 'google/type/money.proto', 'google/rpc/error_details.proto', 'google/api/field_behavior.proto']) {
    assert.ok(fs.existsSync(path.join(protoDir, needed)), `the bundle lacks ${needed}`);
  }
  const token = crypto.randomBytes(24).toString('hex');
  const { server, port, log } = startServer(serverJar, path.join(work, 'data'), token);
  try {
    const address = `127.0.0.1:${await port}`;
    const hearth = connect(protoDir, address, { token });
    try {
      // two leads before the example's own, so its paging (2 a page) takes two pages
      for (const given of ['Grace', 'Linus']) {
        await call(hearth.leads, 'CreateLead', {
          lead: { given_name: given, email: `${given.toLowerCase()}@example.com`, owner: 'node', source: 'LEAD_SOURCE_REFERRAL' },
        });
      }
    } finally {
      hearth.close();
    }

    const lines = [];
    const result = await main(protoDir, address, token, (line) => lines.push(line));

    assert.match(result.lead.name, /^leads\/[0-9a-f-]+$/);
    assert.equal(result.lead.display_name, 'Ada Lovelace');
    assert.equal(result.lead.source, 'LEAD_SOURCE_WEB_FORM');
    assert.equal(result.names.length, 3, `three leads over two pages: ${result.names}`);
    assert.equal(new Set(result.names).size, 3, 'no lead twice');
    assert.ok(result.names.includes(result.lead.name));
    assert.ok(result.queue.items.some((item) => item.person === result.lead.name), `the new web lead is in the queue: ${JSON.stringify(result.queue.items)}`);
    assert.ok(result.first.items.length >= 1, 'the watch sent a snapshot with the queue head');
    assert.ok(result.first.snapshot_time && Number(result.first.snapshot_time.seconds) > 0);
    const refused = lines.find((line) => line.startsWith('refused: '));
    assert.ok(refused, lines.join('\n'));
    assert.match(refused, /^refused: INVALID_ARGUMENT INVALID_ARGUMENT: lead\.email: /);

    // without the token: UNAUTHENTICATED, with its reason
    const anonymous = connect(protoDir, address);
    try {
      await assert.rejects(call(anonymous.leads, 'ListLeads', {}), (error) => {
        const details = errorDetails(anonymous.details, error);
        assert.equal(details.code, 'UNAUTHENTICATED');
        assert.equal(details.reason, 'UNAUTHENTICATED');
        assert.equal(details.domain, 'hearth.io');
        return true;
      });
    } finally {
      anonymous.close();
    }
    console.log(`Node.js client OK against ${address} (node ${process.version}):\n  ${lines.join('\n  ')}`);
  } catch (error) {
    console.error(`server log:\n${log()}`);
    throw error;
  } finally {
    await stopServer(server);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

run().catch((error) => {
  console.error(error.stack || error);
  process.exit(1);
});
