//! Start V8, create an isolate and a context, print one line: the start-up
//! floor for any runtime on the `v8` crate. Prints what `hello.js` prints.

fn main() {
    let platform = v8::new_default_platform(0, false).make_shared();
    v8::V8::initialize_platform(platform);
    v8::V8::initialize();

    let mut isolate = v8::Isolate::new(v8::CreateParams::default());
    {
        v8::scope!(let scope, &mut isolate);
        let context = v8::Context::new(scope, Default::default());
        let _scope = &mut v8::ContextScope::new(scope, context);
        println!("hello world");
    }
}
