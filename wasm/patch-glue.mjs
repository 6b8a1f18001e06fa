// Fixes two holes in the JavaScript glue that wasm-bindgen 0.2.130 writes for a class
// when the module uses `schedule_reinit()` (our panic hook does), so that an object
// made before a panic always fails clearly afterwards:
//
// 1. A method checks that its object belongs to the current instance BEFORE the guard
//    that swaps in the fresh instance. So the first call after a panic, if it is a
//    method of an old object, passes the old pointer to the new instance: a
//    `RuntimeError: memory access out of bounds`, or a read of unrelated memory.
//    Fix: run the guard first; the check then sees the new instance and throws
//    "Invalid stale object from previous Wasm instance", to which we add what happened.
// 2. `free()` (and `[Symbol.dispose]`) never checks: an old object's pointer is freed in
//    the new instance's allocator. Fix: an old object's free() only forgets its pointer
//    (its memory went with the old instance).
//
// Usage: node wasm/patch-glue.mjs FILE.js...  Fails when the glue does not have the
// expected shape (another wasm-bindgen version): look at the glue again then.
import fs from 'node:fs';

const MESSAGE = "throw new Error('Invalid stale object from previous Wasm instance');";
const CLEARER =
  "throw new Error('Invalid stale object from previous Wasm instance: it was made before a panic " +
  "restarted the module; make it again');";
const STALE = 'if (this.__wbg_inst !== undefined && this.__wbg_inst !== __wbg_instance_id) {';
const FREE = /( +)free\(\) \{\n\s+const ptr = this\.__destroy_into_raw\(\);\n\s+__wbg_call_guard\(\);\n\s+(wasm\.__wbg_\w+_free)\(ptr, 0\);\n/g;

function fail(file, what) {
  console.error(`patch-glue: ${file}: ${what}; the glue is not what wasm-bindgen 0.2.130 writes`);
  process.exit(1);
}

for (const file of process.argv.slice(2)) {
  let js = fs.readFileSync(file, 'utf8');
  if (js.includes('/* patched by wasm/patch-glue.mjs */')) continue;
  const classes = (js.match(/^(export )?class \w+ \{$/gm) ?? []).length;
  if (!js.includes('function __wbg_call_guard()')) fail(file, 'no __wbg_call_guard (no reinit machinery)');

  const checks = js.split(STALE).length - 1;
  if (classes > 0 && checks === 0) fail(file, 'no stale-object check in the class methods');
  js = js.replaceAll(STALE, (m) => `__wbg_call_guard();\n        ${m}`);
  if (js.split(MESSAGE).length - 1 !== checks) fail(file, 'the stale-object check throws another message');
  js = js.replaceAll(MESSAGE, CLEARER);

  let frees = 0;
  js = js.replace(FREE, (_, indent, free) => {
    frees++;
    const i = `${indent}    `;
    return (
      `${indent}free() {\n` +
      `${i}__wbg_call_guard();\n` +
      `${i}const stale = this.__wbg_inst !== undefined && this.__wbg_inst !== __wbg_instance_id;\n` +
      `${i}const ptr = this.__destroy_into_raw();\n` +
      `${i}if (!stale) ${free}(ptr, 0);\n`
    );
  });
  if (frees !== classes) fail(file, `${frees} free() for ${classes} classes`);

  // After the leading `@ts-self-types` comment, which must stay first.
  const marker = '/* patched by wasm/patch-glue.mjs */\n';
  const first = js.startsWith('/* @ts-self-types') ? js.indexOf('\n') + 1 : 0;
  fs.writeFileSync(file, js.slice(0, first) + marker + js.slice(first));
  console.error(`patch-glue: ${file}: ${checks} methods guarded first, ${frees} free() made safe`);
}
