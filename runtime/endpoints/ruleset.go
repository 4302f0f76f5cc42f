package endpoints

import (
	"errors"
	"fmt"
	"sync"
)

// Parameter types, as Param.Type reports them.
const (
	TypeString      = "String"
	TypeBoolean     = "Boolean"
	TypeStringArray = "StringArray"
)

// Param is a parameter that a rule set declares.
type Param struct {
	Name          string
	Type          string // TypeString, TypeBoolean or TypeStringArray
	Required      bool
	Default       any    // nil, or a string, bool or []string by Type
	BuiltIn       string // "AWS::Region", "AWS::UseFIPS", "AWS::UseDualStack", "SDK::Endpoint", ...; "" if none
	Documentation string
	Deprecated    bool
}

// RuleSet is a parsed endpoint rule set. It is immutable and safe for
// concurrent use.
type RuleSet struct {
	params   []Param
	kinds    []kind  // each parameter's kind
	defaults []value // each parameter's default (unset if none)
	nslots   int     // parameters plus the deepest nesting of assigned variables
	rules    []rule
	pool     sync.Pool // of *state
}

// Params returns the declared parameters, in the order of the file. A
// parameter's position is its index for Values.
func (rs *RuleSet) Params() []Param {
	out := make([]Param, len(rs.params))
	copy(out, rs.params)
	return out
}

// Index returns the index of the parameter named name, or -1.
func (rs *RuleSet) Index(name string) int {
	for i := range rs.params {
		if rs.params[i].Name == name {
			return i
		}
	}
	return -1
}

// IndexBuiltIn returns the index of the parameter bound to the built-in named
// builtIn (such as "AWS::Region"), or -1.
func (rs *RuleSet) IndexBuiltIn(builtIn string) int {
	for i := range rs.params {
		if rs.params[i].BuiltIn == builtIn {
			return i
		}
	}
	return -1
}

// Values is a set of parameter values for one rule set, by parameter index
// (see RuleSet.Index; generated code knows the indexes as constants). Make it
// with RuleSet.NewValues: every parameter starts unset, and Resolve applies
// the defaults. A Values may be reused and changed between resolutions, but
// not while one is running.
type Values struct {
	rs   *RuleSet
	vals []value
}

// NewValues returns a Values with every parameter unset.
func (rs *RuleSet) NewValues() Values {
	return Values{rs: rs, vals: make([]value, len(rs.params))}
}

// SetString sets parameter i to s. It panics if i is out of range.
func (v *Values) SetString(i int, s string) { v.vals[i] = stringValue(s) }

// SetBool sets parameter i to b. It panics if i is out of range.
func (v *Values) SetBool(i int, b bool) { v.vals[i] = boolValue(b) }

// SetStrings sets parameter i to ss, which Values keeps (do not change it
// afterwards). It panics if i is out of range.
func (v *Values) SetStrings(i int, ss []string) { v.vals[i] = stringsValue(ss) }

// Unset makes parameter i unset again. It panics if i is out of range.
func (v *Values) Unset(i int) { v.vals[i] = unset }

// Reset makes every parameter unset.
func (v *Values) Reset() { clear(v.vals) }

// Resolve evaluates the rule set with the values v: it applies the defaults,
// checks that required parameters are set and have the declared types, and
// returns the endpoint that the first matching rule gives. When an error rule
// matches, the error is a *RuleError holding its message.
func (rs *RuleSet) Resolve(v *Values) (Endpoint, error) {
	if v.rs != rs {
		return Endpoint{}, errors.New("endpoints: Values made by another rule set")
	}
	st, _ := rs.pool.Get().(*state)
	if st == nil {
		st = &state{slots: make([]value, rs.nslots)}
	}
	defer func() {
		clear(st.slots)
		st.parts = nil
		rs.pool.Put(st)
	}()
	for i := range rs.params {
		x := v.vals[i]
		switch {
		case x.k == kUnset && rs.defaults[i].k != kUnset:
			x = rs.defaults[i]
		case x.k == kUnset && rs.params[i].Required:
			return Endpoint{}, fmt.Errorf("endpoints: missing required parameter %s", rs.params[i].Name)
		case x.k != kUnset && x.k != rs.kinds[i]:
			return Endpoint{}, fmt.Errorf("endpoints: parameter %s is a %s, given a %s", rs.params[i].Name, rs.params[i].Type, x.k)
		}
		st.slots[i] = x
	}
	st.parts = currentPartitions.Load()
	ep, matched, err := st.evalRules(rs.rules)
	if !matched {
		return Endpoint{}, errNoRule
	}
	return ep, err
}
