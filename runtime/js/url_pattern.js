// url_pattern.js: kode:internal/url-pattern - URLPattern (WHATWG URL Pattern
// Standard, https://urlpattern.spec.whatwg.org/). Loaded on the first touch
// of the global (`defineLazy` in runtime/js/00_core.js).
//
// The `urlpattern` crate (runtime/src/ext/url/pattern.rs) parses a pattern
// into its eight components, each a pattern string, a regular expression in
// ECMAScript syntax and its group names, and turns a match input into the
// eight strings to match. The regular expressions are compiled and run
// here, as RegExps with the "v" flag (and "i" where ignoreCase applies), as
// the standard says: V8's RegExp is exactly the language the standard's
// regexp groups are written in.
(function (ops, internal) {
  "use strict";

  const { buildError } = internal;
  const { finishInterface, dictionary, toUSVString } = internal.webidl;

  const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
  // Components compiled with the ignoreCase option; the others never ignore case.
  const CASE_OPTION = new Set(["pathname", "search", "hash"]);
  // URLPatternInit's members in WebIDL order (lexicographic), and the order
  // the ops take them in (the components, then baseURL).
  const INIT_MEMBERS = ["baseURL", "hash", "hostname", "password", "pathname", "port", "protocol", "search", "username"];
  const OP_ORDER = [...COMPONENTS, "baseURL"];

  function patternError(message, operation) {
    return buildError(TypeError, "EINVALID_URL_PATTERN", message, { operation });
  }

  // URLPatternInput is (USVString or URLPatternInit): undefined, null and
  // objects are the dictionary, anything else a string. Returns the value
  // as IDL sees it (a string, or a new object with the members present)
  // and as the ops take it (the string, or the members in OP_ORDER).
  function toInput(value, context) {
    if (value !== undefined && value !== null && typeof value !== "object" && typeof value !== "function") {
      const text = toUSVString(value);
      return { idl: text, op: text };
    }
    const init = dictionary(value, context);
    const idl = {};
    for (const member of INIT_MEMBERS) {
      const item = init[member];
      if (item !== undefined) idl[member] = toUSVString(item);
    }
    return { idl, op: OP_ORDER.map((member) => idl[member]) };
  }

  let patternState;
  class URLPattern {
    #state;

    // constructor(URLPatternInput input, USVString baseURL, optional URLPatternOptions options = {})
    // constructor(optional URLPatternInput input = {}, optional URLPatternOptions options = {})
    constructor(input = undefined, baseURL = undefined, options = undefined) {
      const context = "Failed to construct 'URLPattern'";
      // Overload resolution: with two arguments, a second that is not
      // undefined, null or an object is the base URL.
      const count = arguments.length;
      const withBase =
        count >= 3 || (count === 2 && baseURL !== undefined && baseURL !== null && typeof baseURL !== "object" && typeof baseURL !== "function");
      if (!withBase) options = count === 2 ? baseURL : undefined;
      const converted = toInput(input, context);
      const base = withBase ? toUSVString(baseURL) : undefined;
      const ignoreCase = Boolean(dictionary(options, context).ignoreCase);
      if (typeof converted.idl !== "string" && base !== undefined) {
        throw patternError("Invalid URL pattern: a URLPatternInit and a separate base URL cannot be given together", "new URLPattern");
      }
      const parsed = ops.url_pattern_parse(converted.op, base, ignoreCase);
      const components = [];
      for (let i = 0; i < COMPONENTS.length; i++) {
        const name = COMPONENTS[i];
        const [pattern, source, groups] = parsed.slice(1 + i * 3, 4 + i * 3);
        let regexp;
        try {
          regexp = new RegExp(source, ignoreCase && CASE_OPTION.has(name) ? "vi" : "v");
        } catch (error) {
          throw patternError(`Invalid URL pattern: the ${name} component's regular expression ${source} is not valid (${error.message})`, "new URLPattern");
        }
        components.push({ pattern, regexp, groups });
      }
      this.#state = { components, hasRegExpGroups: parsed[0] };
    }

    static {
      patternState = (self, member) => {
        if (self === null || typeof self !== "object" || !(#state in self)) {
          throw new TypeError(`URLPattern.prototype.${member}: 'this' is not a URLPattern`);
        }
        return self.#state;
      };
    }

    // https://urlpattern.spec.whatwg.org/#dom-urlpattern-test
    test(input = undefined, baseURL = undefined) {
      const state = patternState(this, "test");
      return match(state, input, baseURL, "URLPattern.test") !== null;
    }

    // https://urlpattern.spec.whatwg.org/#dom-urlpattern-exec
    exec(input = undefined, baseURL = undefined) {
      const state = patternState(this, "exec");
      return match(state, input, baseURL, "URLPattern.exec");
    }

    get protocol() {
      return patternState(this, "protocol").components[0].pattern;
    }
    get username() {
      return patternState(this, "username").components[1].pattern;
    }
    get password() {
      return patternState(this, "password").components[2].pattern;
    }
    get hostname() {
      return patternState(this, "hostname").components[3].pattern;
    }
    get port() {
      return patternState(this, "port").components[4].pattern;
    }
    get pathname() {
      return patternState(this, "pathname").components[5].pattern;
    }
    get search() {
      return patternState(this, "search").components[6].pattern;
    }
    get hash() {
      return patternState(this, "hash").components[7].pattern;
    }
    get hasRegExpGroups() {
      return patternState(this, "hasRegExpGroups").hasRegExpGroups;
    }
  }
  finishInterface(URLPattern, "URLPattern");

  // https://urlpattern.spec.whatwg.org/#url-pattern-match: null when the
  // input is no URL or a component does not match, else the
  // URLPatternResult.
  function match(state, input, baseURL, operation) {
    const context = `Failed to execute '${operation.slice(operation.indexOf(".") + 1)}' on 'URLPattern'`;
    const converted = toInput(input, context);
    const base = baseURL === undefined ? undefined : toUSVString(baseURL);
    const inputs = base === undefined ? [converted.idl] : [converted.idl, base];
    if (typeof converted.idl !== "string" && base !== undefined) {
      throw patternError("Invalid URL pattern input: a URLPatternInit and a separate base URL cannot be given together", operation);
    }
    const values = ops.url_pattern_input(converted.op, base);
    if (values === undefined) return null;
    const result = { inputs };
    for (let i = 0; i < COMPONENTS.length; i++) {
      const component = state.components[i];
      const found = component.regexp.exec(values[i]);
      if (found === null) return null;
      // https://urlpattern.spec.whatwg.org/#create-a-component-match-result
      const groups = {};
      for (let g = 0; g < component.groups.length; g++) groups[component.groups[g]] = found[g + 1];
      result[COMPONENTS[i]] = { input: values[i], groups };
    }
    return result;
  }

  return { URLPattern };
})
