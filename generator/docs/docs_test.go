package docs

import (
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"unicode/utf8"
)

type godocCase struct {
	name string
	in   string
	want string
}

func runGodocCases(t *testing.T, cases []godocCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Godoc(tc.in)
			if got != tc.want {
				t.Errorf("Godoc(%q)\ngot:\n%s\n----\nwant:\n%s\n----\ngot  %q\nwant %q", tc.in, got, tc.want, got, tc.want)
			}
			if err := checkOutput(got); err != "" {
				t.Error(err)
			}
		})
	}
}

func TestGodocParagraphs(t *testing.T) {
	runGodocCases(t, []godocCase{
		{"empty", "", ""},
		{"blank", " \n\t ", ""},
		{"empty paragraphs", "<p></p><p> </p><br/>", ""},
		{"plain text", "Hello   world\n\tagain", "Hello world again"},
		{"one paragraph", "<p>Returns the <b>thing</b>.</p>", "Returns the thing."},
		{"paragraphs", "<p>One.</p> <p>Two.</p>", "One.\n\nTwo."},
		{"br and div", "a<br>b<br/>c<div>d</div>e", "a\n\nb\n\nc\n\nd\n\ne"},
		{"blank line", "First line\nsame paragraph.\n \nSecond.", "First line same paragraph.\n\nSecond."},
		{"self-closing p", "<p/>One<p/>Two", "One\n\nTwo"},
		{"unclosed p", "<p>One<p>Two", "One\n\nTwo"},
		{"whitespace collapsed", "<p>  a \n\t b\u00a0\u00a0c&nbsp;d\u2028e  </p>", "a b c d e"},
		{"inline tags join words", "<p>foo<b>bar</b>baz <i>qux</i>.</p>", "foobarbaz qux."},
		{"unknown tags dropped", "<p><zonbook></zonbook>x<replaceable>{region}</replaceable>y</p>", "x{region}y"},
		{"comment dropped", "a<!-- <p>hidden</p> -->b", "ab"},
		{"fullname", "<fullname>Amazon Simple Queue Service</fullname><p>Welcome.</p>",
			"Amazon Simple Queue Service\n\nWelcome."},
		{"note and important", "<p>Intro.</p><note><p>Careful.</p></note><important>Really.</important>after",
			"Intro.\n\nCareful.\n\nReally.\n\nafter"},
		{"note inline", "Text <note>noted</note> more", "Text\n\nnoted\n\nmore"},
		{"upper case tags", "<P>One<BR>Two</P>", "One\n\nTwo"},
		{"wrap at 80", "<p>" + strings.Repeat("word ", 30) + "</p>",
			strings.TrimSpace(strings.Repeat("word ", 16)) + "\n" +
				strings.TrimSpace(strings.Repeat("word ", 14))},
		{"exactly 80", strings.Repeat("x", 78) + " y z", strings.Repeat("x", 78) + " y\nz"},
		{"long word not split", "<p>see " + strings.Repeat("a", 90) + " end</p>",
			"see\n" + strings.Repeat("a", 90) + "\nend"},
		{"long url not split", "Go to https://example.com/" + strings.Repeat("p/", 40) + " now.",
			"Go to\nhttps://example.com/" + strings.Repeat("p/", 40) + "\nnow."},
		{"runes counted not bytes", strings.Repeat("é", 78) + " ab", strings.Repeat("é", 78) + "\nab"},
		{"heading", "<p>Intro.</p><h2>Behavior</h2><p>Text.</p>", "Intro.\n\n# Behavior\n\nText."},
		{"title-like paragraph becomes heading as gofmt does", "<p>Intro.</p><p><b>Valid Values</b></p><p>Text.</p>",
			"Intro.\n\n# Valid Values\n\nText."},
		{"title-like first paragraph stays", "<p>Valid Values</p><p>Text.</p>", "Valid Values\n\nText."},
		{"sentence stays paragraph", "<p>Intro.</p><p>Valid values.</p><p>Text.</p>",
			"Intro.\n\nValid values.\n\nText."},
		{"table cells", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc"},
		{"curly quotes as godoc reads them", "<p>Use ``null`` or can''t, not ```x```.</p>",
			"Use \u201cnull\u201c or can\u201dt, not ```x```."},
		{"quote runs", "a '''' b ''' c ```` d ` e `` f ``x``` g `<b>`</b>",
			"a \u201d\u201d b \u201d' c ```` d ` e \u201c f \u201cx``` g \u201c"},
	})
}

func TestGodocEntities(t *testing.T) {
	runGodocCases(t, []godocCase{
		{"named", "<p>&lt;tag&gt; &amp; &quot;q&quot; &apos;a&apos;</p>", "<tag> & \"q\" 'a'"},
		{"numeric", "&#39;x&#x27; &#60;y&#62; &#150;", "'x' <y> \u2013"},
		{"placeholder escaped", "<p>arn:aws:s3:&lt;region&gt;:&lt;account-id&gt;</p>", "arn:aws:s3:<region>:<account-id>"},
		{"escaped tag stays text", "<p>The value is &lt;code&gt;null&lt;/code&gt;.</p>", "The value is <code>null</code>."},
		{"unescaped after tags", "&lt;p&gt;a&lt;/p&gt; <p>b</p>", "<p>a</p>\n\nb"},
		{"double escaped document", "&lt;p&gt;Twice &amp;amp; escaped.&lt;/p&gt; &lt;ul&gt;&lt;li&gt;a&lt;/li&gt;&lt;/ul&gt;",
			"Twice & escaped.\n\n  - a"},
		{"line separator entity", "Amazon Web Services&#x2028; Region", "Amazon Web Services Region"},
		{"raw placeholders kept", "<p>Use <region> and <account-id> in <N>.</p>", "Use <region> and <account-id> in <N>."},
		{"less than", "<p>a < b and c<d, x <= 1, 2 > 1</p>", "a < b and c<d, x <= 1, 2 > 1"},
		{"xml example kept", `For DASH, adds <Accessibility schemeIdUri="urn:x" value="caption"/>.`,
			`For DASH, adds <Accessibility schemeIdUri="urn:x" value="caption"/>.`},
		{"stray gt", "<p>a > b></p>", "a > b>"},
		{"tag without end", "text <b then more", "text <b then more"},
		{"tag cut by next tag", "a <b <i>c</i>", "a <b c"},
		{"quoted gt in attribute", `<a title="x>y" href="https://e.com">t</a>`, "[t]\n\n[t]: https://e.com"},
	})
}

func TestGodocLists(t *testing.T) {
	runGodocCases(t, []godocCase{
		{"bullets", "<p>Options:</p><ul><li>one</li><li><p>two</p></li></ul><p>After.</p>",
			"Options:\n\n  - one\n  - two\n\nAfter."},
		{"numbered", "<ol><li>first</li><li>second</li></ol>", " 1. first\n 2. second"},
		{"numbered start", `x<ol start="9"><li>nine</li><li>ten</li></ol>`, "x\n\n 9. nine\n 10. ten"},
		{"list only", "<ul><li>a</li></ul>", "  - a"},
		{"continuation lines", "<ul><li>" + strings.Repeat("word ", 20) + "</li></ul>",
			"  - " + strings.TrimSpace(strings.Repeat("word ", 15)) + "\n    " + strings.TrimSpace(strings.Repeat("word ", 5))},
		{"item with paragraphs makes a loose list", "<ul><li><p>a</p><p>a2</p></li><li>b</li></ul>",
			"  - a\n\n    a2\n\n  - b"},
		{"nested same kind flattens", "<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>",
			"  - a\n  - a1\n  - a2\n  - b"},
		{"nested item without own text", "<ul><li><ul><li>x</li></ul></li><li><ul><li>y</li></ul></li></ul>",
			"  - x\n  - y"},
		{"nested other kind indents", "<ol><li>first<ul><li>sub a</li><li>sub b</li></ul>tail</li><li>second</li></ol>",
			" 1. first\n    - sub a\n    - sub b\n    tail\n 2. second"},
		{"nested numbered in bullets", "<ul><li>x<ol><li>one</li><li>two</li></ol></li></ul>",
			"  - x\n    1. one\n    2. two"},
		{"nested other kind first", "<ul><li><ol><li>one</li></ol></li></ul>", "  - 1. one"},
		{"adjacent lists join", "<ul><li>a</li></ul><ul><li>b</li></ul>", "  - a\n  - b"},
		{"empty items skipped", "<ol><li></li><li>a</li><li> </li><li>b</li></ol>", " 1. a\n 2. b"},
		{"stray li", "text<li>a</li><li>b</li>after", "text\n\n  - a\n  - b\n\nafter"},
		{"unclosed list", "<ul><li>a<li>b", "  - a\n  - b"},
		{"marker word never starts a line", "<ul><li>" + strings.Repeat("x", 72) + " y - z</li></ul>",
			"  - " + strings.Repeat("x", 72) + " y -\n    z"},
		{"number word never starts a line", "<ol><li>" + strings.Repeat("x", 73) + " 2. z</li></ol>",
			" 1. " + strings.Repeat("x", 73) + " 2.\n    z"},
		{"definition list", "<dl><dt>BEST_FIT</dt><dd><p>Picks the best.</p></dd><dt>SPOT</dt><dd>Cheap.</dd></dl>",
			"  - BEST_FIT\n\n    Picks the best.\n\n  - SPOT\n\n    Cheap."},
		{"list between paragraphs", "<p>a</p><ul><li>b</li></ul>c", "a\n\n  - b\n\nc"},
	})
}

func TestGodocLinks(t *testing.T) {
	runGodocCases(t, []godocCase{
		{"link", `<p>See <a href="https://docs.aws.amazon.com/x.html">the guide</a>.</p>`,
			"See [the guide].\n\n[the guide]: https://docs.aws.amazon.com/x.html"},
		{"dedup and order", `<a href="https://b">B</a> <a href="https://a">A</a> <a href="https://b">B</a>`,
			"[B] [A] [B]\n\n[B]: https://b\n[A]: https://a"},
		{"same text other url", `<a href="https://a/1">doc</a>, <a href="https://a/2">doc</a>, <a href="https://a/3">doc</a>, <a href="https://a/2">doc</a>`,
			"[doc], [doc (2)], [doc (3)], [doc (2)]\n\n[doc]: https://a/1\n[doc (2)]: https://a/2\n[doc (3)]: https://a/3"},
		{"empty text uses url", `see <a href="https://e.com/x"></a>.`, "see [https://e.com/x].\n\n[https://e.com/x]: https://e.com/x"},
		{"brackets in text", `<a href="https://e.com">list [a] ]x[</a>`, "[list (a) )x(]\n\n[list (a) )x(]: https://e.com"},
		{"whitespace around text", `a<a href="https://e.com"> b </a>c`, "a [b] c\n\n[b]: https://e.com"},
		{"no space around text", `a<a href="https://e.com">b</a>c`, "a[b]c\n\n[b]: https://e.com"},
		{"no href", `Call <a>ListThings</a> first.`, "Call ListThings first."},
		{"empty href", `the <a href="">--volume</a> option`, "the --volume option"},
		{"fragment href", `the <a href="#x">section</a>`, "the section"},
		{"relative href kept", `see <a href="/kinesis/latest/dev/x.html">Fan-Out</a>.`, "see Fan-Out (/kinesis/latest/dev/x.html)."},
		{"relative href without text", `see <a href="/x.html"></a>.`, "see /x.html."},
		{"other scheme kept as text", `bucket <a href="s3://b/k">k</a>`, "bucket k (s3://b/k)"},
		{"entities in href", `<a href="https://e.com/?a=1&amp;b=2">q</a>`, "[q]\n\n[q]: https://e.com/?a=1&b=2"},
		{"single-quoted and unquoted href", `<a href='https://a'>a</a> <a class=x href=https://b>b</a>`,
			"[a] [b]\n\n[a]: https://a\n[b]: https://b"},
		{"scheme case", `<a href="HTTPS://E.com/A">a</a>`, "[a]\n\n[a]: https://E.com/A"},
		{"spaces in href", `<a href=" https://e.com/a b ">a</a>`, "[a]\n\n[a]: https://e.com/a%20b"},
		{"link text wraps", strings.Repeat("x", 70) + ` <a href="https://e.com">two words</a>`,
			strings.Repeat("x", 70) + " [two\nwords]\n\n[two words]: https://e.com"},
		{"link with code", `<a href="https://e.com"><code>GetItem</code></a> returns`, "[GetItem] returns\n\n[GetItem]: https://e.com"},
		{"link in list", `<ul><li><a href="https://e.com/a">A</a></li></ul>`, "  - [A]\n\n[A]: https://e.com/a"},
		{"link in heading is text", `<h2><a href="https://e.com">H</a></h2><p>x</p>`, "# H\n\nx"},
		{"unclosed link", `<p>see <a href="https://e.com">guide</p><p>next</p>`, "see [guide]\n\nnext\n\n[guide]: https://e.com"},
		{"nested link", `<a href="https://a">x <a href="https://b">y</a> z</a>`, "[x y] z\n\n[x y]: https://a"},
		{"self-closing link", `<a href="https://a"/> x`, "[https://a] x\n\n[https://a]: https://a"},
		{"url with comment end", `<a href="https://e.com/*/x">p</a> a/*/b`, "[p] a/* /b\n\n[p]: https://e.com/%2A/x"},
	})
}

func TestGodocCode(t *testing.T) {
	runGodocCases(t, []godocCase{
		{"code span", "<p>Set <code>Name</code> to <code>&lt;value&gt;</code>.</p>", "Set Name to <value>."},
		{"pre block", "<p>Example:</p><pre>\n  {\n    \"a\": 1\n  }\n</pre><p>Done.</p>",
			"Example:\n\n\t{\n\t  \"a\": 1\n\t}\n\nDone."},
		{"pre keeps blank lines and tags", "<pre>a <b>b</b>\n\n   c &amp; d<br>e</pre>", "\ta b\n\n\t   c & d\n\te"},
		{"multi-line code is a block", "<p>Policy: <code>{\n  \"Version\": \"1\"\n}</code> end</p>",
			"Policy:\n\n\t{\n\t  \"Version\": \"1\"\n\t}\n\nend"},
		{"one-line code with newlines around", "<code>\n x \n</code>", "x"},
		{"pre in list item", "<ul><li>run:<pre>make\nmake test</pre></li></ul>", "  - run:\n\n    make\n    make test"},
		{"unclosed pre", "<pre>x\n  y", "\tx\n\t  y"},
		{"blank pre", "a<pre>\n \n</pre>b", "a\n\nb"},
	})
}

func TestGodocSafety(t *testing.T) {
	runGodocCases(t, []godocCase{
		{"comment end", "<p>Do not include \"*/\" and a/*/b or */*</p>", "Do not include \"* /\" and a/* /b or * /*"},
		{"comment end across tags", "a*<b>/</b>b", "a* /b"},
		{"line start slashes", "<p>// KMS Key ID</p><p>/* x</p>", "/ / KMS Key ID\n\n/ * x"},
		{"slashes not moved to a line start", strings.Repeat("x", 78) + " //y", strings.Repeat("x", 78) + " //y"},
		{"slashes in list", "<ul><li>// comment</li></ul>", "  - // comment"},
		{"control characters dropped", "a\x00b\x1bc\u200fd\u202ee\ufefff", "abc\u200fdef"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"trailing spaces", "<p>a   </p>  <p>  b</p>   ", "a\n\nb"},
	})
}

func TestSummary(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"<p>Returns a thing. Then more.</p>", "Returns a thing."},
		{"<p>No period</p><p>Second.</p>", "No period"},
		{"<p>Uses e.g. this, i.e. that. Next.</p>", "Uses e.g. this, i.e. that."},
		{"<p>By John F. Kennedy. Next.</p>", "By John F. Kennedy."},
		{"<p>Is it? Yes.</p>", "Is it?"},
		{"<p>Version 1.2 is out. Next.</p>", "Version 1.2 is out."},
		{`<p>See <a href="https://e.com">the guide</a>. More.</p>`, "See the guide."},
		{`<a href="https://a/1">doc</a> <a href="https://a/2">doc</a>.`, "doc doc."},
		{"<h2>Title</h2><p>Body text. More.</p>", "Body text."},
		{"<pre>code</pre>", ""},
		{"<ul><li>First item. Second.</li></ul>", "First item."},
		{"<p>A long\nparagraph " + strings.Repeat("word ", 30) + "end.</p>", "A long paragraph " + strings.Repeat("word ", 30) + "end."},
		{"<p>// x. y</p>", "/ / x."},
		{"<p>a */ b.</p>", "a * / b."},
	} {
		if got := Summary(tc.in); got != tc.want {
			t.Errorf("Summary(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestGodocMalformed feeds broken markup: the output must still be clean.
func TestGodocMalformed(t *testing.T) {
	for _, in := range []string{
		"<", ">", "<<<>>>", "</", "<p", "<p ", "</p", "<a href=", `<a href="x`, `<a href='`,
		"<!--", "<!-- x", "<!---->", "<![CDATA[x]]>", "</li></ul></ol></dl>", "<li>", "<ol><ul><li>",
		"<pre>", "</pre>", "<code>", "</code><code>", "<code>\n\n</code>", "<h2>", "</h2>", "<a>", "</a>",
		"<a href=\"https://x\">", "<a href=\"https://x\"><p>", "<dd><dt>", "<p>&", "&#", "&#x;", "&bogus;",
		strings.Repeat("<ul><li>", 1000), strings.Repeat("<a href=\"https://x\">[", 300),
		strings.Repeat("<code>", 500) + "a\nb" + "</code>", strings.Repeat("<b", 1000), strings.Repeat(`<a x="`, 1000),
	} {
		out := Godoc(in)
		if err := checkOutput(out); err != "" {
			t.Errorf("Godoc(%.40q): %s", in, err)
		}
		if s := Summary(in); strings.Contains(s, "\n") || strings.Contains(s, "*/") {
			t.Errorf("Summary(%.40q) = %q", in, s)
		}
	}
}

// TestGodocLinear feeds inputs that make naive tokenizers quadratic
// (rescanning for a '>', a closing quote, "-->" or "</code>" from every
// '<'). At ~300 KB each, quadratic work would take minutes; linear work
// takes milliseconds.
func TestGodocLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, in := range []string{
		strings.Repeat(`<a x="`, 50000),
		strings.Repeat(`<b `, 50000),
		strings.Repeat(`<code>`, 50000) + "</code>",
		strings.Repeat(`<!--`, 50000),
		strings.Repeat(`<a href="https://x/`, 20000) + `">`,
		strings.Repeat(`<a href="https://a">same</a><a href="https://b">same</a>`, 5000),
		strings.Repeat(`<ul><li>`, 50000),
	} {
		_ = Godoc(in)
	}
}

func TestDeterministic(t *testing.T) {
	in := `<p>See <a href="https://a">x</a> and <a href="https://b">x</a></p><ul><li>a<ol><li>b</li></ol></li></ul>`
	first := Godoc(in)
	for range 20 {
		if got := Godoc(in); got != first {
			t.Fatalf("Godoc is not deterministic:\n%s\n----\n%s", first, got)
		}
	}
}

func FuzzGodoc(f *testing.F) {
	for _, s := range []string{
		"<p>Hello <code>world</code>.</p>",
		`<p>See <a href="https://docs.aws.amazon.com/x.html">the [guide]</a>.</p><ul><li><p>a</p><ul><li>b</li></ul></li></ul>`,
		"<ol><li>one<ul><li>x</li></ul></li></ol><pre>\n  a */ b\n</pre>",
		"&lt;p&gt;double&lt;/p&gt; a < b <region> // x */",
		"<note><p>// KMS Key ID</p></note><dl><dt>A</dt><dd>B</dd></dl><h2>H</h2>",
		"``q`` can''t <a href=\"/rel\">r</a> <a href=\"https://a/*/\"></a>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Godoc(in)
		if err := checkOutput(out); err != "" {
			t.Fatalf("Godoc(%q) = %q: %s", in, out, err)
		}
		if again := Godoc(in); again != out {
			t.Fatalf("Godoc(%q) not deterministic", in)
		}
		s := Summary(in)
		if strings.Contains(s, "\n") || strings.Contains(s, "*/") || strings.HasPrefix(s, "//") || !utf8.ValidString(s) {
			t.Fatalf("Summary(%q) = %q", in, s)
		}
	})
}

// checkOutput returns what is wrong with a Godoc result, or "".
func checkOutput(out string) string {
	if strings.Contains(out, "*/") {
		return "contains */"
	}
	if !utf8.ValidString(out) {
		return "invalid UTF-8"
	}
	if strings.HasSuffix(out, "\n") || strings.HasPrefix(out, "\n") {
		return "leading or trailing newline"
	}
	if strings.Contains(out, "\n\n\n") {
		return "two blank lines in a row"
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "//") {
			return "line starts with //: " + line
		}
		if strings.TrimRight(line, " \t") != line {
			return "trailing space: " + line
		}
	}
	// The text must be a valid Go comment both ways the emitter may
	// write it.
	if out != "" {
		src := "package p\n\n// " + strings.ReplaceAll(out, "\n", "\n// ") + "\nvar X int\n\n/*\n" + out + "\n*/\nvar Y int\n"
		if _, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments); err != nil {
			return "not a valid Go comment: " + err.Error()
		}
	}
	return ""
}

