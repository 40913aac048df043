// The conformance suite's client sends no credential, and the server never serves anyone
// unauthenticated: this loopback proxy adds `Authorization: Bearer $MCP_BEARER` to each request
// and changes nothing else (Host and Origin pass through, so the DNS-rebinding checks still reach
// the server), streaming answers back as they come. Prints its port on stdout.
//   MCP_BEARER=... node bearer-proxy.mjs <upstream port>
import http from 'node:http';

const upstreamPort = Number(process.argv[2]);
const bearer = process.env.MCP_BEARER;
if (!upstreamPort || !bearer) {
  console.error('usage: MCP_BEARER=<token> node bearer-proxy.mjs <upstream port>');
  process.exit(2);
}

const proxy = http.createServer((req, res) => {
  const headers = { ...req.headers, authorization: `Bearer ${bearer}` };
  const upstream = http.request(
    { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers },
    (answer) => {
      res.writeHead(answer.statusCode, answer.rawHeaders);
      answer.pipe(res);
    });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
  res.on('close', () => upstream.destroy());
});
proxy.listen(0, '127.0.0.1', () => console.log(proxy.address().port));
