// https.js: node:https, node:http with TLS: a Server is Kode.serve with
// { cert, key }, requests go through the same client over https: URLs
// (certificates checked against the system roots; ca, client certificates
// and rejectUnauthorized: false are ENODE_UNSUPPORTED).
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { unsupported } = support;
  const http = support.builtin("node:http");
  const { Server, initServer, Agent, requestFor } = http[support.kHttpInternals];

  const pem = (value) => (value == null ? undefined : ArrayBuffer.isView(value) ? new TextDecoder().decode(value) : Array.isArray(value) ? pem(value[0]) : String(value));

  function HttpsServer(options, requestListener) {
    if (!(this instanceof HttpsServer)) return new HttpsServer(options, requestListener);
    if (typeof options === "function") {
      requestListener = options;
      options = {};
    }
    initServer(this, options, requestListener);
    if (options?.pfx !== undefined) throw unsupported("https.createServer({ pfx })");
    this._cert = pem(options?.cert);
    this._key = pem(options?.key);
  }
  // As in Node, an https.Server is a net.Server (through tls.Server) with
  // http.Server's methods, not an http.Server.
  const { Server: NetServer } = support.builtin("node:net");
  Object.setPrototypeOf(HttpsServer.prototype, NetServer.prototype);
  Object.setPrototypeOf(HttpsServer, NetServer);
  for (const key of Reflect.ownKeys(Server.prototype)) {
    if (key !== "constructor") Object.defineProperty(HttpsServer.prototype, key, Object.getOwnPropertyDescriptor(Server.prototype, key));
  }
  HttpsServer.prototype._tls = function () {
    if (this._cert === undefined || this._key === undefined) throw unsupported("https.Server without key and cert");
    return { cert: this._cert, key: this._key };
  };

  function HttpsAgent(options) {
    if (!(this instanceof HttpsAgent)) return new HttpsAgent(options);
    Agent.call(this, options);
    this.defaultPort = 443;
    this.protocol = "https:";
  }
  Object.setPrototypeOf(HttpsAgent.prototype, Agent.prototype);
  Object.setPrototypeOf(HttpsAgent, Agent);

  const globalAgent = new HttpsAgent({ keepAlive: true, scheduling: "lifo", timeout: 5000 });
  const { request, get } = requestFor({ protocol: "https:", defaultPort: 443, agent: globalAgent });

  return {
    Agent: HttpsAgent,
    Server: HttpsServer,
    createServer: (options, requestListener) => new HttpsServer(options, requestListener),
    get,
    globalAgent,
    request,
  };
})