// gofmtDoc returns out as gofmt would reformat it in a doc comment.
func gofmtDoc(out string) string {
	var p comment.Parser
	var pr comment.Printer
	return strings.TrimSuffix(string(pr.Comment(p.Parse(out))), "\n")
}

// TestGodocIsGofmtStable checks the table outputs against gofmt's doc
// comment formatting: generated code is gofmt'ed, so output that gofmt
// would change would not be what ends up in the files.
func TestGodocIsGofmtStable(t *testing.T) {
	for _, in := range []string{
		"<p>Options:</p><ul><li>one</li><li><p>two</p><p>more</p></li></ul><p>After.</p>",
		"<p>x</p><ol><li>first<ul><li>sub a</li></ul>tail</li><li>second</li></ol>",
		`<p>See <a href="https://a/1">doc</a>, <a href="https://a/2">doc</a>.</p><h2>Head</h2><p>Text.</p>`,
		"<p>Intro.</p><p><b>Valid Values</b></p><p>Text.</p><pre>\n  code\n</pre><p>End.</p>",
		"<p>Use ``null`` or can''t.</p>",
		"<p>x</p><dl><dt>A</dt><dd><p>a</p></dd></dl>",
		"<p>a '''' b ''' c ```` d ` e `` f ``` g ``x``` h</p><ul><li>can''t ``q``</li></ul>",
		`<p>x</p><ul><li>a</li></ul><ol><li>b</li></ol><p>y</p>`,
	} {
		out := Godoc(in)
		if got := gofmtDoc(out); got != out {
			t.Errorf("Godoc(%q) changes under gofmt:\n%s\n----\ngofmt:\n%s", in, out, got)
		}
	}
}

// FuzzGodocGofmtStable checks that gofmt leaves the output alone, except
// in the cases godoc cannot represent (see gofmtLimit).
func FuzzGodocGofmtStable(f *testing.F) {
	for _, s := range []string{
		`<p>See <a href="https://e.com/x.html">the [guide]</a>.</p><ul><li><p>a</p><ul><li>b</li></ul></li></ul>`,
		"<ol><li>one<ul><li>x</li></ul></li></ol><pre>\n  a */ b\n</pre>",
		"<note><p>// KMS Key ID</p></note><dl><dt>A</dt><dd>B</dd></dl><h2>H</h2>",
		"``q`` can''t <a href=\"/rel\">r</a> <a href=\"https://a/*/\"></a>",
		"<p>x</p><p>Valid Values</p><p>y</p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Godoc(in)
		if got := gofmtDoc(out); got != out && !gofmtLimit(out) {
			t.Fatalf("Godoc(%q) changes under gofmt:\n%s\n----\ngofmt:\n%s", in, out, got)
		}
	})
}
