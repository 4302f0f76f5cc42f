// Package resolve turns a loaded model into the IR that the emitters read.
//
// Resolution is a list of small named passes, run in order; each does one thing and
// records its decisions in the IR (package ir), so no emitter re-derives them. The
// loaded model is never changed.
package resolve

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/svcgen/svcgen/generator/custom"
	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
)

// Options adjust resolution.
type Options struct {
	// Package overrides the Go package name derived from the serviceId.
	Package string
	// Operations, when not empty, are the model names of the only operations to keep:
	// the service then holds those operations, the shapes they reach (inputs, outputs,
	// errors and everything nested in them) and their paginators. A name the model does
	// not have is an error (see UnknownOperations).
	Operations []string
	// CBORFallback generates a smithy-rpc-v2-cbor model for the first other protocol
	// of its protocols list that svcgen speaks (json or query), as services accept
	// them too, instead of for smithy-rpc-v2-cbor.
	CBORFallback bool
}

// state is what the passes share.
type state struct {
	opts  Options
	model *load.Model
	svc   *ir.Service
	diags diag.List
	// shapes by model name, and the raw shape each came from
	raw map[*ir.Shape]*load.Shape
	// members and the raw reference each came from
	rawRef map[*ir.Member]*load.Ref
	// operations and the raw operation each came from
	rawOps map[*ir.Operation]*load.Operation
	// reach holds the shapes the kept operations reach when Options.Operations selects
	// some; nil when every operation is kept
	reach map[*ir.Shape]bool
	// dropped holds the names of the operations the selection left out
	dropped map[string]bool
}

type pass struct {
	name string
	run  func(*state)
}

// passes run in this order; a later pass may rely on what an earlier one decided.
var passes = []pass{
	{"service", (*state).service},
	{"shapes", (*state).shapes},
	{"references", (*state).references},
	{"constraints", (*state).constraints},
	{"operations", (*state).operations},
	{"selection", (*state).selection},
	{"bindings", (*state).bindings},
	{"placement", (*state).placement},
	{"names", (*state).names},
	{"representation", (*state).representation},
	{"sensitive", (*state).sensitive},
	{"recursion", (*state).recursion},
	{"patterns", (*state).patterns},
	{"paginators", (*state).paginators},
	{"docs", (*state).docs},
	// the per-service customizations of the AWS SDKs (generator/custom)
	{"customizations", func(s *state) { custom.Apply(s.svc) }},
	// after every decision on the outputs' Go representation the acceptors read
	{"waiters", (*state).waiters},
}

// Resolve resolves a loaded model. The service is nil when the model has errors that
// make it unusable; the diagnostics list every error and warning found.
func Resolve(m *load.Model, opts Options) (*ir.Service, diag.List) {
	s := &state{
		opts:   opts,
		model:  m,
		raw:    map[*ir.Shape]*load.Shape{},
		rawRef: map[*ir.Member]*load.Ref{},
		rawOps: map[*ir.Operation]*load.Operation{},
	}
	sum := sha256.Sum256(m.File.Data)
	s.svc = &ir.Service{
		ModelFile: filepath.Base(m.File.Name),
		Checksum:  hex.EncodeToString(sum[:]),
		AllShapes: map[string]*ir.Shape{},
	}
	for _, p := range passes {
		p.run(s)
		// Later passes assume the references are sound.
		if p.name == "references" && s.diags.HasErrors() {
			break
		}
	}
	s.diags = unique(s.diags)
	s.diags.Sort()
	s.svc.Diagnostics = s.diags
	if s.diags.HasErrors() {
		return nil, s.diags
	}
	return s.svc, s.diags
}

// unique drops repeated diagnostics: a pass that visits both a model shape and an
// operation's copy of it (OpInput, OpOutput) finds the same problem twice.
func unique(l diag.List) diag.List {
	seen := map[diag.Diagnostic]bool{}
	out := l[:0]
	for _, d := range l {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

func (s *state) errorf(pos diag.Pos, shape, member, format string, args ...any) {
	s.diags = append(s.diags, diag.Diagnostic{Pos: pos, Shape: shape, Member: member, Message: fmt.Sprintf(format, args...)})
}

func (s *state) warnf(pos diag.Pos, shape, member, format string, args ...any) {
	s.diags = append(s.diags, diag.Diagnostic{Pos: pos, Severity: diag.Warning, Shape: shape, Member: member, Message: fmt.Sprintf(format, args...)})
}
