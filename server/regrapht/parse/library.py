"""Names from the C and C++ standard libraries, sorted by what regrapht does with them.

The sequential function may call the standard library freely: the reference is built by the
system compiler, which knows it. These lists only say which names are *known* (so an
unqualified call to one is not taken for a function missing from the file) and which ones
cannot be tested: I/O, process control, clocks and random numbers.
"""

from __future__ import annotations

import re

# <cmath> names; each also exists with an `f` (float) and `l` (long double) suffix.
_MATH = """
    abs fabs sqrt cbrt exp exp2 expm1 log log2 log10 log1p logb ilogb pow hypot
    sin cos tan asin acos atan atan2 sinh cosh tanh asinh acosh atanh erf erfc tgamma lgamma
    floor ceil round lround llround trunc rint lrint llrint nearbyint fmod remainder remquo
    fmin fmax fdim fma copysign nextafter nexttoward frexp ldexp modf scalbn scalbln nan
    isnan isinf isfinite isnormal signbit fpclassify isgreater isgreaterequal isless
    islessequal islessgreater isunordered sincos
"""
_C_LIBRARY = """
    labs llabs div ldiv lldiv atoi atol atoll atof strtol strtoll strtoul strtoull strtof
    strtod strtold qsort bsearch malloc calloc realloc free aligned_alloc
    memcpy memmove memset memcmp memchr strlen strnlen strcmp strncmp strcpy strncpy strcat
    strncat strchr strrchr strstr strspn strcspn strpbrk strdup
    isalnum isalpha isblank iscntrl isdigit isgraph islower isprint ispunct isspace isupper
    isxdigit tolower toupper assert offsetof
    static_cast const_cast reinterpret_cast dynamic_cast
"""
# std:: names a file may call unqualified (after `using namespace std;`, or found through
# argument-dependent lookup): algorithms, numerics, utilities and container types.
_STD = """
    min max minmax clamp swap exchange move forward ref cref
    sort stable_sort partial_sort partial_sort_copy nth_element is_sorted is_sorted_until
    transform reduce accumulate inner_product transform_reduce partial_sum inclusive_scan
    exclusive_scan transform_inclusive_scan transform_exclusive_scan adjacent_difference iota
    fill fill_n copy copy_n copy_if copy_backward move_backward swap_ranges iter_swap
    find find_if find_if_not find_end find_first_of adjacent_find search search_n count count_if
    all_of any_of none_of for_each for_each_n min_element max_element minmax_element equal
    mismatch lower_bound upper_bound binary_search equal_range reverse reverse_copy rotate
    rotate_copy unique unique_copy remove remove_if remove_copy remove_copy_if replace
    replace_if replace_copy replace_copy_if generate generate_n shuffle merge inplace_merge
    set_union set_intersection set_difference set_symmetric_difference includes partition
    stable_partition partition_copy partition_point is_partitioned next_permutation
    prev_permutation is_permutation lexicographical_compare make_heap push_heap pop_heap
    sort_heap is_heap gcd lcm midpoint lerp popcount countl_zero countr_zero bit_width
    bit_ceil bit_floor rotl rotr has_single_bit distance advance next prev begin end cbegin
    cend rbegin rend size ssize data empty make_pair make_tuple tie get tuple_cat apply invoke
    to_string stoi stol stoll stoul stoull stof stod stold real imag conj norm arg polar proj
    vector array string pair tuple complex numeric_limits function optional variant
    unordered_map unordered_set map set multimap multiset queue priority_queue stack deque
    list bitset greater less plus minus multiplies divides modulus negate equal_to
    not_equal_to greater_equal less_equal logical_and logical_or logical_not bit_and bit_or
    bit_xor identity back_inserter inserter front_inserter make_unique make_shared
"""


def words(block: str) -> frozenset[str]:
    """A whitespace-separated list of names as a set."""
    return frozenset(block.split())


MATH_FUNCTIONS = words(_MATH) | {f"{n}{s}" for n in words(_MATH) for s in ("f", "l")}
C_FUNCTIONS = MATH_FUNCTIONS | words(_C_LIBRARY)
STD_NAMES = words(_STD)
# Algorithms that walk a whole range: a function whose only loop is one of these still has
# work to parallelise (`std::transform(x.begin(), x.end(), y.begin(), f);`).
RANGE_ALGORITHMS = words("""
    accumulate reduce transform_reduce inner_product transform for_each inclusive_scan
    exclusive_scan partial_sum adjacent_difference iota fill copy copy_if count count_if find
    find_if any_of all_of none_of min_element max_element minmax_element sort stable_sort
    nth_element partial_sort lower_bound upper_bound binary_search unique reverse
    transform_inclusive_scan transform_exclusive_scan generate replace replace_if remove_if
""")

