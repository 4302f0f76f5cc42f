package emit

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	long := "The thing is described in a sentence that goes on well beyond the eighty columns a comment line should fit in."
	for _, c := range []struct{ in, want string }{
		{"short", "short"},
		{long, "The thing is described in a sentence that goes on well beyond the eighty columns\na comment line should fit in."},
		{"a\n\n" + long, "a\n\nThe thing is described in a sentence that goes on well beyond the eighty columns\na comment line should fit in."},
		// lines a break would change stay whole
		{"  - " + long, "  - " + long},
		{"\t" + long, "\t" + long},
		{"# " + long, "# " + long},
		{"[GetRole]: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html", "[GetRole]: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html"},
		{"[a long link text with spaces]: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html", "[a long link text with spaces]: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html"},
		// not link definitions
		{"[Note]: " + long, "[Note]: The thing is described in a sentence that goes on well beyond the eighty\ncolumns a comment line should fit in."},
		{strings.Repeat("x", 90), strings.Repeat("x", 90)},
		// a paragraph is filled as one: a break in the source text leaves no word alone
		{"BaseEndpoint overrides the endpoint (\"https://localhost:8080\"); empty resolves it\nfrom the service's endpoint rules.",
			"BaseEndpoint overrides the endpoint (\"https://localhost:8080\"); empty resolves\nit from the service's endpoint rules."},
		{"a\nb\n\nc\n  - d\ne\n# f\ng", "a b\n\nc\n  - d\ne\n# f\ng"},
		// lines already filled are kept, the others of their paragraph filled
		{long[:80] + "\n" + long[81:] + "\nand\nmore", long[:80] + "\n" + long[81:] + " and more"},
		{"short line\n" + long, "short line The thing is described in a sentence that goes on well beyond the\neighty columns a comment line should fit in."},
		{long[:80] + "\n  - item", long[:80] + "\n  - item"},
		// columns are runes, not bytes
		{strings.Repeat("–", 70) + " wraps not before here", strings.Repeat("–", 70) + " wraps not\nbefore here"},
		// a link's text is never split
		{"For more information about the roles of a user, see the very long page, [IAM roles] in the Guide.", "For more information about the roles of a user, see the very long page,\n[IAM roles] in the Guide."},
	} {
		if got := wrap(c.in, 80); got != c.want {
			t.Errorf("wrap(%q):\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
