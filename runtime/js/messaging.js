// messaging.js: kode:internal/messaging - HTML's channel messaging
// (MessageChannel, MessagePort, MessageEvent) and the transfer half of
// structured cloning, which structuredClone(value, { transfer }) uses too.
// Loaded on the first touch of one of the globals (`defineLazy` in
// runtime/js/00_core.js) or the first structuredClone with a transfer list.
//
// The code follows the standard's algorithms by name:
//   https://html.spec.whatwg.org/multipage/web-messaging.html#channel-messaging
//   https://html.spec.whatwg.org/multipage/comms.html#the-messageevent-interface
//   https://html.spec.whatwg.org/multipage/structured-data.html#structuredserializewithtransfer
//
// Kode has one isolate and no workers: both ends of every channel live here,
// so a message is a serialized record moved to the other side's queue and
// delivered by a queued task (internal.queueTask), after the current
// microtasks. A port keeps the process alive only while a task delivering a
// message to it is queued: an idle port, with a listener or not, does not
// (Node's ports keep the loop alive until closed; see docs/web-apis.md).
(function (ops, internal) {
  "use strict";

  const { finishInterface, requireArguments, dictionary, objectSequence, toDOMString, toUSVString } = internal.webidl;
  const events = internal.loadInternal("kode:internal/events");
  const { Event, EventTarget } = events;
  const { fireEvent, defineEventHandler } = events.internals;
  const dataCloneError = internal.dataCloneError;

  // Interfaces that scripts may not construct: the constructor needs this token.
  const internalConstruct = Symbol("internal construct");

  // The dispatch flag shows as a phase other than NONE (Kode's events have one target).
  const eventPhase = Object.getOwnPropertyDescriptor(Event.prototype, "eventPhase").get;
  const initEvent = Event.prototype.initEvent;
  // ArrayBuffer's brand check; it throws for a SharedArrayBuffer too.
  const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  function isArrayBuffer(value) {
    try {
      Reflect.apply(arrayBufferByteLength, value, []);
      return true;
    } catch {
      return false;
    }
  }

  // --- the two sides of a channel ---------------------------------------------
  // A port owns one side of its channel, an endpoint, until it is closed or
  // transferred. A transfer moves the side (its partner link and queued
  // messages) to a new endpoint, which the receiving port will own; tasks
  // queued for the old endpoint then find it dead and do nothing.
  //   port      the MessagePort that owns it (null while it travels)
  //   partner   the other side's endpoint (null once disentangled)
  //   messages  serialized records not yet delivered, oldest first
  //   enabled   the port message queue is enabled (start(), onmessage)
  //   dead      closed, or moved away by a transfer
  function newEndpoint(port) {
    return { port, partner: null, messages: [], enabled: false, dead: false };
  }

  // https://html.spec.whatwg.org/#disentangle
  function disentangle(endpoint) {
    if (endpoint.partner !== null) {
      endpoint.partner.partner = null;
      endpoint.partner = null;
    }
  }

  // While the queue is enabled, each message has one queued task that
  // delivers the oldest; enabling it queues one per waiting message.
  function queueDelivery(endpoint) {
    internal.queueTask(() => deliverNext(endpoint));
  }

  function enable(endpoint) {
    if (endpoint === null || endpoint.enabled) return;
    endpoint.enabled = true;
    for (let i = 0; i < endpoint.messages.length; i++) queueDelivery(endpoint);
  }

  // The task of step 7 of the message port post message steps.
  function deliverNext(endpoint) {
    if (endpoint.dead || !endpoint.enabled || endpoint.messages.length === 0) return;
    const record = endpoint.messages.shift();
    // 1. finalTargetPort: the port whose queue holds the task now.
    const port = endpoint.port;
    // 3. A record that cannot be read back is a messageerror event.
    let result;
    try {
      result = deserializeWithTransfer(record);
    } catch {
      fireEvent(port, new MessageEvent("messageerror"));
      return;
    }
    // 5-6. The transferred ports, in order, as a frozen array.
    fireEvent(port, new MessageEvent("message", { data: result.value, ports: result.ports }));
  }

  // --- structured serialization with transfer ---------------------------------
  // https://html.spec.whatwg.org/#structuredserializewithtransfer. The list
  // is checked whole before anything moves: an ArrayBuffer (not shared) or
  // a MessagePort, each once; then the value is serialized (the op throws
  // the DataCloneError for what cannot be cloned, and for a transferred
  // buffer that is detached or cannot be detached); then a detached port is
  // refused; only then are buffers and ports moved.
  function serializeWithTransfer(value, transfer) {
    const buffers = [];
    const ports = [];
    const seen = new Set();
    for (let i = 0; i < transfer.length; i++) {
      const item = transfer[i];
      if (seen.has(item)) throw dataCloneError(`The object at index ${i} of the transfer list is listed twice.`);
      seen.add(item);
      if (isArrayBuffer(item)) buffers.push(item);
      else if (isPort(item)) ports.push(item);
      else throw dataCloneError(`The value at index ${i} of the transfer list cannot be transferred.`);
    }
    const [bytes, shared, modules] = ops.messaging_serialize(value, buffers, ports, dataCloneError);
    for (const port of ports) {
      if (portState(port, "postMessage").detached) {
        throw dataCloneError("A MessagePort that is closed or already transferred cannot be transferred.");
      }
    }
    return { bytes, shared, modules, buffers: ops.messaging_detach(buffers), ports: ports.map(transferPort) };
  }

  // https://html.spec.whatwg.org/#message-ports:transfer-steps: the port is
  // detached (it posts nowhere and receives nothing from now on) and its
  // side of the channel, queued messages included, travels in the record.
  function transferPort(port) {
    const state = portState(port, "postMessage");
    const old = state.endpoint;
    state.detached = true;
    state.endpoint = null;
    const moved = { port: null, partner: old.partner, messages: old.messages, enabled: false, dead: false };
    if (moved.partner !== null) moved.partner.partner = moved;
    old.dead = true;
    old.partner = null;
    old.messages = [];
    return moved;
  }

  // https://html.spec.whatwg.org/#structureddeserializewithtransfer; a new
  // port owns each side that travelled (the transfer-receiving steps), its
  // queue disabled until started.
  function deserializeWithTransfer(record) {
    const ports = record.ports.map((endpoint) => {
      const port = new MessagePort(internalConstruct);
      portState(port, "postMessage").endpoint = endpoint;
      endpoint.port = port;
      return port;
    });
    const value = ops.messaging_deserialize(record.bytes, record.buffers, record.shared, record.modules, ports);
    return { value, ports };
  }

  // structuredClone(value, { transfer }) with a non-empty list.
  function cloneWithTransfer(value, transfer) {
    return deserializeWithTransfer(serializeWithTransfer(value, transfer)).value;
  }

  // --- MessagePort -------------------------------------------------------------
  // postMessage(message, sequence<object> transfer) and postMessage(message,
  // optional StructuredSerializeOptions options = {}): an object with an
  // @@iterator method is a transfer list; undefined, null and other objects
  // are the options.
  function transferArgument(value, context) {
    if (value === undefined || value === null) return [];
    if (typeof value !== "object" && typeof value !== "function") {
      throw new TypeError(`${context}: the second argument is neither a transfer list nor an options object.`);
    }
    const method = value[Symbol.iterator];
    if (method !== undefined) return objectSequence(value, `${context}: the transfer list`, method);
    const transfer = dictionary(value, context).transfer;
    return transfer === undefined ? [] : objectSequence(transfer, `${context}: the transfer option`);
  }

  let portState, isPort;
  class MessagePort extends EventTarget {
    #state;

    constructor(token) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      super();
      // [[Detached]] and the side of a channel this port owns.
      this.#state = { detached: false, endpoint: null };
      ops.messaging_brand(this);
    }

    static {
      portState = (port, member) => {
        if (port === null || typeof port !== "object" || !(#state in port)) {
          throw new TypeError(`MessagePort.prototype.${member}: 'this' is not a MessagePort`);
        }
        return port.#state;
      };
      isPort = (value) => value !== null && typeof value === "object" && #state in value;
    }

    // https://html.spec.whatwg.org/#dom-messageport-postmessage and the
    // message port post message steps.
    postMessage(message, transfer = undefined) {
      const state = portState(this, "postMessage");
      const context = "Failed to execute 'postMessage' on 'MessagePort'";
      requireArguments(arguments.length, 1, context);
      const list = transferArgument(transfer, context);
      const target = state.endpoint === null ? null : state.endpoint.partner;
      // 2. A port cannot carry itself.
      if (list.includes(this)) throw dataCloneError(`${context}: a port cannot transfer itself.`);
      // 4. Transferring the port this one posts to dooms the message: the
      // channel is lost (the standard makes this no error).
      const doomed = target !== null && target.port !== null && list.includes(target.port);
      // 5. Serialized even when it goes nowhere, so errors (and transfers) happen.
      const record = serializeWithTransfer(message, list);
      if (target === null || doomed) return;
      target.messages.push(record);
      if (target.enabled) queueDelivery(target);
    }

    // https://html.spec.whatwg.org/#dom-messageport-start
    start() {
      enable(portState(this, "start").endpoint);
    }

    // https://html.spec.whatwg.org/#dom-messageport-close. Messages already
    // queued for this port are dropped with it (as Node and Bun do).
    close() {
      const state = portState(this, "close");
      state.detached = true;
      const endpoint = state.endpoint;
      if (endpoint === null) return;
      state.endpoint = null;
      disentangle(endpoint);
      endpoint.dead = true;
      endpoint.messages = [];
    }
  }
  // https://html.spec.whatwg.org/#handler-messageport-onmessage: the event
  // handler attributes; the first time onmessage is set, the port message
  // queue is enabled, as if start() had been called.
  defineEventHandler(MessagePort.prototype, "message");
  defineEventHandler(MessagePort.prototype, "messageerror");
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, "onmessage");
  const startingSetter = {
    set onmessage(value) {
      const state = portState(this, "onmessage");
      Reflect.apply(onmessage.set, this, [value]);
      enable(state.endpoint);
    },
  };
  Object.defineProperty(MessagePort.prototype, "onmessage", {
    ...onmessage,
    set: Object.getOwnPropertyDescriptor(startingSetter, "onmessage").set,
  });
  finishInterface(MessagePort, "MessagePort");

  // --- MessageChannel ----------------------------------------------------------
  // https://html.spec.whatwg.org/#dom-messagechannel
  class MessageChannel {
    #port1;
    #port2;

    constructor() {
      this.#port1 = new MessagePort(internalConstruct);
      this.#port2 = new MessagePort(internalConstruct);
      // https://html.spec.whatwg.org/#entangle
      const one = newEndpoint(this.#port1);
      const two = newEndpoint(this.#port2);
      one.partner = two;
      two.partner = one;
      portState(this.#port1, "constructor").endpoint = one;
      portState(this.#port2, "constructor").endpoint = two;
    }

    static #check(self, member) {
      if (self === null || typeof self !== "object" || !(#port1 in self)) {
        throw new TypeError(`MessageChannel.prototype.${member}: 'this' is not a MessageChannel`);
      }
    }

    get port1() {
      MessageChannel.#check(this, "port1");
      return this.#port1;
    }
    get port2() {
      MessageChannel.#check(this, "port2");
      return this.#port2;
    }
  }
  finishInterface(MessageChannel, "MessageChannel");

  // --- MessageEvent ------------------------------------------------------------
  // MessageEventSource is (WindowProxy or MessagePort or ServiceWorker); Kode has only ports.
  function messageSource(value, context) {
    if (value === null) return null;
    if (!isPort(value)) throw new TypeError(`${context}: the source is not a MessagePort.`);
    return value;
  }

  // sequence<MessagePort>, frozen as the FrozenArray attribute returns it.
  function portList(value, context) {
    const ports = objectSequence(value, `${context}: the ports member`);
    for (const port of ports) {
      if (!isPort(port)) throw new TypeError(`${context}: a value in the ports is not a MessagePort.`);
    }
    return Object.freeze(ports);
  }

  const noPorts = Object.freeze([]);

  // https://html.spec.whatwg.org/#the-messageevent-interface
  class MessageEvent extends Event {
    #data;
    #origin;
    #lastEventId;
    #source;
    #ports;

    constructor(type, eventInitDict = undefined) {
      const context = "Failed to construct 'MessageEvent'";
      requireArguments(arguments.length, 1, context);
      super(type, eventInitDict);
      // MessageEventInit : EventInit, members in lexicographic order, each
      // read and converted in turn.
      const init = dictionary(eventInitDict, context);
      const data = init.data;
      this.#data = data === undefined ? null : data;
      const lastEventId = init.lastEventId;
      this.#lastEventId = lastEventId === undefined ? "" : toDOMString(lastEventId);
      const origin = init.origin;
      this.#origin = origin === undefined ? "" : toUSVString(origin);
      const ports = init.ports;
      this.#ports = ports === undefined ? noPorts : portList(ports, context);
      const source = init.source;
      this.#source = source === undefined ? null : messageSource(source, context);
    }

    static #check(self, member) {
      if (self === null || typeof self !== "object" || !(#data in self)) {
        throw new TypeError(`MessageEvent.prototype.${member}: 'this' is not a MessageEvent`);
      }
    }

    get data() {
      MessageEvent.#check(this, "data");
      return this.#data;
    }
    get origin() {
      MessageEvent.#check(this, "origin");
      return this.#origin;
    }
    get lastEventId() {
      MessageEvent.#check(this, "lastEventId");
      return this.#lastEventId;
    }
    get source() {
      MessageEvent.#check(this, "source");
      return this.#source;
    }
    get ports() {
      MessageEvent.#check(this, "ports");
      return this.#ports;
    }

    // https://html.spec.whatwg.org/#dom-messageevent-initmessageevent
    initMessageEvent(type, bubbles = false, cancelable = false, data = null, origin = "", lastEventId = "", source = null, ports = noPorts) {
      const context = "Failed to execute 'initMessageEvent' on 'MessageEvent'";
      MessageEvent.#check(this, "initMessageEvent");
      requireArguments(arguments.length, 1, context);
      type = toDOMString(type);
      bubbles = Boolean(bubbles);
      cancelable = Boolean(cancelable);
      origin = toUSVString(origin);
      lastEventId = toDOMString(lastEventId);
      source = messageSource(source, context);
      ports = ports === noPorts ? noPorts : portList(ports, context);
      if (Reflect.apply(eventPhase, this, []) !== Event.NONE) return;
      Reflect.apply(initEvent, this, [type, bubbles, cancelable]);
      this.#data = data;
      this.#origin = origin;
      this.#lastEventId = lastEventId;
      this.#source = source;
      this.#ports = ports;
    }
  }
  finishInterface(MessageEvent, "MessageEvent");

  return { MessageChannel, MessagePort, MessageEvent, cloneWithTransfer };
})
