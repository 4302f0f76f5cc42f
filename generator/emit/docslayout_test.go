package emit_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/svcgen/svcgen/internal/shareddata"
	"golang.org/x/tools/imports"
)

// commentWidth is the column at which generated comment text is wrapped (the
// text after "// ").
const commentWidth = 80

// layoutIssue is one place where a generated comment or import block does not
// read as a person would have written it.
type layoutIssue struct {
	kind string // "orphan", "code" or "imports"
	pos  string
	text string
}

// checkLayout scans the comments and imports of one generated Go file.
//
// An orphan line is a line of one or two words in a paragraph (plain lines, not
// indented, not a heading or link definition; or the lines of one list item at
// its continuation indent) that a wrap at commentWidth would not have made: the
// whole line would have fit on the paragraph's previous line, or the next line's
// first word (a doc link's whole text) would have fit after it. One break is
// reported once. A paragraph's short last line that did not fit on the line
// before, list markers, code and headings are not orphans.
//
// An accidental code block is a block that go/doc/comment parses as code but
// whose lines were not written with a tab: the docs renderer writes intended code
// (<code>/<pre> blocks) tab-indented, as the emitter writes Go examples, while
// list items use spaces and are parsed as lists.
//
// Imports are grouped when the standard library's come first, in one group, and
// the others follow in groups of their own; goimports (formatting only) must
// then leave the file as it is.
func checkLayout(path string, src []byte) ([]layoutIssue, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var issues []layoutIssue
	for _, cg := range f.Comments {
		issues = append(issues, checkComment(fset, cg)...)
	}
	if msg := checkImports(fset, f); msg != "" {
		issues = append(issues, layoutIssue{"imports", path, msg})
	} else if len(f.Imports) > 1 {
		// goimports, formatting only, is the oracle: it would change nothing.
		want, err := imports.Process(path, src, &imports.Options{FormatOnly: true, Comments: true, TabIndent: true, TabWidth: 8})
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(want, src) {
			issues = append(issues, layoutIssue{"imports", path, "goimports would change the file"})
		}
	}
	return issues, nil
}

func checkComment(fset *token.FileSet, cg *ast.CommentGroup) []layoutIssue {
	type line struct {
		raw    string // the comment text after "//"
		text   string // after "// "
		pos    string
		para   int // paragraph number, -1 outside checked paragraphs
		length int // columns of text
		words  int
	}
	var lines []line
	para := 0
	inList := false
	for _, c := range cg.List {
		raw, ok := strings.CutPrefix(c.Text, "//")
		if !ok || strings.HasPrefix(raw, "go:") || strings.HasPrefix(raw, "line ") {
			continue
		}
		text := strings.TrimPrefix(raw, " ")
		body := strings.TrimLeft(text, " \t")
		indent := text[:len(text)-len(body)]
		l := line{raw: raw, text: text, pos: fset.Position(c.Pos()).String(), para: -1,
			length: utf8.RuneCountInString(text), words: len(strings.Fields(body))}
		switch {
		case body == "":
			para++
		case strings.HasPrefix(indent, "\t"): // intended code
			para++
		case indent == "" && (strings.HasPrefix(body, "# ") || isLinkDefLine(body)):
			para++
			inList = false
		case indent != "" && isListMarker(body):
			para++
			inList = true
			l.para = para
			l.words-- // the marker
		case indent != "" && !inList: // code: counted from the parse below
			para++
		default:
			if indent == "" {
				inList = false
			}
			if len(lines) > 0 && lines[len(lines)-1].para == para {
				// same paragraph only while the indentation stays
				prev := lines[len(lines)-1].text
				prevIndent := prev[:len(prev)-len(strings.TrimLeft(prev, " \t"))]
				if isListMarker(strings.TrimLeft(prev, " ")) {
					prevIndent = strings.Repeat(" ", len(prevIndent)+2)
				}
				if len(prevIndent) != len(indent) {
					para++
				}
			}
			l.para = para
		}
		lines = append(lines, l)
	}
	var issues []layoutIssue
	flagged := -2 // the last line reported
	for i, l := range lines {
		if l.para < 0 || l.words > 2 {
			continue
		}
		body := strings.TrimLeft(l.text, " ")
		fitsPrev := i > 0 && lines[i-1].para == l.para && lines[i-1].length+1+utf8.RuneCountInString(body) <= commentWidth
		fitsNext := false
		if i+1 < len(lines) && lines[i+1].para == l.para {
			first := firstUnit(lines[i+1].text)
			fitsNext = l.length+1+utf8.RuneCountInString(first) <= commentWidth
		}
		if fitsPrev && !fitsNext && flagged == i-1 {
			continue // the break before it is reported already
		}
		if fitsPrev || fitsNext {
			flagged = i
			ctx := l.text
			if i > 0 && lines[i-1].para == l.para {
				ctx = lines[i-1].text + "\n" + ctx
			}
			if i+1 < len(lines) && lines[i+1].para == l.para {
				ctx += "\n" + lines[i+1].text
			}
			issues = append(issues, layoutIssue{"orphan", l.pos, ctx})
		}
	}
	// Accidental code blocks: what godoc reads as code that was not written with
	// a tab.
	var raw strings.Builder
	for _, l := range lines {
		raw.WriteString(l.text)
		raw.WriteByte('\n')
	}
	var p comment.Parser
	for _, b := range p.Parse(raw.String()).Content {
		code, ok := b.(*comment.Code)
		if !ok {
			continue
		}
		first, _, _ := strings.Cut(code.Text, "\n")
		found := false
		for _, l := range lines {
			if strings.TrimLeft(l.text, " \t") == strings.TrimLeft(first, " \t") {
				found = true
				if !strings.HasPrefix(l.text, "\t") {
					issues = append(issues, layoutIssue{"code", l.pos, code.Text})
				}
				break
			}
		}
		if !found {
			issues = append(issues, layoutIssue{"code", fset.Position(cg.Pos()).String(), code.Text})
		}
	}
	return issues
}

