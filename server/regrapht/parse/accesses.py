"""Every use of an array-like parameter in a body, and whether it reads, writes or grows it.

Subscripts and dereferences are judged by their place in an expression. A parameter handed on
(bare, or as `.begin()`/`.end()`/`.data()`/`std::begin(v)`/`x + k`/`&x[k]`) to a call is read
and written unless the call is a known read-only one (`std::accumulate`, `std::find`, ...) or
only writes (`std::fill`, `std::iota`, `memset`'s first argument): what a helper, a lambda or
`std::sort` does with it is not looked into, and a const parameter stays unwritten anyway.
Methods are judged by name: `size()` touches no element, `at()`/`front()` read (or write, as an
lvalue), `push_back`/`resize`/`clear`/`+=`/`out = ...` grow a std::vector or std::string, any
other method reads and writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from regrapht.parse import library
from regrapht.parse.loops import subscript_parts
from regrapht.parse.nodes import strip_parens, text, walk
from regrapht.parse.site import Param, ParamKind

ARRAY_KINDS = (ParamKind.POINTER, ParamKind.ARRAY, ParamKind.VECTOR, ParamKind.SCALAR_REF,
               ParamKind.STD_ARRAY, ParamKind.STRING, ParamKind.STRINGS)
# Objects with methods, copied by `auto c = v;`, replaced by `v = ...;`.
OBJECT_KINDS = (ParamKind.VECTOR, ParamKind.STD_ARRAY, ParamKind.STRING, ParamKind.STRINGS)
GROWABLE_KINDS = (ParamKind.VECTOR, ParamKind.STRING)

_WRITES_FIRST_ARG = frozenset({"memcpy", "memmove", "memset", "strcpy", "strncpy", "strcat",
                               "strncat"})
# Calls that only read the elements they are given (a result comes back as a value).
READ_ONLY_CALLS = library.MATH_FUNCTIONS | library.words("""
    accumulate reduce transform_reduce inner_product find find_if find_if_not find_end
    find_first_of adjacent_find search search_n count count_if all_of any_of none_of
    min_element max_element minmax_element equal mismatch lower_bound upper_bound binary_search
    equal_range is_sorted is_sorted_until is_partitioned partition_point is_permutation is_heap
    lexicographical_compare includes min max minmax clamp strlen strnlen strcmp strncmp memcmp
    memchr strchr strrchr strstr strspn strcspn strpbrk atoi atol atoll atof strtol strtoll
    strtoul strtoull strtof strtod strtold stoi stol stoll stoul stoull stof stod stold hash
