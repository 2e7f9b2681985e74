import { payload } from "./common.mjs";
Deno.serve({ hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")), onListen() {} }, (request) => {
  const path = request.url.slice(request.url.indexOf("/", 8));
  if (path === "/json") return Response.json(payload);
  if (path === "/echo") return new Response(request.body);
  if (path === "/parse") return request.json().then((data) => Response.json({ items: data.items.length }));
  return new Response("Hello, World!");
});
