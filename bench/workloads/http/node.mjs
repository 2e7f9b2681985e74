import http from "node:http";
import { payload } from "./common.mjs";
http
  .createServer((req, res) => {
    if (req.url === "/json") {
      const body = JSON.stringify(payload);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    } else if (req.url === "/echo") {
      req.pipe(res);
    } else if (req.url === "/parse") {
      const chunks = [];
      req.on("data", (chunk) => chunks.push(chunk));
      req.on("end", () => {
        const body = JSON.stringify({ items: JSON.parse(Buffer.concat(chunks).toString()).items.length });
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
      });
    } else {
      res.writeHead(200, { "content-type": "text/plain;charset=UTF-8", "content-length": 13 });
      res.end("Hello, World!");
    }
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
