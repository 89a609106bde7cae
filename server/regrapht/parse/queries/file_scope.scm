; File-level facts the query finds directly: system includes (carried verbatim with the
; function). Macros, types and globals are listed by parse/context.py, which walks file scope.
(preproc_include path: (system_lib_string) @system_include) @include
