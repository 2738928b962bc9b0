// The CLI exposes scriptArgs: the script name, then its arguments.
assert(Array.isArray(scriptArgs), 'scriptArgs is an array');
assert(scriptArgs.length >= 1);
var name = scriptArgs[0];
assertEq(name.slice(name.length - 'script_args.js'.length), 'script_args.js');
for (var i = 0; i < scriptArgs.length; i++) assertEq(typeof scriptArgs[i], 'string');
assertEq(typeof console.log, 'function');
assertEq(typeof print, 'function');