""")
# Calls that write the range they are given without reading it.
WRITE_ONLY_CALLS = frozenset({"fill", "fill_n", "iota", "generate", "generate_n"})
# Calls that give back an iterator or pointer into what they are given, or its size.
PASS_THROUGH_CALLS = frozenset({"begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin",
                                "crend", "data", "next", "prev"})
NO_ACCESS_CALLS = frozenset({"size", "ssize", "empty", "distance", "addressof"})

# Methods, by what they do to the elements of the object they are called on.
NO_ACCESS_METHODS = frozenset({"size", "length", "empty", "capacity", "max_size", "reserve",
                               "shrink_to_fit", "get_allocator"})
ITERATOR_METHODS = frozenset({"begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin",
                              "crend", "data", "c_str"})
READ_METHODS = frozenset({"at", "front", "back", "find", "rfind", "compare", "substr", "count",
                          "contains", "starts_with", "ends_with", "find_first_of",
                          "find_last_of", "find_first_not_of", "find_last_not_of", "real",
                          "imag"})
DISCARDING_METHODS = frozenset({"clear", "assign", "swap"})  # old contents do not matter
APPENDING_METHODS = frozenset({"push_back", "emplace_back", "append", "insert", "emplace",
                               "resize"})
SHRINKING_METHODS = frozenset({"pop_back", "erase"})  # old contents survive: they are read


@dataclass
class Access:
    """One use of an array parameter: `a[index]` (index None for whole-array uses)."""

    node: Node
    index: Node | None
    constant_zero: bool  # `*a`
    read: bool
    written: bool
    grows: bool = False  # changes the length (push_back, resize, `s += ...`, `v = ...`)
    exclusive: bool = False  # `index` is one past the last element (`x + n` ending a range)
    peek: bool = False  # `v.back()`, `v.front()`, `v.find(c)`: a look at an element by a method


def bare_call_name(callee: Node | None) -> str:
    """'std::max<float>' -> 'max', '::memcpy' -> 'memcpy'; '' for a method or a lambda call."""
    if callee is None or callee.type == "field_expression":
        return ""
    name = re.sub(r"<.*>", "", re.sub(r"\s+", "", text(callee)))
    return name.split("::")[-1]


def _enclosing_call(node: Node) -> tuple[Node, list[Node]] | None:
    """(call, its arguments) when `node` is one argument of a call."""
    parent = node.parent
    if parent is None or parent.type != "argument_list" or parent.parent is None:
        return None
    if parent.parent.type != "call_expression":
        return None
    return parent.parent, [c for c in parent.named_children if c.type != "comment"]


def _method_effect(method: str) -> tuple[bool, bool]:
    """(read, written) of the elements when `method` is called on an element or an object."""
    if method in NO_ACCESS_METHODS | ITERATOR_METHODS | READ_METHODS:
        return True, False
    return True, True


def context_of(node: Node) -> tuple[bool, bool]:
    """(read, written) for an lvalue-capable expression, judged from where it sits: through
    parentheses, a field (`p[i].x = 0`), a method of an element (`w[i].push_back(c)`) or a
    further subscript."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "parenthesized_expression" or (
            parent.type in ("field_expression", "subscript_expression")
            and parent.child_by_field_name("argument") == child
        ):
            outer = parent.parent
            if parent.type == "field_expression" and outer is not None and (
                outer.type == "call_expression" and outer.child_by_field_name("function") == parent
            ):
                return _method_effect(text(parent.child_by_field_name("field")))
            child, parent = parent, outer
            continue
        break
    if parent is None:
        return True, False
    if parent.type == "assignment_expression" and parent.child_by_field_name("left") == child:
        return text(parent.child_by_field_name("operator")) != "=", True
    if parent.type == "update_expression":
        return True, True
    if parent.type == "init_declarator" and parent.child_by_field_name("value") == child:
        return True, binds_mutable_reference(parent)  # `Cell &c = cells[i];` writes through c
    call = _enclosing_call(child)
    if call is not None and bare_call_name(call[0].child_by_field_name("function")) == "swap":
        return True, True
    return True, False


def binds_mutable_reference(init: Node) -> bool:
    """Whether an init_declarator declares a non-const reference (`T &r = ...`, `auto &r`)."""
    declarator = init.child_by_field_name("declarator")
    if declarator is None or declarator.type != "reference_declarator":
        return False
    declaration = init.parent
    return declaration is None or not any(
        c.type == "type_qualifier" and text(c) == "const" for c in declaration.children
    )


def _is_address(node: Node, arrays: set[str]) -> bool:
    """An array parameter itself, or an iterator or pointer into one (`v.begin()`, `x`)."""
    node = strip_parens(node)
    if node.type == "identifier":
        return text(node) in arrays
    if node.type == "call_expression":
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "field_expression":
            return text(callee.child_by_field_name("field")) in ITERATOR_METHODS
        return bare_call_name(callee) in PASS_THROUGH_CALLS
    return False


