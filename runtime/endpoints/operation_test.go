package endpoints

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// serviceModel is the part of service-2.json that binds endpoint parameters
// for an operation.
type serviceModel struct {
	Operations map[string]struct {
		Input *struct {
			Shape string `json:"shape"`
		} `json:"input"`
		StaticContextParams map[string]struct {
			Value any `json:"value"`
		} `json:"staticContextParams"`
		OperationContextParams map[string]struct {
			Path string `json:"path"`
		} `json:"operationContextParams"`
	} `json:"operations"`
	Shapes map[string]struct {
		Members map[string]struct {
			ContextParam *struct {
				Name string `json:"name"`
			} `json:"contextParam"`
		} `json:"members"`
	} `json:"shapes"`
}

// bindOperation binds the values an SDK would for an operation call, from
// lowest to highest precedence: built-ins, client parameters,
// operationContextParams, contextParam members, staticContextParams.
func bindOperation(rs *RuleSet, m *serviceModel, in *operationInput) (Values, error) {
	v := rs.NewValues()
	for _, k := range sortedKeys(in.BuiltInParams) {
		if i := rs.IndexBuiltIn(k); i >= 0 {
			if err := bindIndex(&v, i, in.BuiltInParams[k]); err != nil {
				return v, fmt.Errorf("builtIn %s: %v", k, err)
			}
		}
	}
	for _, k := range sortedKeys(in.ClientParams) {
		if err := bind(rs, &v, k, in.ClientParams[k]); err != nil {
			return v, fmt.Errorf("clientParam %s: %v", k, err)
		}
	}
	op, ok := m.Operations[in.OperationName]
	if !ok {
		return v, fmt.Errorf("model has no operation %s", in.OperationName)
	}
	for _, name := range sortedKeys(op.OperationContextParams) {
		path := op.OperationContextParams[name].Path
		x, err := jmesSearch(path, any(in.OperationParams))
		if err != nil {
			return v, fmt.Errorf("operationContextParams %s: %v", name, err)
		}
		if x != nil {
			if err := bind(rs, &v, name, x); err != nil {
				return v, fmt.Errorf("operationContextParams %s: %v", name, err)
			}
		}
	}
	if op.Input != nil {
		shape := m.Shapes[op.Input.Shape]
		for _, member := range sortedKeys(shape.Members) {
			cp := shape.Members[member].ContextParam
			if cp == nil {
				continue
			}
			if x, ok := in.OperationParams[member]; ok {
				if err := bind(rs, &v, cp.Name, x); err != nil {
					return v, fmt.Errorf("contextParam %s: %v", cp.Name, err)
				}
			}
		}
	}
	for _, name := range sortedKeys(op.StaticContextParams) {
		if err := bind(rs, &v, name, op.StaticContextParams[name].Value); err != nil {
			return v, fmt.Errorf("staticContextParams %s: %v", name, err)
		}
	}
	return v, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func parseModel(data []byte) (*serviceModel, error) {
	var m serviceModel
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// jmesSearch evaluates the JMESPath subset that operationContextParams use:
// identifiers, sub-expressions, [*] projections, [] flattening, multi-select
// lists and keys().
func jmesSearch(path string, doc any) (any, error) {
	p := &jmesParser{s: path}
	steps, err := p.chain()
	if err != nil {
		return nil, err
	}
	if p.i != len(p.s) {
		return nil, fmt.Errorf("path %q: unexpected %q", path, p.s[p.i:])
	}
	return jmesEval(steps, doc), nil
}

type jmesStep struct {
	field   string       // a field of an object
	keys    []jmesStep   // keys(<chain>)
	multi   [][]jmesStep // [a, b, ...]
	project bool         // [*]
	flatten bool         // []
}

type jmesParser struct {
	s string
	i int
}

func (p *jmesParser) skipSpace() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *jmesParser) ident() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			p.i++
			continue
		}
		break
	}
	return p.s[start:p.i]
}

// chain parses steps until a ',' or ')' or ']' that closes an enclosing construct.
func (p *jmesParser) chain() ([]jmesStep, error) {
	var steps []jmesStep
	first := true
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return steps, nil
		}
		c := p.s[p.i]
		switch {
		case c == ',' || c == ')' || (c == ']' && !first):
			return steps, nil
		case c == '.':
			p.i++
			p.skipSpace()
			if p.i < len(p.s) && p.s[p.i] == '[' {
				continue
			}
			steps = append(steps, jmesStep{field: p.ident()})
		case strings.HasPrefix(p.s[p.i:], "[*]"):
			p.i += 3
			steps = append(steps, jmesStep{project: true})
		case strings.HasPrefix(p.s[p.i:], "[]"):
			p.i += 2
			steps = append(steps, jmesStep{flatten: true})
		case c == '[':
			p.i++
			var multi [][]jmesStep
			for {
				sub, err := p.chain()
				if err != nil {
					return nil, err
				}
				multi = append(multi, sub)
				p.skipSpace()
				if p.i >= len(p.s) {
					return nil, fmt.Errorf("path %q: unclosed [", p.s)
				}
				if p.s[p.i] == ',' {
					p.i++
					continue
				}
				if p.s[p.i] == ']' {
					p.i++
					break
				}
				return nil, fmt.Errorf("path %q: unexpected %q", p.s, p.s[p.i:])
			}
			steps = append(steps, jmesStep{multi: multi})
		case strings.HasPrefix(p.s[p.i:], "keys("):
			p.i += len("keys(")
			sub, err := p.chain()
			if err != nil {
				return nil, err
			}
			if p.i >= len(p.s) || p.s[p.i] != ')' {
				return nil, fmt.Errorf("path %q: unclosed keys(", p.s)
			}
			p.i++
			steps = append(steps, jmesStep{keys: sub})
		default:
			id := p.ident()
			if id == "" {
				return nil, fmt.Errorf("path %q: unexpected %q", p.s, p.s[p.i:])
			}
			steps = append(steps, jmesStep{field: id})
		}
		first = false
	}
}

func jmesEval(steps []jmesStep, v any) any {
	for i, st := range steps {
		switch {
		case st.project || st.flatten:
			list, ok := v.([]any)
			if !ok {
				return nil
			}
			if st.flatten {
				var flat []any
				for _, e := range list {
					if sub, ok := e.([]any); ok {
						flat = append(flat, sub...)
					} else {
						flat = append(flat, e)
					}
				}
				list = flat
			}
			// The projection runs to the next flatten, which applies to its result.
			end := len(steps)
			for j := i + 1; j < len(steps); j++ {
				if steps[j].flatten {
					end = j
					break
				}
			}
			out := []any{}
			for _, e := range list {
				if r := jmesEval(steps[i+1:end], e); r != nil {
					out = append(out, r)
				}
			}
			return jmesEval(steps[end:], out)
		case st.keys != nil:
			obj, ok := jmesEval(st.keys, v).(map[string]any)
			if !ok {
				return nil
			}
			out := []any{}
			for _, k := range sortedKeys(obj) {
				out = append(out, k)
			}
			v = out
		case st.multi != nil:
			if v == nil {
				return nil
			}
			out := make([]any, len(st.multi))
			for j, sub := range st.multi {
				out[j] = jmesEval(sub, v)
			}
			v = out
		default:
			obj, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = obj[st.field]
		}
	}
	return v
}
