# weft_embed_js(<out_var> <c_name> <js_file> [MODULE] [NAME <recorded name>])
#
# Compiles <js_file> with weftc into ${CMAKE_BINARY_DIR}/generated/js/<c_name>.c
# (a `const uint8_t <c_name>[]` and `<c_name>_size`, loaded at run time with
# JS_ReadObject(..., JS_READ_OBJ_BYTECODE) + JS_EvalFunction) and appends
# that file to <out_var>, to be added to a target's sources.  MODULE
# compiles an ES module (otherwise a script); NAME is the file name the
# code records (what module imports resolve against), default <js_file>.
# Source text is stripped: embedded code needs no Function.prototype.toString
# body, and it keeps start-up reads small.
function(weft_embed_js out_var c_name js_file)
  cmake_parse_arguments(ARG "MODULE" "NAME" "" ${ARGN})
  set(out ${CMAKE_BINARY_DIR}/generated/js/${c_name}.c)
  set(args -c -N ${c_name} -o ${out} --strip-source)
  if(ARG_MODULE)
    list(APPEND args -m)
  else()
    list(APPEND args -s)
  endif()
  if(ARG_NAME)
    list(APPEND args -n ${ARG_NAME})
  endif()
  get_filename_component(abs ${js_file} ABSOLUTE)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated/js
    COMMAND $<TARGET_FILE:weftc> ${args} ${abs}
    DEPENDS weftc ${abs}
    COMMENT "weftc ${js_file} -> ${c_name}"
    VERBATIM)
  set(${out_var} ${${out_var}} ${out} PARENT_SCOPE)
endfunction()