def _call_effect(call: Node, args: list[Node], child: Node, owner: str) -> tuple[bool, bool] | None:
    """(read, written) for elements handed to a call as `child`; None for no element access
    (a size, or a position in the owner's own method: `out.insert(out.end(), ...)`)."""
    callee = call.child_by_field_name("function")
    if callee is not None and callee.type == "field_expression":
        target = strip_parens(callee.child_by_field_name("argument") or callee)
        if target.type == "identifier" and text(target) == owner:
            return None
        return True, True
    name = bare_call_name(callee)
    if name in NO_ACCESS_CALLS:
        return None
    if name in READ_ONLY_CALLS:
        return True, False
    if name in WRITE_ONLY_CALLS:
        return False, True
    if name in _WRITES_FIRST_ARG:
        return (False, True) if args and args[0] == child else (True, False)
    return True, True  # a helper, a lambda, std::sort, std::transform, std::copy ...


_CONTAINERS = re.compile(r"(std::)?(vector|basic_string|string|deque|list|set|multiset|"
                         r"unordered_set|unordered_multiset|valarray|array)\b")


def _constructor_effect(init: Node) -> tuple[bool, bool]:
    """A local built from an array (`std::vector<float> copy(x, x + n)`): a standard container
    copies (reads); any other type may keep a pointer into it (`std::span<float> s(x, n)`)."""
    declaration = init.parent
    type_node = declaration.child_by_field_name("type") if declaration is not None else None
    spelled = text(type_node)
    return (True, False) if _CONTAINERS.match(spelled) else (True, True)


def escape(node: Node, owner: str, arrays: set[str]) -> tuple[bool, bool] | None:
    """(read, written) through an address of `owner`'s elements (`x`, `v.data()`, `v.begin()`,
    `x + k`, `&x[k]`), followed through pointer arithmetic and iterator calls; None when it is
    only compared or measured."""
    child, parent = node, node.parent
    while parent is not None:
        kind = parent.type
        if kind in ("parenthesized_expression", "cast_expression"):
            child, parent = parent, parent.parent
            continue
        if kind == "binary_expression" and text(parent.child_by_field_name("operator")) in "+-":
            sides = [parent.child_by_field_name(f) for f in ("left", "right")]
            other = [s for s in sides if s is not None and s != child]
            if text(parent.child_by_field_name("operator")) == "-" and other and (
                _is_address(other[0], arrays)
            ):
                return None  # `v.end() - v.begin()`: a distance
            child, parent = parent, parent.parent
            continue
        if kind in ("argument_list", "initializer_list") and parent.parent is not None and (
            parent.parent.type == "init_declarator"
        ):
            return _constructor_effect(parent.parent)
        call = _enclosing_call(child)
        if call is not None:
            callee = call[0].child_by_field_name("function")
            if callee is not None and callee.type != "field_expression" and (
                bare_call_name(callee) in PASS_THROUGH_CALLS
            ):
                child, parent = call[0], call[0].parent
                continue
            return _call_effect(call[0], call[1], child, owner)
        if kind == "pointer_expression" and text(parent.child_by_field_name("operator")) == "*":
            return context_of(parent)
        if kind == "subscript_expression" and parent.child_by_field_name("argument") == child:
            return context_of(parent)
        if kind == "init_declarator" and parent.child_by_field_name("value") == child:
            return True, True  # a local pointer or iterator: what is done with it is unseen
        if kind == "assignment_expression" and parent.child_by_field_name("right") == child:
            return True, True
        return None
    return None


def _range_end(node: Node) -> Node | None:
    """`n` when `node` is `x + n` ending a range whose start is `x`: `std::sort(x, x + n)`."""
    parent = node.parent
    if parent is None or parent.type != "binary_expression":
        return None
    if text(parent.child_by_field_name("operator")) != "+" or (
        parent.child_by_field_name("left") != node
    ):
        return None
    arguments = parent.parent  # of a call, or of a constructor: `std::vector<float> a(x, x + n)`
    if arguments is None or arguments.type != "argument_list":
        return None
    args = [c for c in arguments.named_children if c.type != "comment"]
    at = args.index(parent)
    if at == 0 or strip_parens(args[at - 1]).type != "identifier":
        return None
    return parent.child_by_field_name("right") if text(args[at - 1]) == text(node) else None


