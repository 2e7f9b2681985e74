// Smoke test of agent-base: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { Agent } from "agent-base";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
class MyAgent extends Agent {
  connect() { throw new Error("not used"); }
}
const agent = new MyAgent({ keepAlive: true });
check(typeof agent.addRequest === "function" && agent.keepAlive === true, "http.Agent subclass");
check(agent.isSecureEndpoint({ secureEndpoint: true }) === true && agent.isSecureEndpoint({ secureEndpoint: false }) === false, "isSecureEndpoint");
console.log("ok");
