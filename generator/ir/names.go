package ir

import (
	"strings"
	"unicode"
)

// Exported makes a Go identifier of a model name: the first letter upper-cased
// (clusterName → ClusterName), any character that cannot be in an identifier replaced
// by "_", and "X" put before a name that would not start with a letter.
func Exported(name string) string {
	var b strings.Builder
	for i, r := range name {
		switch {
		case i == 0 && unicode.IsLetter(r):
			b.WriteRune(unicode.ToUpper(r))
		case i == 0:
			b.WriteByte('X')
			if unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "X"
	}
	return b.String()
}