def _method_access(node: Node, param: Param, arrays: set[str]) -> Access | None:
    """`v.method(...)`: by the method's name (see the module docstring)."""
    field = node.parent
    assert field is not None
    call = field.parent
    if call is None or call.type != "call_expression" or (
        call.child_by_field_name("function") != field
    ):
        return None
    method = text(field.child_by_field_name("field"))
    args = call.child_by_field_name("arguments")
    first = args.named_children[0] if args is not None and args.named_children else None
    if method in NO_ACCESS_METHODS:
        return None
    if method in ITERATOR_METHODS:
        effect = escape(call, param.name, arrays)
        return None if effect is None else Access(call, None, False, *effect)
    if method in READ_METHODS:
        read, written = context_of(call)
        index = first if method == "at" else None
        return Access(call, index, method == "front", read, written, peek=method != "at")
    growable = param.kind in GROWABLE_KINDS and not param.is_const
    if growable and method in DISCARDING_METHODS | APPENDING_METHODS | SHRINKING_METHODS:
        return Access(call, None, False, method in SHRINKING_METHODS, True, grows=True)
    return Access(call, None, False, True, True)


def _object_access(node: Node, param: Param, arrays: set[str]) -> Access | None:
    """A std::vector, std::array or std::string used by name."""
    parent = node.parent
    if parent is None:
        return None
    growable = param.kind in GROWABLE_KINDS and not param.is_const
    if parent.type == "field_expression" and parent.child_by_field_name("argument") == node:
        return _method_access(node, param, arrays)
    if parent.type == "assignment_expression" and parent.child_by_field_name("left") == node:
        op = text(parent.child_by_field_name("operator"))
        if growable and op in ("=", "+="):  # a new value, or appending to a string
            return Access(parent, None, False, False, True, grows=True)
        return Access(parent, None, False, op != "=", True)
    if parent.type == "init_declarator" and parent.child_by_field_name("value") == node:
        # a copy reads; a reference may write
        return Access(node, None, False, True, binds_mutable_reference(parent))
    if parent.type == "for_range_loop" and parent.child_by_field_name("right") == node:
        declarator = parent.child_by_field_name("declarator")
        const = any(text(c) == "const" for c in parent.children if c.type == "type_qualifier")
        writes = declarator is not None and declarator.type == "reference_declarator" and not const
        return Access(node, None, False, True, writes)
    call = _enclosing_call(node)
    if call is not None:
        effect = escape(node, param.name, arrays)
        return None if effect is None else Access(node, None, False, *effect)
    if parent.type in ("binary_expression", "unary_expression", "return_statement",
                       "conditional_expression", "argument_list", "initializer_list"):
        return Access(node, None, False, True, False)  # `s == t`, `s + "x"`, a copy
    return None


def _pointer_access(node: Node, param: Param, arrays: set[str]) -> Access | None:
    """A pointer or C array used by name, not subscripted: handed on, or compared."""
    effect = escape(node, param.name, arrays)
    if effect is None:
        return None
    end = _range_end(node)
    return Access(node, end, False, *effect, exclusive=end is not None)


def _name_access(node: Node, param: Param, arrays: set[str]) -> Access | None:
    if param.kind == ParamKind.SCALAR_REF:
        parent = node.parent
        if parent is not None and parent.type == "pointer_expression" and (
            text(parent.child_by_field_name("operator")) == "&"
        ):  # `&out` handed on
            return Access(node, None, True, *(escape(parent, param.name, arrays) or (True, False)))
        call = _enclosing_call(node)
        if call is not None and bare_call_name(call[0].child_by_field_name("function")) not in (
            READ_ONLY_CALLS
        ):
            # maybe bound to a reference parameter of the callee
            return Access(node, None, True, True, not param.is_const)
        return Access(node, None, True, *context_of(node))
    parent = node.parent
    if parent is not None and parent.type == "subscript_expression" and (
        parent.child_by_field_name("argument") == node
    ):
        return None  # counted as a subscript
    if param.kind in OBJECT_KINDS:
        return _object_access(node, param, arrays)
    return _pointer_access(node, param, arrays)


