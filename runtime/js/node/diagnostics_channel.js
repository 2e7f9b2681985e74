// diagnostics_channel.js: node:diagnostics_channel, named channels that
// libraries publish to (undici, pino) and tools subscribe to. Pure
// JavaScript: Kode itself publishes nothing.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const channels = new Map();

  class Channel {
    #subscribers = [];

    constructor(name) {
      this.name = name;
    }

    get hasSubscribers() {
      return this.#subscribers.length > 0;
    }

    subscribe(onMessage) {
      if (typeof onMessage !== "function") throw support.invalidArgType("subscription", "of type function", onMessage);
      this.#subscribers = [...this.#subscribers, onMessage];
    }

    unsubscribe(onMessage) {
      const index = this.#subscribers.indexOf(onMessage);
      if (index === -1) return false;
      this.#subscribers = this.#subscribers.filter((_, i) => i !== index);
      return true;
    }

    // A subscriber that throws does not stop the others: its error is
    // reported on the next tick, as Node does.
    publish(message) {
      for (const onMessage of this.#subscribers) {
        try {
          onMessage(message, this.name);
        } catch (error) {
          support.nextTick(() => {
            throw error;
          });
        }
      }
    }

    bindStore() {
      throw support.unsupported("diagnostics_channel.Channel.bindStore");
    }

    unbindStore() {
      return false;
    }

    runStores(data, fn, thisArg, ...args) {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    }
  }

  function checkName(name) {
    if (typeof name !== "string" && typeof name !== "symbol") {
      throw support.invalidArgType("channel", "of type string or symbol", name);
    }
  }

  function channel(name) {
    checkName(name);
    let found = channels.get(name);
    if (found === undefined) {
      found = new Channel(name);
      channels.set(name, found);
    }
    return found;
  }

  const tracingEvents = ["start", "end", "asyncStart", "asyncEnd", "error"];

  class TracingChannel {
    constructor(nameOrChannels) {
      for (const event of tracingEvents) {
        this[event] =
          typeof nameOrChannels === "string" ? channel(`tracing:${nameOrChannels}:${event}`) : nameOrChannels[event];
      }
    }

    get hasSubscribers() {
      return tracingEvents.some((event) => this[event].hasSubscribers);
    }

    subscribe(handlers) {
      for (const event of tracingEvents) if (handlers[event]) this[event].subscribe(handlers[event]);
    }

    unsubscribe(handlers) {
      let done = true;
      for (const event of tracingEvents) if (handlers[event] && !this[event].unsubscribe(handlers[event])) done = false;
      return done;
    }

    traceSync(fn, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      this.start.publish(context);
      try {
        const result = Reflect.apply(fn, thisArg, args);
        context.result = result;
        return result;
      } catch (error) {
        context.error = error;
        this.error.publish(context);
        throw error;
      } finally {
        this.end.publish(context);
      }
    }

    tracePromise(fn, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      this.start.publish(context);
      try {
        const promise = Promise.resolve(Reflect.apply(fn, thisArg, args));
        return promise.then(
          (result) => {
            context.result = result;
            this.asyncStart.publish(context);
            this.asyncEnd.publish(context);
            return result;
          },
          (error) => {
            context.error = error;
            this.error.publish(context);
            this.asyncStart.publish(context);
            this.asyncEnd.publish(context);
            throw error;
          },
        );
      } catch (error) {
        context.error = error;
        this.error.publish(context);
        throw error;
      } finally {
        this.end.publish(context);
      }
    }

    traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const index = position < 0 ? args.length + position : position;
      const callback = args[index];
      if (typeof callback !== "function") throw support.invalidArgType("callback", "of type function", callback);
      const channels = this;
      args[index] = function (error, result) {
        if (error) {
          context.error = error;
          channels.error.publish(context);
        } else {
          context.result = result;
        }
        channels.asyncStart.publish(context);
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          channels.asyncEnd.publish(context);
        }
      };
      return this.traceSync(fn, context, thisArg, ...args);
    }
  }

  return {
    channel,
    hasSubscribers: (name) => {
      checkName(name);
      return channels.get(name)?.hasSubscribers ?? false;
    },
    subscribe: (name, onMessage) => channel(name).subscribe(onMessage),
    unsubscribe: (name, onMessage) => channel(name).unsubscribe(onMessage),
    tracingChannel: (nameOrChannels) => new TracingChannel(nameOrChannels),
    Channel,
  };
})
