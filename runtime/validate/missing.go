package validate

import "strconv"

// MissingTracker records the required members a decoded value lacked.
//
// A generated Go type holds a required string, number, boolean or timestamp by value,
// so once decoded an absent member and one sent as "" (or 0, false) look the same. A
// server must tell them apart: the first is a missing member, the second may be valid.
// Generated decoders therefore note which required members an object lacked, and
// where: the decoder of a structure reports the members it did not find with
// MissingOf, and each decoder that holds a nested value (a member, a list element, a
// map value) puts its own step in front of the paths reported while that value was
// decoded, between MissingMark and MissingIn, MissingAt or MissingAtKey. The paths
// read like a Checker's, JSON pointers over the model's member names:
// /tags/0/value, /items/k/name (a "~" in a name or key is written "~0", a "/" "~1").
//
// Nothing is recorded unless TrackMissing is set, so a client decoding a response pays
// only for a compare per object. The wire decoders (jsonwire's and cborwire's) embed a
// MissingTracker, so generated code calls d.MissingOf and the rest on them. The zero
// value records nothing.
type MissingTracker struct {
	// TrackMissing turns the recording on; a server sets it.
	TrackMissing bool
	missing      []string
}

// ResetMissing forgets the paths recorded; TrackMissing is kept.
func (d *MissingTracker) ResetMissing() { d.missing = d.missing[:0] }

// MissingOf records, when TrackMissing is set, the members of the object just decoded
// that were required and absent: names[i] is absent when bit i of seen is clear.
func (d *MissingTracker) MissingOf(seen uint64, names ...string) {
	if !d.TrackMissing {
		return
	}
	for i, n := range names {
		if seen&(1<<uint(i)) == 0 {
			d.missing = append(d.missing, "/"+PointerToken(n))
		}
	}
}

// Missing records, when TrackMissing is set, that required member name is absent.
func (d *MissingTracker) Missing(name string) {
	if d.TrackMissing {
		d.missing = append(d.missing, "/"+PointerToken(name))
	}
}

// MissingMark returns the number of absent members recorded so far, to pass to
// MissingIn, MissingAt or MissingAtKey once a nested value is decoded.
func (d *MissingTracker) MissingMark() int { return len(d.missing) }

// MissingIn puts member name in front of the paths recorded since mark.
func (d *MissingTracker) MissingIn(mark int, name string) {
	if mark < len(d.missing) {
		d.prefixMissing(mark, "/"+PointerToken(name))
	}
}

// MissingAt puts list index i in front of the paths recorded since mark.
func (d *MissingTracker) MissingAt(mark, i int) {
	if mark < len(d.missing) {
		d.prefixMissing(mark, "/"+strconv.Itoa(i))
	}
}

// MissingAtKey puts map key k in front of the paths recorded since mark; with
// sensitive set the key shows as (sensitive), as a validate.Checker shows it.
func (d *MissingTracker) MissingAtKey(mark int, k string, sensitive bool) {
	if mark < len(d.missing) {
		seg := "/(sensitive)"
		if !sensitive {
			seg = "/" + PointerToken(k)
		}
		d.prefixMissing(mark, seg)
	}
}

func (d *MissingTracker) prefixMissing(mark int, seg string) {
	for i := mark; i < len(d.missing); i++ {
		d.missing[i] = seg + d.missing[i]
	}
}

// MissingPaths returns the paths of the absent required members recorded since the
// last Reset; the slice is the decoder's until then.
func (d *MissingTracker) MissingPaths() []string { return d.missing }
