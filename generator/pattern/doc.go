// Package pattern decides how a model's `pattern` trait can be checked with
// Go's regexp (RE2), and rewrites it where an exact rewrite exists.
//
// # The reference semantics
//
// AWS models write patterns in Java's java.util.regex syntax. A value
// satisfies a pattern when the pattern matches anywhere in it
// (Matcher.find(); regexp's MatchString in Go): patterns are not implicitly
// anchored. The reference is JDK 9 or later (JDK 21 for the Unicode tables)
// with no compile flags. Classify reads the pattern as Java does, computes
// the exact set of code points of every character class, and keeps a piece of
// the source text only where RE2 reads that text as the same thing (checked by
// parsing it with regexp/syntax and comparing the sets). Values are Go
// strings, so code points are Unicode scalar values (a supplementary
// character is one code point to both engines; lone surrogates cannot occur).
//
// Native means the source compiles and means the same in RE2; Translated means
// Go holds a rewrite that accepts exactly the values Java accepts; anything
// that cannot be checked exactly is Unsupported, with the reason.
//
// # Differences that compile in RE2 but mean something else
//
// These are rewritten even in patterns that Go's regexp accepts as written,
// which is why far more than the patterns Go refuses are Translated:
//
//   - `.` in Java matches anything but \n, \r, U+0085, U+2028, U+2029;
//     RE2's `.` excludes only \n. Written [^\n\r\x{85}\x{2028}\x{2029}].
//   - `$` (and `\Z`) in Java, without MULTILINE, matches at the end of input
//     or before a final line terminator (\r\n, \n, \r, U+0085, U+2028, U+2029),
//     but not between a final \r and \n. RE2's `$` matches only at the very
//     end. Where nothing that can consume a line terminator follows it, `$`
//     becomes (?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?\z. That rewrite consumes
//     the terminator, which is harmless at the end of a match. It would wrongly
//     accept "...\r\n" when the match before `$` ends with a consumed \r, so
//     the part before `$` is checked: when it is one character class holding
//     \r, that class is split (C$ → (?:C'(?:\r\n|[…])?|\r(?:\r\n|[\r…])?)\z);
//     when a repeat that can also take the \n ends there, or the \r cannot be
//     last, the plain rewrite is exact; otherwise the pattern is Unsupported.
//     A `$` that must be followed by a character other than a line terminator
//     can never match and becomes a class matching nothing; a `$` followed by
//     something that could consume a terminator is Unsupported.
//   - `\s` in Java includes \x0B (vertical tab), RE2's does not: [[:space:]].
//   - `\v` in Java is vertical whitespace [\n\x0B\f\r\x85\u2028\u2029], RE2's
//     `\v` is \x0B; `\h` (horizontal whitespace) has no RE2 escape. Both are
//     written as classes.
//   - `\b` and `\B`: Java's word characters for boundaries are Unicode letters
//     and digits before JDK 19, and a non-spacing mark after a word character
//     counts as one in every version; RE2's \b is ASCII. Kept where every
//     character that can stand on either side is ASCII (or the edge of the
//     input), decided where the sides are certainly word / non-word
//     characters, Unsupported otherwise.
//   - Nested classes `[a[bc]]`, intersections `[a-z&&[^b]]` and `[[:alpha:]]`
//     (a nested class of ':', 'a', 'l', 'p', 'h' in Java) parse differently in
//     RE2; they are written out as the set Java means (JDK 9+: a leading ^
//     negates the whole class).
//   - `(?i)` folds ASCII only in Java (no UNICODE_CASE); RE2 folds Unicode (K
//     matches U+212A). Letters under (?i) are written as explicit pairs; a
//     \p{...} under (?i) is Unsupported. `(?s)` is kept as (?s:.); other
//     inline flags (d, m, u, x, U) are Unsupported.
//
// # Constructs RE2 rejects
//
//   - `\uXXXX` → \x{XXXX}; a high and a low surrogate escape together are one
//     supplementary code point (as in Java: [\uD800\uDC00-\uDBFF\uDFFF] is
//     U+10000-U+10FFFF). `\u` takes exactly four digits, so `\u10000` is
//     U+1000 followed by '0'. Also octal `\0nnn`, `\cX`, `\e`, escaped
//     non-ASCII characters, and `\Q...\E` quoting (a backslash inside the
//     quote is Unsupported).
//   - Java's POSIX classes are US-ASCII: \p{Alnum}, \p{Alpha}, \p{ASCII},
//     \p{Blank}, \p{Cntrl}, \p{Digit}, \p{Graph}, \p{Lower}, \p{Print},
//     \p{Punct}, \p{Space}, \p{Upper}, \p{XDigit} become the RE2 ASCII classes
//     of the same names ([[:print:]], [^[:alpha:]] for \P{Alpha}, and spliced
//     into enclosing classes). \p{LD} is Java's letter-or-digit, L plus Nd:
//     [\p{L}\p{Nd}]. \p{IsWhitespace} (= \p{IsWhite_Space}) is the Unicode
//     White_Space property, U+0009-000D, 0020, 0085, 00A0, 1680, 2000-200A,
//     2028, 2029, 202F, 205F, 3000; \p{javaWhitespace} is
//     Character.isWhitespace (no U+00A0, U+2007, U+202F, U+0085; with
//     \x1C-\x1F). Other \p{IsX}, \p{javaX}, \p{sc=}, \p{gc=} names follow
//     CharPredicates; blocks (\p{InX}), emoji properties and identifier
//     predicates are Unsupported. Unicode properties use Go's tables
//     (Unicode 15.0, the edition of JDK 21); in Go 1.26 \p{C} includes the
//     unassigned Cn, as Java's does since JDK 9.
//   - Possessive quantifiers: X{n}+ on a fixed-length atom equals X{n}; a
//     possessive quantifier on one character class equals the greedy one when
//     what follows can always match empty, or can only start with characters
//     outside the class (and, before `$`, the class does not hold \r without
//     \n). Everything else is Unsupported.
//   - Lookahead, lookbehind, atomic groups, backreferences, \G, \R, \X, \N{},
//     \b{g}: Unsupported.
//   - Repeat counts over 1000. Because a pattern matches anywhere, a big
//     repeat at the unanchored end (or start) of a top-level branch only
//     needs its minimum: A X{1,4096} matches exactly the values A X matches,
//     and an optional part there can go. An anchored pattern whose whole body
//     is one character with a big repeat, ^X{n,m}\z, becomes ^X*\z or ^X+\z
//     plus a Length check on the whole value. That is not exact with `$`:
//     Java's ^X{1,8192}$ also accepts 8192 X followed by "\n", so such a
//     pattern is written out as consecutive repeats of at most 1000
//     (X{1,1000}X{0,1000}...) when the count is at most 2000, and Unsupported
//     above that (RE2's simulation pays for every counted copy on every input
//     character).
//
// Every Go pattern returned is compiled by Classify; a rewrite that does not
// compile (for example nested repeats over RE2's total of 1000) makes the
// pattern Unsupported for RE2 with the compiler's message.
//
// # Patterns RE2 cannot check
//
// A valid Java pattern that RE2 cannot check exactly is rewritten for regexp2
// (github.com/dlclark/regexp2/v2, RE2 option), a backtracking engine with
// lookaround, atomic groups, backreferences and unbounded counts: Kind
// Backtracking, the rewrite in Go (see backtrackExpr for what is rewritten and
// what is refused). Only what that rewrite refuses stays Unsupported.
// TestBacktrackingAgainstJava compares the rewrites with the installed JDK's
// java.util.regex on generated values.
package pattern
