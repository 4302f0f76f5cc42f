package endpoints

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
)

// Encode writes the compiled rule set in the binary form that Decode reads
// (see decode.go for the layout), starting with the format version. The output
// depends only on the rule set: decoding it and encoding again gives the same
// bytes. svcgen calls it at generation time, after Parse has checked the rule
// set, and embeds the result in the generated client.
//
// It is a function rather than a MarshalBinary method: a program keeps the
// methods of a type it uses as an interface that share a name with an interface
// method it calls (as crypto/hmac calls MarshalBinary), and clients should not
// link the encoder.
func Encode(rs *RuleSet) ([]byte, error) {
	e := encoder{index: map[string]int{}}
	e.uvarint(len(rs.params))
	for i := range rs.params {
		p := &rs.params[i]
		flags := byte(rs.kinds[i])
		if p.Required {
			flags |= 4
		}
		if p.Deprecated {
			flags |= 8
		}
		def := rs.defaults[i]
		if def.k != kUnset {
			flags |= 16
			if def.k == kBool && def.b {
				flags |= 32
			}
		}
		e.string(p.Name)
		e.body = append(e.body, flags)
		e.string(p.BuiltIn)
		e.string(p.Documentation)
		switch def.k {
		case kString:
			e.string(def.s)
		case kStrings:
			e.strings(def.rec.list)
		}
	}
	e.uvarint(rs.nslots)
	e.rules(rs.rules)
	if e.err != nil {
		return nil, fmt.Errorf("endpoints: Encode: %w", e.err)
	}
	out := make([]byte, headerLen, headerLen+len(e.body)+16*len(e.strs))
	out[0] = binaryVersion
	out = binary.AppendUvarint(out, uint64(len(e.strs)))
	for _, s := range e.strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	out = append(out, e.body...)
	binary.LittleEndian.PutUint32(out[1:headerLen], crc32.ChecksumIEEE(out[headerLen:]))
	return out, nil
}

// encoder writes the body of the binary form while it collects the strings
// into the table that precedes it, in order of first use.
type encoder struct {
	body  []byte
	strs  []string
	index map[string]int
	err   error
}

// uvarint writes n, which Decode reads back only when it is in [0, MaxInt32].
func (e *encoder) uvarint(n int) {
	if (n < 0 || n > math.MaxInt32) && e.err == nil {
		e.err = fmt.Errorf("integer %d out of range", n)
	}
	e.body = binary.AppendUvarint(e.body, uint64(n))
}

func (e *encoder) string(s string) {
	i, ok := e.index[s]
	if !ok {
		i = len(e.strs)
		e.index[s] = i
		e.strs = append(e.strs, s)
	}
	e.uvarint(i)
}

func (e *encoder) strings(ss []string) {
	e.uvarint(len(ss))
	for _, s := range ss {
		e.string(s)
	}
}

func (e *encoder) rules(rules []rule) {
	e.uvarint(len(rules))
	for i := range rules {
		r := &rules[i]
		e.body = append(e.body, byte(r.kind))
		e.uvarint(len(r.conds))
		for _, c := range r.conds {
			e.expr(&c.e)
			e.uvarint(c.assign + 1)
		}
		switch r.kind {
		case ruleEndpoint:
			e.expr(&r.ep.url)
			e.uvarint(len(r.ep.headers))
			for _, h := range r.ep.headers {
				e.string(h.name)
				e.uvarint(len(h.values))
				for i := range h.values {
					e.expr(&h.values[i])
				}
			}
			e.fields(r.ep.props)
		case ruleError:
			e.expr(&r.err)
		default:
			e.rules(r.rules)
		}
	}
}

func (e *encoder) expr(x *expr) {
	e.body = append(e.body, byte(x.op))
	switch x.op {
	case opLit:
		e.value(x.lit)
	case opRef:
		e.uvarint(x.slot)
	case opCall:
		e.body = append(e.body, byte(x.id))
		if len(x.args) != AllFunctions()[x.id].args {
			e.err = fmt.Errorf("call of function %d holds %d arguments, want %d", x.id, len(x.args), AllFunctions()[x.id].args)
		}
		for i := range x.args {
			e.expr(&x.args[i])
		}
		switch x.id {
		case idGetAttr:
			e.path(x.path)
		case idSubstring:
			e.uvarint(x.idx[0])
			e.uvarint(x.idx[1])
		}
	default:
		e.uvarint(len(x.tmpl))
		for _, p := range x.tmpl {
			e.uvarint(p.slot + 1)
			if p.slot < 0 {
				e.string(p.lit)
			} else {
				e.path(p.path)
			}
		}
	}
}

func (e *encoder) value(v value) {
	e.body = append(e.body, byte(v.k))
	switch v.k {
	case kString:
		e.string(v.s)
	case kBool:
		b := byte(0)
		if v.b {
			b = 1
		}
		e.body = append(e.body, b)
	case kStrings:
		e.strings(v.rec.list)
	default:
		e.err = fmt.Errorf("a literal of kind %s", v.k)
	}
}

func (e *encoder) path(path []pathStep) {
	e.uvarint(len(path))
	for _, st := range path {
		if st.attr == attrInvalid {
			e.uvarint(st.index<<1 | 1)
		} else {
			e.uvarint(int(st.attr) << 1)
		}
	}
}

func (e *encoder) fields(fields []propField) {
	e.uvarint(len(fields))
	for i := range fields {
		e.string(fields[i].key)
		e.prop(&fields[i].val)
	}
}

func (e *encoder) prop(n *propNode) {
	e.body = append(e.body, byte(n.kind))
	switch n.kind {
	case propString:
		e.expr(&n.e)
	case propBool:
		b := byte(0)
		if n.b {
			b = 1
		}
		e.body = append(e.body, b)
	case propNumber:
		e.body = binary.LittleEndian.AppendUint64(e.body, math.Float64bits(n.num))
	case propArray:
		e.uvarint(len(n.arr))
		for i := range n.arr {
			e.prop(&n.arr[i])
		}
	case propObject:
		e.fields(n.obj)
	}
}
