; Every function definition in the file (free functions, methods, templates, CUDA kernels).
(function_definition) @function
