package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/tidwall/gjson"
)

// File is one JSON file with the line table that turns byte offsets into positions.
type File struct {
	Name  string
	Data  []byte
	lines []int // offset of the first byte of each line
}

func newFile(name string, data []byte) *File {
	f := &File{Name: name, Data: data}
	f.lines = make([]int, 1, bytes.Count(data, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return f
		}
		i += j + 1
		f.lines = append(f.lines, i)
	}
}

// Pos turns a byte offset into a position.
func (f *File) Pos(offset int) diag.Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Data) {
		offset = len(f.Data)
	}
	line := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > offset }) - 1
	return diag.Pos{File: f.Name, Line: line + 1, Col: offset - f.lines[line] + 1}
}

// At is the position of a gjson value parsed from this file.
func (f *File) At(v gjson.Result) diag.Pos { return f.Pos(v.Index) }

// parse checks that the file is one valid JSON value and returns its root. An invalid file
// gives the position where the JSON breaks.
func (f *File) parse() (gjson.Result, *diag.Diagnostic) {
	if gjson.ValidBytes(f.Data) {
		return gjson.ParseBytes(f.Data), nil
	}
	off, msg := syntaxError(f.Data)
	return gjson.Result{}, &diag.Diagnostic{Pos: f.Pos(off), Message: "invalid JSON: " + msg}
}

// syntaxError finds where invalid JSON breaks, with encoding/json's explanation.
func syntaxError(data []byte) (int, string) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v json.RawMessage
	err := dec.Decode(&v)
	if err == nil {
		// a valid value followed by more data
		off := int(dec.InputOffset())
		for off < len(data) && (data[off] == ' ' || data[off] == '\n' || data[off] == '\r' || data[off] == '\t') {
			off++
		}
		return off, "unexpected data after the top-level value"
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset)
		// encoding/json reports the offset after the offending byte
		if off > 0 && off <= len(data) {
			off--
		}
		return off, se.Error()
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return len(data), "unexpected end of JSON input"
	}
	return len(data), fmt.Sprint(err)
}
