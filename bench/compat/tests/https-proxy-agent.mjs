// Smoke test of https-proxy-agent: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { HttpsProxyAgent } from "https-proxy-agent";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const agent = new HttpsProxyAgent("http://user:pw@127.0.0.1:3128");
check(agent.proxy.hostname === "127.0.0.1" && agent.proxy.port === "3128", "proxy url");
check(agent.connectOpts.host === "127.0.0.1" && agent.connectOpts.port === 3128 && agent.proxy.username === "user", JSON.stringify(agent.connectOpts));
check(typeof agent.addRequest === "function", "an http.Agent");
console.log("ok");
