; File-level facts: system includes, macros, enum constants.
(preproc_include path: (system_lib_string) @system_include) @include
(preproc_def name: (identifier) @macro)
(preproc_function_def name: (identifier) @macro)
(enumerator name: (identifier) @enum_constant)
