package xmlwire

// Names are the element names of the members of a structure, sorted as sort.Strings
// sorts them (byte-wise), each once: the table a generated decoder passes to Member.
type Names []string

// Member moves to the next child element of the current element, as Next does, and
// returns the index of its local name in names, or -1 when names does not hold it
// (the caller skips the element); at the current element's end it consumes it and
// returns false. Names are compared byte for byte: case matters.
//
// A generated decoder switches on the index, which Go compiles to a jump table,
// where a switch on the name would compile to a search of its own per structure:
//
//	for i, ok := d.Member(namesInstance); ok; i, ok = d.Member(namesInstance) {
//		switch i {
//		case 0:
//			v.Architecture = (*types.ArchitectureValues)(d.StringPtr())
//		...
//		default:
//			d.Skip()
//		}
//	}
func (d *Decoder) Member(names Names) (int, bool) {
	name, ok := d.next()
	if !ok {
		return 0, false
	}
	// the first index whose name is not less than name; the comparisons of
	// string(name) do not copy it
	lo, hi := 0, len(names)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if names[m] < string(name) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(names) && names[lo] == string(name) {
		return lo, true
	}
	return -1, true
}
