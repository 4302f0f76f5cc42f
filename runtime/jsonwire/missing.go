package jsonwire

import (
	"strconv"
	"strings"
)

// Required members held by value.
//
// A generated Go type holds a required string, number, boolean or timestamp by value,
// so once decoded an absent member and one sent as "" (or 0, false) look the same. A
// server must tell them apart: the first is a missing member, the second may be valid.
// Generated decoders therefore note which required members an object lacked, and
// where: the decoder of a structure reports the members it did not find with
// MissingOf, and each decoder that holds a nested value (a member, a list element, a
// map value) puts its own step in front of the paths reported while that value was
// decoded, between MissingMark and MissingIn, MissingAt or MissingAtKey. The paths
// read like a validate.Checker's, JSON pointers over the model's member names:
// /tags/0/value, /items/k/name (a "~" in a name or key is written "~0", a "/" "~1").
//
// Nothing is recorded unless TrackMissing is set, so a client decoding a response pays
// only for a compare per object.

// MissingOf records, when TrackMissing is set, the members of the object just decoded
// that were required and absent: names[i] is absent when bit i of seen is clear.
func (d *Decoder) MissingOf(seen uint64, names ...string) {
	if !d.TrackMissing {
		return
	}
	for i, n := range names {
		if seen&(1<<uint(i)) == 0 {
			d.missing = append(d.missing, "/"+pointerToken(n))
		}
	}
}

// Missing records, when TrackMissing is set, that required member name is absent.
func (d *Decoder) Missing(name string) {
	if d.TrackMissing {
		d.missing = append(d.missing, "/"+pointerToken(name))
	}
}

// MissingMark returns the number of absent members recorded so far, to pass to
// MissingIn, MissingAt or MissingAtKey once a nested value is decoded.
func (d *Decoder) MissingMark() int { return len(d.missing) }

// MissingIn puts member name in front of the paths recorded since mark.
func (d *Decoder) MissingIn(mark int, name string) {
	if mark < len(d.missing) {
		d.prefixMissing(mark, "/"+pointerToken(name))
	}
}

// MissingAt puts list index i in front of the paths recorded since mark.
func (d *Decoder) MissingAt(mark, i int) {
	if mark < len(d.missing) {
		d.prefixMissing(mark, "/"+strconv.Itoa(i))
	}
}

// MissingAtKey puts map key k in front of the paths recorded since mark; with
// sensitive set the key shows as (sensitive), as a validate.Checker shows it.
func (d *Decoder) MissingAtKey(mark int, k string, sensitive bool) {
	if mark < len(d.missing) {
		seg := "/(sensitive)"
		if !sensitive {
			seg = "/" + pointerToken(k)
		}
		d.prefixMissing(mark, seg)
	}
}

func (d *Decoder) prefixMissing(mark int, seg string) {
	for i := mark; i < len(d.missing); i++ {
		d.missing[i] = seg + d.missing[i]
	}
}

// MissingPaths returns the paths of the absent required members recorded since the
// last Reset; the slice is the decoder's until then.
func (d *Decoder) MissingPaths() []string { return d.missing }

// pointerToken escapes s as a token of a JSON pointer ("~" as "~0", "/" as "~1").
func pointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
