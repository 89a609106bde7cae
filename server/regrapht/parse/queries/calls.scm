; Every call expression, with the expression naming the callee.
(call_expression function: (_) @callee) @call
