package resolve

import (
	"fmt"
	"sort"
	"strings"

	"github.com/svcgen/svcgen/generator/docs"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/pattern"
)

// patterns classifies every pattern once per distinct source: compiled as written,
// translated exactly, or left unchecked with a warning. Shapes with the same pattern
// share one compiled expression.
func (s *state) patterns() {
	bySource := map[string]*ir.Pattern{}
	for _, name := range s.model.ShapeNames {
		sh := s.svc.AllShapes[name]
		if sh == nil || sh.Constraints.Pattern == nil || !s.reached(sh) {
			continue
		}
		p := sh.Constraints.Pattern
		if shared := bySource[p.Source]; shared != nil {
			sh.Constraints.Pattern = shared
			continue
		}
		bySource[p.Source] = p
		r := pattern.Classify(p.Source)
		p.Go, p.Reason = r.Go, r.Reason
		switch r.Kind {
		case pattern.Native:
			p.Kind = ir.PatternNative
		case pattern.Translated:
			p.Kind = ir.PatternTranslated
		case pattern.Backtracking:
			p.Kind = ir.PatternBacktracking
		default:
			p.Kind = ir.PatternUnsupported
			s.warnf(p.Pos, name, "", "pattern %q is not checked: %s", p.Source, r.Reason)
		}
		if r.Length != nil {
			p.TrimEOL = r.TrimEOL
			lo := int64(r.Length.Min)
			p.MinLength = &lo
			if r.Length.Max >= 0 {
				hi := int64(r.Length.Max)
				p.MaxLength = &hi
			}
		}
		s.svc.Patterns = append(s.svc.Patterns, p)
	}
	sort.Slice(s.svc.Patterns, func(i, j int) bool { return s.svc.Patterns[i].Source < s.svc.Patterns[j].Source })
	for i, p := range s.svc.Patterns {
		p.VarName = fmt.Sprintf("pattern%d", i)
	}
	// members copied their shape's constraints before the patterns were shared
	s.eachMember(func(m *ir.Member) {
		m.Constraints.Pattern = m.Shape.Constraints.Pattern
	})
}

// paginators links each paginator to its operation and the members it reads.
func (s *state) paginators() {
	ops := map[string]*ir.Operation{}
	for _, op := range s.svc.Operations {
		ops[op.Name] = op
	}
	find := func(sh *ir.Shape, name string) *ir.Member {
		for _, m := range sh.Members {
			if m.Name == name {
				return m
			}
		}
		return nil
	}
	for _, raw := range s.model.PaginatorList {
		op := ops[raw.Operation]
		if op == nil && s.dropped[raw.Operation] {
			continue // left out by Options.Operations, with its paginator
		}
		if op == nil {
			s.warnf(raw.Pos, "pagination", raw.Operation, "paginator for operation %q, which is not in the model; ignored", raw.Operation)
			continue
		}
		p := &ir.Paginator{Operation: op, GoName: op.GoName + "Paginator", OutputToken: raw.OutputToken,
			ResultKey: raw.ResultKey, MoreResults: raw.MoreResults, NonAggregateKeys: raw.NonAggregateKeys}
		ok := len(raw.InputToken) > 0 && len(raw.InputToken) == len(raw.OutputToken)
		for _, t := range raw.InputToken {
			m := find(op.Input, t)
			if m == nil {
				ok = false
				s.warnf(raw.Pos, "pagination", raw.Operation, "input_token %q is not a member of the input; paginator ignored", t)
				continue
			}
			p.InputToken = append(p.InputToken, m)
		}
		for _, t := range raw.OutputToken {
			p.OutputTokenMembers = append(p.OutputTokenMembers, find(op.Output, t))
		}
		for _, t := range raw.ResultKey {
			p.ResultKeyMembers = append(p.ResultKeyMembers, find(op.Output, t))
		}
		if raw.LimitKey != "" {
			p.LimitKey = find(op.Input, raw.LimitKey)
			if p.LimitKey == nil {
				s.warnf(raw.Pos, "pagination", raw.Operation, "limit_key %q is not a member of the input", raw.LimitKey)
			}
		}
		if !ok {
			continue
		}
		if err := checkPaginator(p); err != nil {
			s.warnf(raw.Pos, "pagination", raw.Operation, "paginator for %s not generated: %v", raw.Operation, err)
			continue
		}
		op.Paginator = p
		s.svc.Paginators = append(s.svc.Paginators, p)
	}
}

// docs converts every documentation string from HTML to godoc text.
func (s *state) docs() {
	// Each text is converted once: operations' inputs and outputs repeat their
	// shapes' member docs, and models repeat texts ("The error message.") often.
	converted := map[string]string{}
	godoc := func(html string) string {
		if html == "" {
			return ""
		}
		text, ok := converted[html]
		if !ok {
			text = docs.Godoc(html)
			converted[html] = text
		}
		return text
	}
	s.svc.Doc = godoc(s.model.Documentation)
	for _, op := range s.svc.Operations {
		raw := s.rawOps[op]
		op.Doc = deprecated(godoc(raw.Documentation), op.Deprecated, op.DeprecatedMessage, "operation")
	}
	for _, sh := range s.allShapes() {
		if raw := s.raw[sh]; raw != nil && sh.Doc == "" {
			sh.Doc = deprecated(godoc(raw.Documentation), sh.Deprecated, sh.DeprecatedMsg, "type")
		}
	}
	s.eachMember(func(m *ir.Member) {
		if raw := s.rawRef[m]; raw != nil {
			m.Doc = godoc(raw.Documentation)
		}
		m.Doc = deprecated(m.Doc, m.Deprecated, m.DeprecatedMsg, "member")
	})
}

// deprecated appends the godoc "Deprecated:" paragraph when the model marks the
// construct deprecated.
func deprecated(doc string, is bool, msg, what string) string {
	if !is || strings.Contains(doc, "Deprecated:") {
		return doc
	}
	if msg == "" {
		msg = "this " + what + " is deprecated."
	}
	if doc != "" {
		doc += "\n\n"
	}
	return doc + "Deprecated: " + msg
}