// firstUnit is the first word of line, or the whole of a doc link's text ("[IAM
// roles]") when the line starts with one: wrapping never splits a link's text.
func firstUnit(line string) string {
	words := strings.Fields(line)
	n := 1
	if strings.Contains(words[0], "[") && !strings.Contains(words[0], "]") {
		for n < len(words) && !strings.Contains(words[n-1], "]") {
			n++
		}
	}
	return strings.Join(words[:n], " ")
}

// isListMarker reports a godoc list item's first line without its indent: "- x",
// "* x", "+ x", "• x" or "1. x".
func isListMarker(body string) bool {
	for _, m := range []string{"- ", "* ", "+ ", "• "} {
		if strings.HasPrefix(body, m) {
			return true
		}
	}
	i := 0
	for i < len(body) && body[i] >= '0' && body[i] <= '9' {
		i++
	}
	return i > 0 && i < len(body)-1 && (body[i] == '.' || body[i] == ')') && body[i+1] == ' '
}

func isLinkDefLine(line string) bool {
	end := strings.Index(line, "]:")
	return strings.HasPrefix(line, "[") && end > 1 && !strings.ContainsAny(strings.TrimPrefix(line[end+2:], " "), " \t")
}

// checkImports returns "" when the file's imports are grouped as goimports
// groups them: the standard library first, then the rest, with a blank line
// between the two.
func checkImports(fset *token.FileSet, f *ast.File) string {
	var prevLine int
	prevStd := true
	group := 0
	stdGroupDone := false
	for _, is := range f.Imports {
		p, _ := strconv.Unquote(is.Path.Value)
		std := !strings.Contains(strings.SplitN(p, "/", 2)[0], ".")
		line := fset.Position(is.Pos()).Line
		if prevLine != 0 && line > prevLine+1 {
			group++
			if prevStd {
				stdGroupDone = true
			}
		}
		switch {
		case std && (stdGroupDone || !prevStd):
			return fmt.Sprintf("standard library import %q after others", p)
		case !std && prevStd && prevLine != 0 && line == prevLine+1:
			return fmt.Sprintf("import %q in the standard library's group", p)
		}
		prevLine, prevStd = line, std
	}
	return ""
}

