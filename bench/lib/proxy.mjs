// A loopback TCP proxy that counts the connections it accepts (how many control-plane
// connections a server opens for a run of calls) and can hold requests back (a slow upstream).
import net from 'node:net';

/**
 * Listens on 127.0.0.1:0 and forwards to `target` (http://host:port). Returns { baseUrl,
 * accepted(), reset(), delay(ms), close() }; delay(ms) holds each chunk sent upstream that long.
 */
export async function startCountingProxy(target) {
  const { hostname, port } = new URL(target);
  let accepted = 0;
  let delayMs = 0;
  const sockets = new Set();
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.on('data', (chunk) => {
      if (delayMs > 0) setTimeout(() => upstream.write(chunk), delayMs);
      else upstream.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    accepted: () => accepted,
    reset: () => { accepted = 0; },
    delay: (ms) => { delayMs = ms; },
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(resolve);
    }),
  };
}
