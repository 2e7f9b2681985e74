// ts: load the TypeScript compiler (~9 MB of JavaScript) and transpile a
// snippet. Dominated by loading and compiling typescript.js: the case an
// ahead-of-time code cache is for. Runs unchanged on node, bun, deno and kode
// (no `process`, no Node builtins; TypeScript itself finds no Node `sys`
// object in kode and does not need one for transpileModule).
const ts = require("typescript");

const source = `
interface Point { readonly x: number; readonly y: number }
enum Color { Red, Green = 4, Blue }
type Pair<T> = [T, T];

export class Vec implements Point {
  constructor(public readonly x: number, public readonly y: number) {}
  add(o: Point): Vec { return new Vec(this.x + o.x, this.y + o.y); }
  get length(): number { return Math.hypot(this.x, this.y); }
}

export const swap = <T,>([a, b]: Pair<T>): Pair<T> => [b, a];

export async function total(xs: readonly number[], c: Color = Color.Green): Promise<number> {
  let sum = 0;
  for (const x of xs) sum += x as number;
  return sum * (c ?? 1);
}
`;

function transpile() {
  return ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2017,
      newLine: ts.NewLineKind.LineFeed,
    },
    fileName: "snippet.ts",
  });
}

function main() {
  const out = transpile();
  console.log("// typescript " + ts.version);
  console.log(out.outputText.trimEnd());
}

// `kode pack --snapshot=entry` runs this file while packing: one transpile
// then leaves the compiled compiler in the heap, and start-up runs main.
// Elsewhere (node, bun, deno, kode without a snapshot) main runs now.
if (globalThis.Kode?.snapshot.building) {
  transpile();
  Kode.snapshot.setMain(main);
} else {
  main();
}