// TestDocsLayout generates every corpus model (no compiling) and checks every
// generated Go file with checkLayout. The last line printed is "docs-layout: N
// files, M orphan lines, K accidental code blocks, J files with ungrouped
// imports"; the test fails unless M, K and J are 0.
func TestDocsLayout(t *testing.T) {
	services := shareddata.Corpus(t)
	type result struct {
		files  int
		issues []layoutIssue
		err    error
	}
	results := make([]result, len(services))
	forEachParallel(services, func(i int, s shareddata.Service) {
		files, err := generateService(s)
		if err != nil {
			results[i].err = err
			return
		}
		for _, f := range files {
			if !strings.HasSuffix(f.Path, ".go") {
				continue
			}
			results[i].files++
			issues, err := checkLayout(s.Name+"/"+f.Path, f.Data)
			if err != nil {
				results[i].err = err
				return
			}
			results[i].issues = append(results[i].issues, issues...)
		}
	})
	var nfiles int
	count := map[string]int{}
	shown := map[string]int{}
	for i, r := range results {
		if r.err != nil {
			t.Errorf("%s: %v", services[i].Name, r.err)
			continue
		}
		nfiles += r.files
		for _, is := range r.issues {
			count[is.kind]++
			if shown[is.kind]++; shown[is.kind] <= 20 || os.Getenv("DOCSLAYOUT_ALL") != "" {
				t.Errorf("%s %s: %s", is.kind, is.pos, is.text)
			}
		}
	}
	t.Logf("docs-layout: %d files, %d orphan lines, %d accidental code blocks, %d files with ungrouped imports",
		nfiles, count["orphan"], count["code"], count["imports"])
}

// TestCheckLayout shows that checkLayout finds each kind of issue, and leaves
// lists, intended code and well-wrapped paragraphs alone.
func TestCheckLayout(t *testing.T) {
	long := "BaseEndpoint overrides the endpoint (\"https://localhost:8080\"); empty resolves"
	for _, c := range []struct {
		name, src string
		want      []string // kinds found, in order
	}{
		{"orphan before a line it would fit", "// " + long + "\n// it\n// from the service's endpoint rules.\nvar X int\n", []string{"orphan"}},
		{"orphan after a short line", "// decodes and\n// validates\nvar X int\n", []string{"orphan"}},
		{"orphan in a list item", "//   - " + long + "\n//     it\n//     from the rules.\nvar X int\n", []string{"orphan"}},
		{"filled", "// " + long + "\n// it from the service's endpoint rules.\nvar X int\n", nil},
		{"indented text", "// Disables this client's usage of Session Auth for S3Express\n//       buckets and reverts.\nvar X int\n", []string{"code"}},
		{"list", "// Values:\n//\n//   - a\n//\n//     -\n//\n//     b\n//   - c\nvar X int\n", nil},
		{"intended code", "// For example:\n//\n//\tx := 1\n//\tgo f(x)\nvar X int\n", nil},
		{"ungrouped imports", "import (\n\t\"context\"\n\t\"github.com/aws/aws-sdk-go-v2/aws\"\n\t\"sync\"\n)\n\nvar _ = context.Background\nvar _ aws.Config\nvar _ sync.Mutex\n", []string{"imports"}},
		{"std after others", "import (\n\t\"github.com/aws/aws-sdk-go-v2/aws\"\n\n\t\"sync\"\n)\n\nvar _ aws.Config\nvar _ sync.Mutex\n", []string{"imports"}},
		{"grouped imports", "import (\n\t\"context\"\n\t\"sync\"\n\n\t\"github.com/aws/aws-sdk-go-v2/aws\"\n)\n\nvar _ = context.Background\nvar _ aws.Config\nvar _ sync.Mutex\n", nil},
	} {
		issues, err := checkLayout("x.go", []byte("package p\n\n"+c.src))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, is := range issues {
			got = append(got, is.kind)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: found %v, want %v (%v)", c.name, got, c.want, issues)
		}
	}
}
