// Smoke test of ws: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import WebSocket, { WebSocketServer } from "ws";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
await new Promise((resolve, reject) => { wss.on("listening", resolve); wss.on("error", reject); });
wss.on("connection", (socket) => socket.on("message", (m) => socket.send("echo:" + m)));
const ws = new WebSocket("ws://127.0.0.1:" + wss.address().port);
const reply = await new Promise((resolve, reject) => {
  ws.on("open", () => ws.send("hi"));
  ws.on("message", (m) => resolve(String(m)));
  ws.on("error", reject);
});
check(reply === "echo:hi", "reply " + reply);
ws.close();
await new Promise((resolve) => wss.close(resolve));
console.log("ok");
