// assert.js: node:assert. The comparisons are node:util's (Node's rules for
// deep equality); messages follow Node 20's, diff included, except ok()'s
// "The expression evaluated to a falsy value" text, which needs the call's
// source: Kode says "false == true" as Node does when it cannot read it.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, argTypeError, invalidArgValue } = support;
  const util = support.builtin("node:util");
  const { isDeepEqual, isDeepStrictEqual } = internal.nodeComparisons;
  const isRegExp = util.types.isRegExp;
  const isPromise = util.types.isPromise;
  const inspect = (value, options) => support.inspect(value, options);
  const isError = (value) => util.types.isNativeError(value) || value instanceof Error;

  const kReadableOperator = {
    deepStrictEqual: "Expected values to be strictly deep-equal:",
    strictEqual: "Expected values to be strictly equal:",
    strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
    deepEqual: "Expected values to be loosely deep-equal:",
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
    notIdentical: "Values have same structure but are not reference-equal:",
    notDeepEqualUnequal: "Expected values not to be loosely deep-equal:",
  };
  // Short enough for the "a !== b" one-line form.
  const kMaxShortLength = 12;

  function inspectValue(value) {
    return inspect(value, {
      compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity,
      showHidden: false, showProxy: false, sorted: true,
    });
  }

  // A copy of an error without its stack, so a message shows the error, not its frames.
  function copyError(source) {
    const target = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
    Object.defineProperty(target, "message", { value: source.message });
    return target;
  }

  // The last identical lines before a difference: more than five collapse to "...".
  function identicalRun(lines, i, identical, state) {
    if (identical <= 2) return "";
    let text = "";
    if (identical > 3) {
      if (identical > 4) {
        if (identical === 5) {
          text += `\n  ${lines[i - 3]}`;
          state.printed++;
        } else {
          text += "\n...";
          state.skipped = true;
        }
      }
      text += `\n  ${lines[i - 2]}`;
      state.printed++;
    }
    text += `\n  ${lines[i - 1]}`;
    state.printed++;
    return text;
  }

  // Node 20's line diff of the two inspected values ("+ actual - expected").
  // A custom message replaces the header (Node 20.20 and 22 keep the diff).
  function createErrDiff(actual, expected, operator, message = "") {
    let other = "";
    let res = "";
    let end = "";
    const state = { printed: 0, skipped: false };
    const actualInspected = inspectValue(actual);
    const actualLines = actualInspected.split("\n");
    const expectedLines = inspectValue(expected).split("\n");
    let i = 0;
    let indicator = "";
    if (operator === "strictEqual" &&
        ((typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null) ||
         (typeof actual === "function" && typeof expected === "function"))) {
      operator = "strictEqualObject";
    }
    if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
      const inputLength = actualLines[0].length + expectedLines[0].length;
      if (inputLength <= kMaxShortLength) {
        if ((typeof actual !== "object" || actual === null) && (typeof expected !== "object" || expected === null) &&
            (actual !== 0 || expected !== 0)) {
          return `${message || kReadableOperator[operator]}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
        }
      } else if (operator !== "strictEqualObject") {
        // Node measures against the terminal's width, 80 when stderr is no terminal.
        const maxLength = ops.node_tty_info(2)?.[0] || 80;
        if (inputLength < maxLength) {
          while (actualLines[0][i] === expectedLines[0][i]) i++;
          if (i > 2) {
            indicator = `\n  ${" ".repeat(i)}^`;
            i = 0;
          }
        }
      }
    }
    // Identical trailing lines are folded into `end`.
    let a = actualLines[actualLines.length - 1];
    let b = expectedLines[expectedLines.length - 1];
    while (a === b) {
      if (i++ < 3) end = `\n  ${a}${end}`;
      else other = a;
      actualLines.pop();
      expectedLines.pop();
      if (actualLines.length === 0 || expectedLines.length === 0) break;
      a = actualLines[actualLines.length - 1];
      b = expectedLines[expectedLines.length - 1];
    }
    const maxLines = Math.max(actualLines.length, expectedLines.length);
    if (maxLines === 0) {
      const lines = actualInspected.split("\n");
      if (lines.length > 50) {
        lines[46] = "...";
        lines.length = 47;
      }
      return `${kReadableOperator.notIdentical}\n\n${lines.join("\n")}\n`;
    }
    if (i >= 5) {
      end = `\n...${end}`;
      state.skipped = true;
    }
    if (other !== "") {
      end = `\n  ${other}${end}`;
      other = "";
    }
    let identical = 0;
    const msg = `${message || kReadableOperator[operator]}\n+ actual - expected`;
    const skippedMsg = " ... Lines skipped";
    let lines = actualLines;
    let plusMinus = "+";
    let maxLength = expectedLines.length;
    if (actualLines.length < maxLines) {
      lines = expectedLines;
      plusMinus = "-";
      maxLength = actualLines.length;
    }
    for (i = 0; i < maxLines; i++) {
      if (maxLength < i + 1) {
        res += identicalRun(lines, i, identical, state);
        identical = 0;
        if (lines === actualLines) res += `\n${plusMinus} ${lines[i]}`;
        else other += `\n${plusMinus} ${lines[i]}`;
        state.printed++;
      } else {
        const expectedLine = expectedLines[i];
        let actualLine = actualLines[i];
        let diverging = actualLine !== expectedLine && (!actualLine.endsWith(",") || actualLine.slice(0, -1) !== expectedLine);
        if (diverging && expectedLine.endsWith(",") && expectedLine.slice(0, -1) === actualLine) {
          diverging = false;
          actualLine += ",";
        }
        if (diverging) {
          res += identicalRun(actualLines, i, identical, state);
          identical = 0;
          res += `\n+ ${actualLine}`;
          other += `\n- ${expectedLine}`;
          state.printed += 2;
        } else {
          res += other;
          other = "";
          identical++;
          if (identical <= 2) {
            res += `\n  ${actualLine}`;
            state.printed++;
          }
        }
      }
      if (state.printed > 50 && i < maxLines - 2) {
        return `${msg}${skippedMsg}\n${res}\n...${other}\n...`;
      }
    }
    return `${msg}${state.skipped ? skippedMsg : ""}\n${res}${other}${end}${indicator}`;
  }

  function generatedMessage(actual, expected, operator) {
    if (typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null &&
        "stack" in actual && actual instanceof Error && "stack" in expected && expected instanceof Error) {
      actual = copyError(actual);
      expected = copyError(expected);
    }
    if (operator === "deepStrictEqual" || operator === "strictEqual") return createErrDiff(actual, expected, operator);
    if (operator === "notDeepStrictEqual" || operator === "notStrictEqual") {
      let base = kReadableOperator[operator];
      const res = inspectValue(actual).split("\n");
      if (operator === "notStrictEqual" && ((typeof actual === "object" && actual !== null) || typeof actual === "function")) {
        base = kReadableOperator.notStrictEqualObject;
      }
      if (res.length > 50) {
        res[46] = "...";
        res.length = 47;
      }
      if (res.length === 1) return `${base}${res[0].length > 5 ? "\n\n" : " "}${res[0]}`;
      return `${base}\n\n${res.join("\n")}\n`;
    }
    let res = inspectValue(actual);
    let other = inspectValue(expected);
    const known = kReadableOperator[operator];
    if (operator === "notDeepEqual" && res === other) {
      res = `${known}\n\n${res}`;
      return res.length > 1024 ? `${res.slice(0, 1021)}...` : res;
    }
    if (res.length > 512) res = `${res.slice(0, 509)}...`;
    if (other.length > 512) other = `${other.slice(0, 509)}...`;
    if (operator === "deepEqual") {
      res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
    } else {
      const unequal = kReadableOperator[`${operator}Unequal`];
      if (unequal) res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
      else other = ` ${operator} ${other}`;
    }
    return `${res}${other}`;
  }

  // Node's AssertionError: an Error whose stack reads
  // "AssertionError [ERR_ASSERTION]: ...", with actual/expected/operator.
  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== "object" || Array.isArray(options)) {
        throw argTypeError("options", "Object", options);
      }
      const { message, operator, stackStartFn, details, stackStartFunction } = options;
      const { actual, expected } = options;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        if (message == null) super(generatedMessage(actual, expected, operator));
        else if (operator === "deepStrictEqual" || operator === "strictEqual") {
          super(createErrDiff(actual, expected, operator, message));
        } else super(String(message));
      } finally {
        Error.stackTraceLimit = limit;
      }
      this.generatedMessage = !message;
      Object.defineProperty(this, "name", { value: "AssertionError [ERR_ASSERTION]", enumerable: false, writable: true, configurable: true });
      this.code = "ERR_ASSERTION";
      if (details) {
        // CallTracker.verify(): one set of fields per function.
        this.actual = undefined;
        this.expected = undefined;
        this.operator = undefined;
        details.forEach((detail, i) => {
          this[`message ${i}`] = detail.message;
          this[`actual ${i}`] = detail.actual;
          this[`expected ${i}`] = detail.expected;
          this[`operator ${i}`] = detail.operator;
          this[`stack trace ${i}`] = detail.stack;
        });
      } else {
        this.actual = actual;
        this.expected = expected;
        this.operator = operator;
      }
      Error.captureStackTrace(this, stackStartFn || stackStartFunction || AssertionError);
      // Reading the stack now fixes its first line with the code in the name.
      void this.stack;
      this.name = "AssertionError";
    }

    toString() {
      return `${this.name} [${this.code}]: ${this.message}`;
    }

    [Symbol.for("nodejs.util.inspect.custom")](recurseTimes, ctx) {
      const { actual, expected } = this;
      if (typeof actual === "string") this.actual = addEllipsis(actual);
      if (typeof expected === "string") this.expected = addEllipsis(expected);
      try {
        return inspect(this, { ...ctx, customInspect: false, depth: 0 });
      } finally {
        this.actual = actual;
        this.expected = expected;
      }
    }
  }

  function addEllipsis(string) {
    const lines = string.split("\n", 11);
    if (lines.length > 10) {
      lines.length = 10;
      return `${lines.join("\n")}\n...`;
    }
    if (string.length > 512) return `${string.slice(512)}...`;
    return string;
  }

  function innerFail(details) {
    if (details.message instanceof Error) throw details.message;
    throw new AssertionError(details);
  }

  function innerOk(fn, argLen, value, message) {
    if (value) return;
    let generated = false;
    if (argLen === 0) {
      generated = true;
      message = "No value argument passed to `assert.ok()`";
    } else if (message == null) {
      generated = true;
    } else if (message instanceof Error) {
      throw message;
    }
    const err = new AssertionError({ actual: value, expected: true, message, operator: "==", stackStartFn: fn });
    err.generatedMessage = generated;
    throw err;
  }

  const missingArgs = () =>
    nodeError(TypeError, "ERR_MISSING_ARGS", 'The "actual" and "expected" arguments must be specified');

  function ok(...args) {
    innerOk(ok, args.length, ...args);
  }
  const assert = ok;

  let failWarned = false;
  assert.fail = function fail(actual, expected, message, operator, stackStartFn) {
    const argsLen = arguments.length;
    let internalMessage = false;
    if (actual == null && argsLen <= 1) {
      internalMessage = true;
      message = "Failed";
    } else if (argsLen === 1) {
      message = actual;
      actual = undefined;
    } else {
      if (!failWarned) {
        failWarned = true;
        support.emitWarning("assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.", "DeprecationWarning", "DEP0094");
      }
      if (argsLen === 2) operator = "!=";
    }
    if (message instanceof Error) throw message;
    const err = new AssertionError({
      actual, expected, operator: operator === undefined ? "fail" : operator, stackStartFn: stackStartFn || fail, message,
    });
    if (internalMessage) err.generatedMessage = true;
    throw err;
  };

  assert.AssertionError = AssertionError;
  assert.ok = ok;

  assert.equal = function equal(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    // eslint-disable-next-line eqeqeq
    if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
      innerFail({ actual, expected, message, operator: "==", stackStartFn: equal });
    }
  };
  assert.notEqual = function notEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    // eslint-disable-next-line eqeqeq
    if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
      innerFail({ actual, expected, message, operator: "!=", stackStartFn: notEqual });
    }
  };
  assert.deepEqual = function deepEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    if (!isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: "deepEqual", stackStartFn: deepEqual });
  };
  assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    if (isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: "notDeepEqual", stackStartFn: notDeepEqual });
  };
  assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    if (!isDeepStrictEqual(actual, expected)) {
      innerFail({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: deepStrictEqual });
    }
  };
  assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    if (isDeepStrictEqual(actual, expected)) {
      innerFail({ actual, expected, message, operator: "notDeepStrictEqual", stackStartFn: notDeepStrictEqual });
    }
  };
  assert.strictEqual = function strictEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: "strictEqual", stackStartFn: strictEqual });
  };
  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs();
    if (Object.is(actual, expected)) {
      innerFail({ actual, expected, message, operator: "notStrictEqual", stackStartFn: notStrictEqual });
    }
  };

  // --- throws / rejects ------------------------------------------------------------
  const NO_EXCEPTION = {};

  function getActual(fn) {
    if (typeof fn !== "function") throw argTypeError("fn", "Function", fn);
    try {
      fn();
    } catch (error) {
      return error;
    }
    return NO_EXCEPTION;
  }

  const isThenable = (value) =>
    isPromise(value) || (value !== null && typeof value === "object" && typeof value.then === "function" && typeof value.catch === "function");

  async function waitForActual(promiseFn) {
    let result;
    if (typeof promiseFn === "function") {
      result = promiseFn();
      if (!isThenable(result)) {
        throw nodeError(TypeError, "ERR_INVALID_RETURN_VALUE",
          `Expected instance of Promise to be returned from the "promiseFn" function but got ${support.specificType(result).replace(/^an instance of /, "instance of ")}.`);
      }
    } else if (isThenable(promiseFn)) {
      result = promiseFn;
    } else {
      throw argTypeError("promiseFn", ["Function", "Promise"], promiseFn);
    }
    try {
      await result;
    } catch (error) {
      return error;
    }
    return NO_EXCEPTION;
  }

  // Placeholders that show only the compared keys in a failure's diff.
  class Comparison {
    constructor(object, keys, actual) {
      for (const key of keys) {
        if (!(key in object)) continue;
        if (actual !== undefined && typeof actual[key] === "string" && isRegExp(object[key]) && object[key].exec(actual[key]) !== null) {
          this[key] = actual[key];
        } else {
          this[key] = object[key];
        }
      }
    }
  }

  function compareExceptionKey(actual, expected, key, message, keys, fn) {
    if (key in actual && isDeepStrictEqual(actual[key], expected[key])) return;
    if (!message) {
      const err = new AssertionError({
        actual: new Comparison(actual, keys), expected: new Comparison(expected, keys, actual),
        operator: "deepStrictEqual", stackStartFn: fn,
      });
      err.actual = actual;
      err.expected = expected;
      err.operator = fn.name;
      throw err;
    }
    innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  }

  function expectedException(actual, expected, message, fn) {
    let generated = false;
    let throwError = false;
    if (typeof expected !== "function") {
      if (isRegExp(expected)) {
        const str = String(actual);
        if (expected.exec(str) !== null) return;
        if (!message) {
          generated = true;
          message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
        }
        throwError = true;
      } else if (typeof actual !== "object" || actual === null) {
        const err = new AssertionError({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: fn });
        err.operator = fn.name;
        throw err;
      } else {
        const keys = Object.keys(expected);
        if (expected instanceof Error) keys.push("name", "message");
        else if (keys.length === 0) throw invalidArgValue("error", expected, "may not be an empty object");
        for (const key of keys) {
          if (typeof actual[key] === "string" && isRegExp(expected[key]) && expected[key].exec(actual[key]) !== null) continue;
          compareExceptionKey(actual, expected, key, message, keys, fn);
        }
        return;
      }
    } else if (expected.prototype !== undefined && actual instanceof expected) {
      return;
    } else if (Object.prototype.isPrototypeOf.call(Error, expected)) {
      if (!message) {
        generated = true;
        message = `The error is expected to be an instance of "${expected.name}". Received `;
        if (isError(actual)) {
          const name = actual.constructor?.name || actual.name;
          if (expected.name === name) message += "an error with identical name but a different prototype.";
          else message += `"${name}"`;
          if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
        } else {
          message += `"${inspect(actual, { depth: -1 })}"`;
        }
      }
      throwError = true;
    } else {
      const res = Reflect.apply(expected, {}, [actual]);
      if (res !== true) {
        if (!message) {
          generated = true;
          const name = expected.name ? `"${expected.name}" ` : "";
          message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
          if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
        }
        throwError = true;
      }
    }
    if (throwError) {
      const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generated;
      throw err;
    }
  }

  function expectsError(stackStartFn, actual, error, message) {
    if (typeof error === "string") {
      if (arguments.length === 4) throw argTypeError("error", ["Object", "Error", "Function", "RegExp"], error);
      if (typeof actual === "object" && actual !== null) {
        if (actual.message === error) {
          throw nodeError(TypeError, "ERR_AMBIGUOUS_ARGUMENT",
            `The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
        }
      } else if (actual === error) {
        throw nodeError(TypeError, "ERR_AMBIGUOUS_ARGUMENT",
          `The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
      }
      message = error;
      error = undefined;
    } else if (error != null && typeof error !== "object" && typeof error !== "function") {
      throw argTypeError("error", ["Object", "Error", "Function", "RegExp"], error);
    }
    if (actual === NO_EXCEPTION) {
      let details = "";
      if (error && error.name) details += ` (${error.name})`;
      details += message ? `: ${message}` : ".";
      const kind = stackStartFn === assert.rejects ? "rejection" : "exception";
      innerFail({ actual: undefined, expected: error, operator: stackStartFn.name, message: `Missing expected ${kind}${details}`, stackStartFn });
    }
    if (!error) return;
    expectedException(actual, error, message, stackStartFn);
  }

  function hasMatchingError(actual, expected) {
    if (typeof expected !== "function") {
      if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
      throw argTypeError("expected", ["Function", "RegExp"], expected);
    }
    if (expected.prototype !== undefined && actual instanceof expected) return true;
    if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
    return Reflect.apply(expected, {}, [actual]) === true;
  }

  function expectsNoError(stackStartFn, actual, error, message) {
    if (actual === NO_EXCEPTION) return;
    if (typeof error === "string") {
      message = error;
      error = undefined;
    }
    if (!error || hasMatchingError(actual, error)) {
      const details = message ? `: ${message}` : ".";
      const kind = stackStartFn === assert.doesNotReject ? "rejection" : "exception";
      innerFail({
        actual, expected: error, operator: stackStartFn.name,
        message: `Got unwanted ${kind}${details}\nActual message: "${actual?.message}"`, stackStartFn,
      });
    }
    throw actual;
  }

  assert.throws = function throws(promiseFn, ...args) {
    expectsError(throws, getActual(promiseFn), ...args);
  };
  assert.rejects = async function rejects(promiseFn, ...args) {
    expectsError(rejects, await waitForActual(promiseFn), ...args);
  };
  assert.doesNotThrow = function doesNotThrow(fn, ...args) {
    expectsNoError(doesNotThrow, getActual(fn), ...args);
  };
  assert.doesNotReject = async function doesNotReject(fn, ...args) {
    expectsNoError(doesNotReject, await waitForActual(fn), ...args);
  };

  assert.ifError = function ifError(err) {
    if (err === null || err === undefined) return;
    let message = "ifError got unwanted exception: ";
    if (typeof err === "object" && typeof err.message === "string") {
      if (err.message.length === 0 && err.constructor) message += err.constructor.name;
      else message += err.message;
    } else {
      message += inspect(err);
    }
    const newErr = new AssertionError({ actual: err, expected: null, operator: "ifError", message, stackStartFn: ifError });
    // The original frames follow the new ones, without the frames both share.
    const origStack = err.stack;
    if (typeof origStack === "string") {
      const start = origStack.indexOf("\n    at");
      if (start !== -1) {
        const originalFrames = origStack.slice(start + 1).split("\n");
        let newFrames = newErr.stack.split("\n");
        for (const frame of originalFrames) {
          const pos = newFrames.indexOf(frame);
          if (pos !== -1) {
            newFrames = newFrames.slice(0, pos);
            break;
          }
        }
        newErr.stack = `${newFrames.join("\n")}\n${originalFrames.join("\n")}`;
      }
    }
    throw newErr;
  };

  function internalMatch(string, regexp, message, fn) {
    if (!isRegExp(regexp)) throw argTypeError("regexp", "RegExp", regexp);
    const match = fn === assert.match;
    if (typeof string !== "string" || (regexp.exec(string) !== null) !== match) {
      if (message instanceof Error) throw message;
      const generated = !message;
      message = message || (typeof string !== "string"
        ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
        : `${match ? "The input did not match the regular expression " : "The input was expected to not match the regular expression "}${inspect(regexp)}. Input:\n\n${inspect(string)}\n`);
      const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generated;
      throw err;
    }
  }
  assert.match = function match(string, regexp, message) {
    internalMatch(string, regexp, message, match);
  };
  assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
    internalMatch(string, regexp, message, doesNotMatch);
  };

  // --- CallTracker (deprecated in Node, still there) -------------------------------------
  let trackerWarned = false;
  class CallTracker {
    #calls = new Set();
    #byFunction = new WeakMap();

    constructor() {
      if (!trackerWarned) {
        trackerWarned = true;
        support.emitWarning("assert.CallTracker is deprecated.", "DeprecationWarning", "DEP0173");
      }
    }

    calls(fn, exact = 1) {
      if (typeof fn === "number") {
        exact = fn;
        fn = () => {};
      } else if (fn === undefined) {
        fn = () => {};
      } else if (typeof fn !== "function") {
        throw argTypeError("fn", "function", fn);
      }
      if (typeof exact !== "number") throw argTypeError("exact", "number", exact);
      if (!Number.isInteger(exact) || exact < 1 || exact > 2 ** 32 - 1) {
        throw support.outOfRange("exact", `>= 1 && <= ${2 ** 32 - 1}`, exact);
      }
      const record = { exact, actual: 0, name: fn.name || "calls", stackTrace: new Error(), calls: [] };
      this.#calls.add(record);
      const tracked = new Proxy(fn, {
        apply(target, thisArg, argumentsList) {
          record.actual++;
          record.calls.push({ thisArg, arguments: argumentsList });
          return Reflect.apply(target, thisArg, argumentsList);
        },
      });
      this.#byFunction.set(tracked, record);
      return tracked;
    }

    getCalls(fn) {
      const record = this.#byFunction.get(fn);
      if (record === undefined) throw invalidArgValue("fn", fn, "is not a tracked function");
      return record.calls.slice();
    }

    reset(fn) {
      if (fn === undefined) {
        for (const record of this.#calls) {
          record.actual = 0;
          record.calls = [];
        }
        return;
      }
      const record = this.#byFunction.get(fn);
      if (record === undefined) throw invalidArgValue("fn", fn, "is not a tracked function");
      record.actual = 0;
      record.calls = [];
    }

    report() {
      const errors = [];
      for (const record of this.#calls) {
        if (record.actual === record.exact) continue;
        errors.push({
          message: `Expected the ${record.name} function to be executed ${record.exact} time(s) but was executed ${record.actual} time(s).`,
          actual: record.actual,
          expected: record.exact,
          operator: record.name,
          stack: record.stackTrace,
        });
      }
      return errors;
    }

    verify() {
      const errors = this.report();
      if (errors.length === 0) return;
      const message = errors.length === 1
        ? errors[0].message
        : `Functions were not called the expected number of times\n${errors.map((e) => e.message).join("\n")}`;
      throw new AssertionError({ message, details: errors });
    }
  }
  assert.CallTracker = CallTracker;

  assert.partialDeepStrictEqual = support.unsupportedFunction("assert.partialDeepStrictEqual");

  // assert.strict: the same checks with strict equality under the loose names.
  function strict(...args) {
    innerOk(strict, args.length, ...args);
  }
  assert.strict = Object.assign(strict, assert, {
    equal: assert.strictEqual,
    deepEqual: assert.deepStrictEqual,
    notEqual: assert.notStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  assert.strict.strict = assert.strict;
  return assert;
})
