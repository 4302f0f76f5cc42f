package cborwire

import "strconv"

// Required members held by value (as jsonwire records them).
//
// A generated Go type holds a required string, number, boolean or timestamp by value,
// so once decoded an absent member and one sent as "" (or 0, false) look the same. A
// server must tell them apart: the first is a missing member, the second may be valid.
// Generated decoders therefore note which required members an object lacked, and
// where: the decoder of a structure reports the members it did not find with
// MissingOf, and each decoder that holds a nested value (a member, a list element, a
// map value) puts its own step in front of the paths reported while that value was
// decoded, between MissingMark and MissingIn, MissingAt or MissingAtKey. The paths
// read like a validate.Checker's: Tags[0].Value, Items["k"].Name.
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
			d.missing = append(d.missing, n)
		}
	}
}

// Missing records, when TrackMissing is set, that required member name is absent.
func (d *Decoder) Missing(name string) {
	if d.TrackMissing {
		d.missing = append(d.missing, name)
	}
}

// MissingMark returns the number of absent members recorded so far, to pass to
// MissingIn, MissingAt or MissingAtKey once a nested value is decoded.
func (d *Decoder) MissingMark() int { return len(d.missing) }

// MissingIn puts member name in front of the paths recorded since mark.
func (d *Decoder) MissingIn(mark int, name string) { d.prefixMissing(mark, name) }

// MissingAt puts list index i in front of the paths recorded since mark.
func (d *Decoder) MissingAt(mark, i int) {
	if mark < len(d.missing) {
		d.prefixMissing(mark, "["+strconv.Itoa(i)+"]")
	}
}

// MissingAtKey puts map key k in front of the paths recorded since mark; with
// sensitive set the key shows as [(sensitive)], as a validate.Checker shows it.
func (d *Decoder) MissingAtKey(mark int, k string, sensitive bool) {
	if mark < len(d.missing) {
		seg := "[(sensitive)]"
		if !sensitive {
			seg = "[" + strconv.Quote(k) + "]"
		}
		d.prefixMissing(mark, seg)
	}
}

func (d *Decoder) prefixMissing(mark int, seg string) {
	for i := mark; i < len(d.missing); i++ {
		d.missing[i] = joinPath(seg, d.missing[i])
	}
}

// MissingPaths returns the paths of the absent required members recorded since the
// last Reset; the slice is the decoder's until then.
func (d *Decoder) MissingPaths() []string { return d.missing }

// joinPath puts seg (a member name or an [index]) in front of path.
func joinPath(seg, path string) string {
	if path == "" || path[0] == '[' {
		return seg + path
	}
	return seg + "." + path
}