def _deref_access(node: Node, kinds: dict[str, Param]) -> tuple[str, Access] | None:
    """`*a` (as a[0]) and `*(a + k)` (as a[k])."""
    arg = node.child_by_field_name("argument")
    target = unwrap(arg) if arg is not None else None
    if target is not None and target.type == "identifier" and text(target) in kinds:
        if kinds[text(target)].kind in OBJECT_KINDS:
            return None
        return text(target), Access(node, None, True, *context_of(node))
    if target is not None and target.type == "binary_expression":
        base, offset = target.child_by_field_name("left"), target.child_by_field_name("right")
        op = text(target.child_by_field_name("operator"))
        if base is not None and offset is not None and op == "+" and text(base) in kinds:
            return text(base), Access(node, offset, False, *context_of(node))
    return None


def unwrap(node: Node) -> Node:
    """Strip parentheses and casts: `(int)(col[j])` -> `col[j]`."""
    while True:
        node = strip_parens(node)
        value = node.child_by_field_name("value") if node.type == "cast_expression" else None
        if value is None:
            return node
        node = value


def _subscript_access(node: Node, arrays: set[str]) -> Access | None:
    parts = subscript_parts(node)
    if parts is None or parts[0] not in arrays:
        return None
    parent = node.parent
    if parent is not None and parent.type == "pointer_expression" and (
        text(parent.child_by_field_name("operator")) == "&"
    ):
        effect = escape(parent, parts[0], arrays) or (True, False)  # `&x[k]` handed on
        return Access(node, parts[1], False, *effect)
    return Access(node, parts[1], False, *context_of(node))


def collect_accesses(body: Node, params: tuple[Param, ...]) -> dict[str, list[Access]]:
    """Every use of every array-like parameter in the body, in source order."""
    kinds = {p.name: p for p in params if p.kind in ARRAY_KINDS}
    arrays = set(kinds)
    found: dict[str, list[Access]] = {name: [] for name in kinds}
    for node in walk(body):
        access = _subscript_access(node, arrays) if node.type == "subscript_expression" else None
        if access is not None:
            parts = subscript_parts(node)
            assert parts is not None
            found[parts[0]].append(access)
        elif node.type == "pointer_expression" and (
            text(node.child_by_field_name("operator")) == "*"
        ):
            deref = _deref_access(node, kinds)
            if deref is not None:
                found[deref[0]].append(deref[1])
        elif node.type == "identifier" and text(node) in kinds:
            use = _name_access(node, kinds[text(node)], arrays)
            if use is not None:
                found[text(node)].append(use)
        elif node.type == "type_identifier" and text(node) in kinds:
            # `std::vector<float> sorted(edges);` parses as a function declaration whose
            # parameter type is `edges`: it is a copy, a read
            found[text(node)].append(Access(node, None, False, True, False))
    return found


def read_before_growth(uses: list[Access]) -> bool:
    """Whether a grown output's old contents matter: a subscript or a call reads it before
    the first growth ends (`v.erase(std::remove_if(v.begin(), ...))`, `x = v[0]` above a
    push_back), or the first growth is a pop_back/erase. Reads after it see what the function
    wrote; a peek by method (`out.back()` in the loop that pushes) is taken for one of those."""
    growths = [a for a in uses if a.grows]
    if not growths:
        return any(a.read for a in uses)
    first_end = min(a.node.end_byte for a in growths)
    return any(a.read and not a.peek and a.node.start_byte < first_end for a in uses)
