// Package querywire writes the form-encoded body of the awsQuery protocol:
// "Action=GetCallerIdentity&Version=2011-06-15&Names.member.1=a", each key and value
// percent-encoded. Generated serializers drive it without reflection.
package querywire

import (
	"strconv"
	"strings"
)

// Form is a form body being written. The zero value is empty and ready to use.
type Form struct{ buf []byte }

// Bytes returns the body written so far.
func (f *Form) Bytes() []byte { return f.buf }

// Add appends key=value.
func (f *Form) Add(key, value string) {
	if len(f.buf) > 0 {
		f.buf = append(f.buf, '&')
	}
	f.buf = appendEscaped(f.buf, key)
	f.buf = append(f.buf, '=')
	f.buf = appendEscaped(f.buf, value)
}

// Key is the key of a member of a structure at prefix ("" at the top level).
func Key(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// Index is the key of element i (0-based) of a list or map at prefix: "prefix.1".
func Index(prefix string, i int) string { return prefix + "." + strconv.Itoa(i+1) }

// Rename replaces the last name of prefix with name: the elements of a flattened list
// whose member has a name of its own ("Tags.Tag" for the list Tags of Tag elements
// becomes "Tag").
func Rename(prefix, name string) string {
	if i := strings.LastIndexByte(prefix, '.'); i >= 0 {
		return prefix[:i+1] + name
	}
	return name
}

// appendEscaped percent-encodes s: everything but the unreserved characters.
func appendEscaped(dst []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', hex[c>>4], hex[c&15])
	}
	return dst
}
