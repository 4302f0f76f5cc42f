package pattern

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlclark/regexp2/v2"
)

// javaFind is a Java program that answers, for each pattern and value it reads
// (base64 lines: "P <pattern>" then "V <value>"...), whether
// Pattern.compile(pattern).matcher(value).find(): one line of 0s and 1s per pattern.
const javaFind = `import java.util.*; import java.util.regex.*; import java.io.*;
public class Find { public static void main(String[] a) throws Exception {
  BufferedReader r = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
  Base64.Decoder d = Base64.getDecoder(); StringBuilder out = new StringBuilder(); Pattern p = null; String line;
  while ((line = r.readLine()) != null) {
    String s = new String(d.decode(line.substring(2)), "UTF-8");
    if (line.charAt(0) == 'P') { if (p != null) out.append('\n'); p = Pattern.compile(s); }
    else out.append(p.matcher(s).find() ? '1' : '0');
  }
  System.out.println(out);
}}`

// TestBacktrackingAgainstJava runs every Backtracking pattern (the cases above and
// the corpus's) on generated values with Java's java.util.regex (the JDK installed,
// the models' own engine) and with the regexp2 rewrite, and wants the same answers.
// Values mix the pattern's own characters with line terminators, spaces, a letter
// outside ASCII and a non-spacing mark. (For patterns with \b the values hold no
// letter outside ASCII: Java's \b word characters changed in JDK 19, see
// backtrackExpr.) Without javac and java it is skipped, except under CI.
func TestBacktrackingAgainstJava(t *testing.T) {
	needJava(t)
	var patterns []string
	for _, c := range classifyCases {
		if c.kind == Backtracking {
			patterns = append(patterns, c.pattern)
		}
	}
	if path, _ := corpusPath(t); path != "" {
		corpus, err := readCorpusPatterns(path)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, p := range corpus {
			if !seen[p.pattern] && Classify(p.pattern).Kind == Backtracking {
				seen[p.pattern] = true
				patterns = append(patterns, p.pattern)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	values := make([][]string, len(patterns))
	for i, p := range patterns {
		values[i] = javaValues(rng, p)
	}
	sc := runJava(t, patterns, values)
	compared := 0
	for i, p := range patterns {
		if !sc.Scan() || len(sc.Text()) != len(values[i]) {
			t.Fatalf("%q: java's answer is short", p)
		}
		r := Classify(p)
		re, err := regexp2.Compile(r.Go, regexp2.RE2)
		if err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		bad := 0
		for j, v := range values[i] {
			got, err := re.MatchString(v)
			if want := sc.Text()[j] == '1'; got != want || err != nil {
				if bad++; bad <= 3 {
					t.Errorf("%q (regexp2 %q) on %q: Java %v, regexp2 %v %v", p, r.Go, v, want, got, err)
				}
			}
			compared++
		}
	}
	t.Logf("%d backtracking patterns, %d values compared with Java", len(patterns), compared)
}

// needJava skips the test without javac and java, except under CI, where it fails.
func needJava(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("javac"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("javac is required under CI")
		}
		t.Skip("javac is not installed: skipping the comparison with Java")
	}
}

// runJava answers, with Java's java.util.regex, whether each pattern finds a match in
// each of its values: a scanner over one line of 0s and 1s per pattern.
func runJava(t *testing.T, patterns []string, values [][]string) *bufio.Scanner {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Find.java"), []byte(javaFind), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("javac", "-d", dir, filepath.Join(dir, "Find.java")).CombinedOutput(); err != nil {
		t.Fatalf("javac: %v\n%s", err, out)
	}
	var in strings.Builder
	b64 := base64.StdEncoding.EncodeToString
	for i, p := range patterns {
		in.WriteString("P " + b64([]byte(p)) + "\n")
		for _, v := range values[i] {
			in.WriteString("V " + b64([]byte(v)) + "\n")
		}
	}
	cmd := exec.Command("java", "-cp", dir, "Find")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("java: %v", err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(nil, 1<<20)
	return sc
}

// javaValues makes values for pattern p: random strings over its literal characters
// and the characters whose handling differs between engines, and small changes of
// them.
func javaValues(rng *rand.Rand, p string) []string {
	var alphabet []string
	for _, r := range p {
		if r < 0x7f && r >= 0x20 && !strings.ContainsRune(`\[](){}?*+|^$`, r) {
			alphabet = append(alphabet, string(r))
		}
	}
	alphabet = append(alphabet, "\n", "\r", "\r\n", "\u0085", "\u2028", " ", "\t", "\x0b", "a", "Z", "0", "9", "_", "-", ".", ":", "/", "\u0301")
	if !strings.Contains(p, `\b`) && !strings.Contains(p, `\B`) {
		alphabet = append(alphabet, "é", "Ω", "😀")
	}
	values := []string{"", "a", "\n", "\r\n"}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		values = append(values, b.String())
	}
	// numbers and words that the corpus's patterns look for
	for _, v := range []string{"192.168.0.1", "255.255.255.255", "1.2.3.4.5", "2024-01-02T03:04:05Z", "2024-W01-1", "20240102", "aws:x", "arn:x",
		"TSTALIASID", "x TSTALIASID", "a--b", "default.x", "system.x", "abc.git", "00000000-0000-0000-0000-000000000000", "Passw0rd!", "D-abc"} {
		values = append(values, v, v+"\n", " "+v, v+"\u0301")
	}
	return values
}

// lengthSamples are values that match the corpus's length lookaheads (Result.TrimEOL),
// from which TestLengthLookaheadAgainstJava makes values around the length bounds.
// A corpus pattern rewritten so without a sample here fails the test.
var lengthSamples = map[string]string{
	`^(?=.{20,2048}$)arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[a-zA-Z0-9/_+=.@-]+`: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-Pass_1",
	`^.{1,100000}$`: "x",
}

// TestLengthLookaheadAgainstJava runs every pattern rewritten as a length check that
// does not count a final line terminator (the cases above and the corpus's) with
// Java's java.util.regex and with what a generated validator does
// (runtime/validate.Pattern given the rewrite), on values padded or cut to the length
// bounds and around them, ended or broken by each line terminator, and on the
// random values of javaValues.
func TestLengthLookaheadAgainstJava(t *testing.T) {
	needJava(t)
	var patterns []string
	samples := map[string][]string{}
	for _, c := range classifyCases {
		if c.trimEOL {
			patterns = append(patterns, c.pattern)
			samples[c.pattern] = c.match
		}
	}
	if path, _ := corpusPath(t); path != "" {
		corpus, err := readCorpusPatterns(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range corpus {
			if samples[p.pattern] != nil || !Classify(p.pattern).TrimEOL {
				continue
			}
			s, ok := lengthSamples[p.pattern]
			if !ok {
				t.Errorf("%s: %q has no sample in lengthSamples", p.where, p.pattern)
				continue
			}
			patterns = append(patterns, p.pattern)
			samples[p.pattern] = []string{s}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	values := make([][]string, len(patterns))
	for i, p := range patterns {
		r := Classify(p)
		values[i] = append(javaValues(rng, p), aroundLength(samples[p], r.Length.Min, r.Length.Max)...)
	}
	sc := runJava(t, patterns, values)
	compared, matched := 0, 0
	for i, p := range patterns {
		if !sc.Scan() || len(sc.Text()) != len(values[i]) {
			t.Fatalf("%q: java's answer is short", p)
		}
		r := Classify(p)
		bad := 0
		for j, v := range values[i] {
			want := sc.Text()[j] == '1'
			if got := accepts(r, v); got != want {
				if bad++; bad <= 3 {
					t.Errorf("%q (RE2 %q, length %v) on %q: Java %v, validator %v", p, r.Go, *r.Length, short(v), want, got)
				}
			}
			if want {
				matched++
			}
			compared++
		}
	}
	t.Logf("%d length lookaheads, %d values compared with Java (%d matching)", len(patterns), compared, matched)
	if matched == 0 || matched == compared {
		t.Errorf("the values do not exercise both answers: %d of %d match", matched, compared)
	}
}

// aroundLength makes values from matching samples: each padded (with its last
// character, or with a character outside the BMP) or cut to the bounds lo and hi and
// one either side, then each of those as is, ended by each line terminator, ended by
// two, and broken by one in the middle or at the start.
func aroundLength(samples []string, lo, hi int) []string {
	if hi < 0 {
		hi = lo + 40
	}
	var out []string
	for _, s := range samples {
		rs := []rune(s)
		if len(rs) == 0 {
			continue
		}
		for _, n := range []int{lo - 1, lo, lo + 1, hi - 1, hi, hi + 1} {
			if n < 0 {
				continue
			}
			for _, pad := range []rune{rs[len(rs)-1], '😀'} {
				v := rs
				if n < len(v) {
					v = v[:n]
				} else {
					v = append(append([]rune(nil), v...), []rune(strings.Repeat(string(pad), n-len(v)))...)
				}
				base := string(v)
				out = append(out, base, "\n"+base, base+"\n\n", base+"\r\r", base+"\n\r", base+"\r\n\r\n", base+"\nx")
				for _, t := range []string{"\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"} {
					out = append(out, base+t)
				}
				if h := len(v) / 2; h > 0 {
					out = append(out, string(v[:h])+"\n"+string(v[h:]))
				}
			}
		}
	}
	return out
}

// short shortens a long value for a message.
func short(v string) string {
	if len(v) > 80 {
		return fmt.Sprintf("%s...(%d bytes)", v[:80], len(v))
	}
	return v
}
