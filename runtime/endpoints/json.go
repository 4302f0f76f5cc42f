package endpoints

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jnode is a JSON value that keeps the order of object members. The rule set
// format needs it: parameters are numbered in the order the file declares them.
// It is used at parse time only.
type jnode struct {
	kind jkind
	b    bool
	s    string // a string, or a number's text
	arr  []jnode
	obj  []jfield
}

type jfield struct {
	key string
	val jnode
}

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

func (k jkind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// get returns the member named key of an object node.
func (n *jnode) get(key string) (*jnode, bool) {
	for i := range n.obj {
		if n.obj[i].key == key {
			return &n.obj[i].val, true
		}
	}
	return nil, false
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 500

func decodeJSON(data []byte) (jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := decodeValue(dec, 0)
	if err != nil {
		return jnode{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return jnode{}, errors.New("invalid JSON: data after the top-level value")
	}
	return n, nil
}

func decodeValue(dec *json.Decoder, depth int) (jnode, error) {
	if depth > maxDepth {
		return jnode{}, fmt.Errorf("invalid JSON: nested deeper than %d", maxDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return jnode{}, fmt.Errorf("invalid JSON: %w", err)
	}
	switch t := tok.(type) {
	case nil:
		return jnode{kind: jNull}, nil
	case bool:
		return jnode{kind: jBool, b: t}, nil
	case json.Number:
		return jnode{kind: jNumber, s: t.String()}, nil
	case string:
		return jnode{kind: jString, s: t}, nil
	case json.Delim:
		switch t {
		case '[':
			n := jnode{kind: jArray}
			for dec.More() {
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return jnode{}, err
				}
				n.arr = append(n.arr, v)
			}
			if _, err := dec.Token(); err != nil {
				return jnode{}, fmt.Errorf("invalid JSON: %w", err)
			}
			return n, nil
		case '{':
			n := jnode{kind: jObject}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return jnode{}, fmt.Errorf("invalid JSON: %w", err)
				}
				key, ok := kt.(string)
				if !ok {
					return jnode{}, errors.New("invalid JSON: object key is not a string")
				}
				if _, dup := n.get(key); dup {
					return jnode{}, fmt.Errorf("invalid JSON: duplicate key %q", key)
				}
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return jnode{}, err
				}
				n.obj = append(n.obj, jfield{key, v})
			}
			if _, err := dec.Token(); err != nil {
				return jnode{}, fmt.Errorf("invalid JSON: %w", err)
			}
			return n, nil
		}
	}
	return jnode{}, fmt.Errorf("invalid JSON: unexpected token %v", tok)
}
