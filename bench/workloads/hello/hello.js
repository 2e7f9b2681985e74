// hello: the cost of starting a runtime and printing one line.
console.log("hello world");
