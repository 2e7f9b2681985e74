// Web streams as kode.d.ts declares them: each class used once, the result
// types asserted, and `@ts-expect-error` lines for misuse the types reject.
export {};

async function streams(): Promise<void> {
  const numbers = new ReadableStream<number>(
    {
      start(controller) {
        const room: number | null = controller.desiredSize;
        controller.enqueue(room ?? 0);
      },
      pull(controller) {
        controller.close();
      },
      cancel(reason) {
        void reason;
      },
    },
    new CountQueuingStrategy({ highWaterMark: 2 }),
  );
  const reader: ReadableStreamDefaultReader<number> = numbers.getReader();
  const result = await reader.read();
  if (!result.done) {
    const n: number = result.value;
    void n;
  }
  reader.releaseLock();
  for await (const n of numbers.values({ preventCancel: true })) void (n satisfies number);
  const [left, right]: [ReadableStream<number>, ReadableStream<number>] = numbers.tee();
  await left.cancel("done");

  // Byte streams and BYOB reads.
  const bytes: ReadableStream<Uint8Array> = new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: 1024,
    pull(controller) {
      const request: ReadableStreamBYOBRequest | null = controller.byobRequest;
      if (request?.view) {
        request.view[0] = 1;
        request.respond(1);
      } else {
        controller.enqueue(new Uint8Array([1]));
      }
    },
  });
  const byob: ReadableStreamBYOBReader = bytes.getReader({ mode: "byob" });
  const filled = await byob.read(new Uint16Array(4), { min: 1 });
  const view: Uint16Array | undefined = filled.value;
  void view;

  // Writable streams, transforms, pipes.
  const sink = new WritableStream<string>(
    {
      write(chunk, controller) {
        if (controller.signal.aborted) throw new Error(chunk);
      },
      abort(reason) {
        void reason;
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 16 }) as QueuingStrategy<any>,
  );
  const writer: WritableStreamDefaultWriter<string> = sink.getWriter();
  await writer.ready;
  const desired: number | null = writer.desiredSize;
  await writer.write("x");
  writer.releaseLock();
  const upper = new TransformStream<number, string>({
    transform(chunk, controller) {
      controller.enqueue(String(chunk));
    },
    cancel(reason) {
      void reason;
    },
  });
  const piped: ReadableStream<string> = right.pipeThrough(upper);
  const abort = new AbortController();
  await piped.pipeTo(sink, { preventClose: true, preventAbort: false, preventCancel: true, signal: abort.signal });
  const from: ReadableStream<string> = ReadableStream.from(["a", Promise.resolve("b")]);
  // @ts-expect-error a stream of strings is not a stream of numbers
  const wrong: ReadableStream<number> = from;
  // @ts-expect-error a writer's ready promise is read-only
  writer.ready = Promise.resolve();

  // Text and compression streams.
  const text: ReadableStream<string> = ReadableStream.from(["héllo"])
    .pipeThrough(new TextEncoderStream())
    .pipeThrough(new CompressionStream("gzip"))
    .pipeThrough(new DecompressionStream("gzip"))
    .pipeThrough(new TextDecoderStream("utf-8", { fatal: true }));
  const decoder = new TextDecoderStream("latin1");
  const name: TextDecoderEncoding = decoder.encoding;
  // @ts-expect-error brotli is not a CompressionFormat
  new CompressionStream("brotli");
  void desired, text, name, left, wrong;
}
void streams;
