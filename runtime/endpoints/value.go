package endpoints

import "slices"

// kind is the type of a value during evaluation.
type kind uint8

const (
	kUnset   kind = iota // an unset parameter, or a function's empty optional
	kString              // s
	kBool                // b
	kStrings             // rec.list (stringArray parameters, ARN resourceId)
	kRecord              // rec.attrs (partition, ARN, URL)
)

func (k kind) String() string {
	return [...]string{"unset", "string", "boolean", "string array", "record"}[k]
}

// value is one value of the rules language. It is a small plain struct rather
// than an interface so that evaluation does not allocate for strings and
// booleans; arrays and records sit behind a pointer.
type value struct {
	k   kind
	b   bool
	s   string
	rec *record
}

var (
	unset     = value{}
	trueValue = value{k: kBool, b: true}
	falseVal  = value{k: kBool}
)

func boolValue(b bool) value {
	if b {
		return trueValue
	}
	return falseVal
}

func stringValue(s string) value { return value{k: kString, s: s} }

func stringsValue(ss []string) value { return value{k: kStrings, rec: &record{list: ss}} }

// truthy tells whether a condition holding v matches: anything but unset and false.
func (v value) truthy() bool { return v.k != kUnset && (v.k != kBool || v.b) }

// equal compares two values, used by Cache to compare parameter sets.
func (v *value) equal(w *value) bool {
	if v.k != w.k {
		return false
	}
	switch v.k {
	case kString:
		return v.s == w.s
	case kBool:
		return v.b == w.b
	case kStrings:
		return slices.Equal(v.rec.list, w.rec.list)
	case kRecord:
		return v.rec == w.rec
	}
	return true
}

// attr names a record attribute. getAttr paths and template references are
// resolved to attrs when the rule set is parsed, so evaluation compares small
// integers instead of strings. The numbering is part of the binary form (see
// binaryVersion): append, never renumber.
type attr uint8

const (
	attrInvalid attr = iota
	// partition
	attrName
	attrDNSSuffix
	attrDualStackDNSSuffix
	attrSupportsFIPS
	attrSupportsDualStack
	attrImplicitGlobalRegion
	// ARN
	attrPartition
	attrService
	attrRegion
	attrAccountID
	attrResourceID
	// URL
	attrScheme
	attrAuthority
	attrPath
	attrNormalizedPath
	attrIsIP
	numAttrs
)

var attrByName = map[string]attr{
	"name":                 attrName,
	"dnsSuffix":            attrDNSSuffix,
	"dualStackDnsSuffix":   attrDualStackDNSSuffix,
	"supportsFIPS":         attrSupportsFIPS,
	"supportsDualStack":    attrSupportsDualStack,
	"implicitGlobalRegion": attrImplicitGlobalRegion,
	"partition":            attrPartition,
	"service":              attrService,
	"region":               attrRegion,
	"accountId":            attrAccountID,
	"resourceId":           attrResourceID,
	"scheme":               attrScheme,
	"authority":            attrAuthority,
	"path":                 attrPath,
	"normalizedPath":       attrNormalizedPath,
	"isIp":                 attrIsIP,
}

// record holds what does not fit in a value: a structure returned by a
// function (a handful of attributes, looked up by a linear scan that is faster
// than a map at this size), or the strings of an array.
type record struct {
	attrs []attrValue
	list  []string
}

type attrValue struct {
	id attr
	v  value
}

func (r *record) get(id attr) value {
	for i := range r.attrs {
		if r.attrs[i].id == id {
			return r.attrs[i].v
		}
	}
	return unset
}

// pathStep is one step of a getAttr path: an attribute, or an index into an array.
type pathStep struct {
	attr  attr
	index int // when attr is attrInvalid
}

// walk follows path from v; a missing attribute or an index out of range gives unset.
func walk(v value, path []pathStep) value {
	for _, st := range path {
		if st.attr != attrInvalid {
			if v.k != kRecord {
				return unset
			}
			v = v.rec.get(st.attr)
			continue
		}
		if v.k != kStrings || st.index >= len(v.rec.list) {
			return unset
		}
		v = stringValue(v.rec.list[st.index])
	}
	return v
}