# Calls that cannot be tested, each with why and what to write instead (unqualified or std::).
# C's `remove(path)` is left out: `std::remove` is also the algorithm of the erase-remove idiom.
IO_FUNCTIONS = words("""
    printf fprintf sprintf snprintf vprintf vfprintf vsprintf vsnprintf wprintf fwprintf puts
    fputs putchar fputc putc scanf fscanf sscanf vscanf getchar getc fgetc fgets gets ungetc
    fopen freopen fclose fread fwrite fflush perror fseek ftell rewind fgetpos fsetpos feof
    ferror clearerr setbuf setvbuf tmpfile tmpnam rename getline open close read write
    mkdir rmdir unlink
""")
PROCESS_FUNCTIONS = words("""
    exit _Exit quick_exit abort atexit at_quick_exit terminate system getenv setenv putenv
    unsetenv raise signal sleep usleep nanosleep sleep_for sleep_until fork popen pclose
    setjmp longjmp execv execvp execl execlp
""")
RANDOM_FUNCTIONS = words("""
    rand srand random srandom rand_r drand48 erand48 lrand48 nrand48 mrand48 jrand48 srand48
    arc4random getrandom random_device
""")
CLOCK_FUNCTIONS = words("time clock gettimeofday clock_gettime timespec_get now")
# Stream and file names (objects and types): any use of one is I/O.
IO_NAMES = words("""
    cout cerr clog cin wcout wcerr wclog wcin endl flush ifstream ofstream fstream istream
    ostream iostream stringstream istringstream ostringstream filebuf streambuf FILE stdin
    stdout stderr filesystem
""")

# Identifiers from standard headers that read like globals but are constants.
STANDARD_CONSTANTS = words("""
    NULL nullptr true false INFINITY NAN HUGE_VAL HUGE_VALF HUGE_VALL EXIT_SUCCESS EXIT_FAILURE
    RAND_MAX EOF CHAR_BIT MB_LEN_MAX FP_NAN FP_INFINITE FP_ZERO FP_SUBNORMAL FP_NORMAL errno
    __FILE__ __LINE__ __func__
""")
_CONSTANT_PATTERNS = re.compile(
    r"(?:S?CHAR|UCHAR|W?CHAR|SHRT|USHRT|INT|UINT|LONG|ULONG|LLONG|ULLONG|SIZE|SSIZE|PTRDIFF"
    r"|INTMAX|UINTMAX|INTPTR|UINTPTR|SIG_ATOMIC|WINT|U?INT(?:_LEAST|_FAST)?\d+)_(?:MAX|MIN)"
    r"|(?:FLT|DBL|LDBL)_\w+|M_\w+|U?INT\d+_C"
)


def is_standard_constant(name: str) -> bool:
    """INT_MAX, FLT_EPSILON, M_PI, UINT64_MAX and their kin (macros of standard headers)."""
    return name in STANDARD_CONSTANTS or _CONSTANT_PATTERNS.fullmatch(name) is not None


def is_library_function(name: str) -> bool:
    """A C library function, a std:: name callable unqualified, or a compiler builtin."""
    return name in C_FUNCTIONS or name in STD_NAMES or name.startswith("__builtin_")


def untestable(name: str, scope: tuple[str, ...] = ()) -> str | None:
    """Why a call to `name` (from std:: or the C library) cannot be tested, or None.

    `scope` holds the qualifiers before the name (`("std", "chrono", "steady_clock")`).
    """
    streams = [s for s in scope if s in IO_NAMES]
    if name in IO_FUNCTIONS or name in IO_NAMES or streams:
        return (
            f"does I/O ({streams[0] if streams else name}), which cannot run on the GPU and "
            "whose effects regrapht cannot compare; move the I/O out of the function, to its "
            "caller"
        )
    if name in PROCESS_FUNCTIONS:
        return (
            f"calls {name}, which controls the process or reads its environment and cannot run "
            "on the GPU or inside the test harness; return early or report errors through an "
            "output parameter, and pass settings in as parameters"
        )
    if name in RANDOM_FUNCTIONS:
        return (
            f"uses {name}, whose values differ between the sequential and the GPU version, so "
            "their outputs cannot be compared; draw the random numbers outside the function and "
            "pass them in as an input array"
        )
    if name in CLOCK_FUNCTIONS and (name != "now" or "chrono" in scope):
        return (
            f"reads the clock ({name}), which makes the result differ from run to run; measure "
            "time outside the function, or pass the value in as a parameter"
        )
    return None
