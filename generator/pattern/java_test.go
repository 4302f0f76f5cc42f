package pattern

import (
	"bufio"
	"encoding/base64"
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
	if _, err := exec.LookPath("javac"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("javac is required under CI")
		}
		t.Skip("javac is not installed: skipping the comparison with Java")
	}
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
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Find.java"), []byte(javaFind), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("javac", "-d", dir, filepath.Join(dir, "Find.java")).CombinedOutput(); err != nil {
		t.Fatalf("javac: %v\n%s", err, out)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	values := make([][]string, len(patterns))
	var in strings.Builder
	b64 := base64.StdEncoding.EncodeToString
	for i, p := range patterns {
		values[i] = javaValues(rng, p)
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
