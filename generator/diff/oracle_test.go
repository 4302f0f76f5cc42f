package diff

import (
	"bytes"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"
)

// The oracle: both versions are generated into scratch modules at the same import
// path, and golang.org/x/exp/apidiff compares the Go packages. Every incompatibility
// apidiff reports must be a change svcgen diff lists (by one of its Go identifiers),
// and every breaking change svcgen diff lists must be one apidiff reports or a wire
// change.

// oracle compares the packages generated from old and new with apidiff and checks the
// report of Compare against it.
func oracle(t *testing.T, old, new Version) *Report {
	t.Helper()
	r := Compare(old, new)
	if testing.Short() {
		t.Skip("generating and type-checking both versions: not in -short")
	}
	oldPkgs := generated(t, old)
	newPkgs := generated(t, new)
	var incompatible []string // "label.Object: message"
	for _, rel := range []string{"", "types", "server"} {
		o, n := oldPkgs[rel], newPkgs[rel]
		if o == nil {
			continue // added, or in neither (the query protocols have no server)
		}
		if o == nil || n == nil {
			t.Fatalf("package %q: generated in old %t, in new %t", rel, o != nil, n != nil)
		}
		label := rel
		if rel == "" {
			label = new.Service.Package
		}
		for _, c := range apidiff.Changes(o, n).Changes {
			if !c.Compatible {
				incompatible = append(incompatible, label+"."+c.Message)
			}
		}
	}
	sort.Strings(incompatible)
	t.Logf("apidiff: %d incompatible changes", len(incompatible))
	var refs []string
	for _, c := range r.Changes {
		refs = append(refs, c.Go...)
	}
	for _, m := range incompatible {
		subject := normalize(m[:strings.Index(m, ": ")])
		if !explains(refs, subject) {
			t.Errorf("apidiff reports %q; svcgen diff lists no change of %s", m, subject)
		}
	}
	var subjects []string
	for _, m := range incompatible {
		subjects = append(subjects, normalize(m[:strings.Index(m, ": ")]))
	}
	for _, c := range r.Changes {
		if !c.Breaking || c.Wire {
			continue
		}
		found := false
		for _, ref := range c.Go {
			if explains(subjects, ref) {
				found = true
			}
		}
		if !found {
			t.Errorf("svcgen diff lists a breaking Go change that apidiff does not report: %s (Go %v)", c, c.Go)
		}
	}
	return r
}

// normalize writes an apidiff object name as Change.Go does: "(*Client).Op" and
// "Client.Op" alike are "Client.Op".
func normalize(s string) string {
	s = strings.ReplaceAll(s, "(*", "")
	s = strings.ReplaceAll(s, ")", "")
	s = strings.ReplaceAll(s, "(", "")
	return s
}

// explains reports whether one of names is subject, is inside it (a field of a
// type) or holds it.
func explains(names []string, subject string) bool {
	for _, n := range names {
		n = normalize(n)
		if n == subject || strings.HasPrefix(n, subject+".") || strings.HasPrefix(subject, n+".") {
			return true
		}
	}
	return false
}

// generated writes the service's package into a scratch module as scratch/svc and
// type-checks its public packages, by path relative to the service package.
func generated(t *testing.T, v Version) map[string]*types.Package {
	t.Helper()
	const module, dir = "scratch", "svc"
	files, err := emit.Generate(v.Service, emit.Config{ImportPath: module + "/" + dir})
	if err != nil {
		t.Fatalf("generate %s: %v", v.Model.File.Name, err)
	}
	root := t.TempDir()
	if err := scratch.WriteModule(root, module, map[string][]emit.File{dir: files}); err != nil {
		t.Fatal(err)
	}
	return loadTypes(t, root, module+"/"+dir)
}

func loadTypes(t *testing.T, root, path string) map[string]*types.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Dir:  root,
		Env:  append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off"),
	}
	patterns := []string{path, path + "/types"}
	if _, err := os.Stat(filepath.Join(root, strings.TrimPrefix(path, "scratch/"), "server")); err == nil {
		patterns = append(patterns, path+"/server")
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	out := map[string]*types.Package{}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.PkgPath, path), "/")
		out[rel] = p.Types
	}
	if t.Failed() {
		t.FailNow()
	}
	return out
}

// sharedModel loads a model of ../shared/models.
func sharedModel(t *testing.T, service string) Version {
	t.Helper()
	path := filepath.Join(shareddata.ModelsDir(), service, "service-2.json")
	shareddata.Require(t, path, "the current "+service+" model")
	v, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// projectModel loads a model the project ships (models/).
func projectModel(t *testing.T, service string) Version {
	t.Helper()
	v, err := Load(filepath.Join(scratch.Root(), "models", service, "service-2.json"))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// seedEKSAuth is seed 000, the 2023 EKS Auth model as the seeds hold it, repaired in
// memory: the stripping of its HTML left raw newlines in its strings, lost the
// response members podIdentityAssociation and credentials (still listed as required)
// and the end of the structure AssumedRoleUser, and the text breaks off inside the
// service's documentation. The newlines become spaces, the two lost names leave the
// required list, AssumedRoleUser is closed, and so are the last string and the model.
// Positions are in the repaired text, named "<seed> (repaired)".
func seedEKSAuth(t *testing.T) Version {
	t.Helper()
	path := filepath.Join(shareddata.SharedDir(), "seeds", "000_d6dc4e7faee3c053.txt")
	shareddata.Require(t, path, "seed 000")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.ReplaceAll(data, []byte("\n"), []byte(" "))
	for _, e := range [][2]string{
		{`"podIdentityAssociation", "assumedRoleUser", "credentials" ]`, `"assumedRoleUser" ]`},
		{`temporary session name. " }, "ClusterName"`, `temporary session name. " } } }, "ClusterName"`},
	} {
		if bytes.Count(data, []byte(e[0])) != 1 {
			t.Fatalf("seed 000 is not as this repair expects: %q", e[0])
		}
		data = bytes.Replace(data, []byte(e[0]), []byte(e[1]), 1)
	}
	data = append(data, `"}`...)
	v, err := Bytes(path+" (repaired)", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// sqs returns the corpus's SQS model (awsJson 1.0, awsQueryCompatible) and the same
// model as it was before SQS moved to JSON: the awsQuery protocol.
func sqs(t *testing.T) (query, json Version) {
	t.Helper()
	var svc *shareddata.Service
	for _, s := range shareddata.Corpus(t) {
		if s.Name == "sqs" {
			svc = &s
		}
	}
	if svc == nil {
		t.Fatalf("the corpus has no sqs")
	}
	companions := map[string][]byte{}
	for name, data := range svc.Files {
		if name != "service-2.json" {
			companions["sqs/"+name] = data
		}
	}
	model := svc.Files["service-2.json"]
	json, err := Bytes("sqs/service-2.json", model, companions)
	if err != nil {
		t.Fatal(err)
	}
	old := model
	for _, e := range [][2]string{
		{`"protocol":"json"`, `"protocol":"query"`},
		{`"protocols":["json"]`, `"protocols":["query"]`},
		{`"awsQueryCompatible":{},`, ``},
	} {
		if !bytes.Contains(old, []byte(e[0])) {
			t.Fatalf("the sqs model has no %s", e[0])
		}
		old = bytes.Replace(old, []byte(e[0]), []byte(e[1]), 1)
	}
	query, err = Bytes("sqs-query/service-2.json", old, companions)
	if err != nil {
		t.Fatal(err)
	}
	return query, json
}

func logReport(t *testing.T, r *Report) {
	t.Helper()
	for _, c := range r.Changes {
		if c.Breaking {
			t.Log(c.String())
		}
	}
}

// want checks that the report has a change of kind on subject, breaking or not.
func want(t *testing.T, r *Report, kind, subject string, breaking bool) {
	t.Helper()
	for _, c := range r.Changes {
		if c.Kind == kind && c.Subject == subject {
			if c.Breaking != breaking {
				t.Errorf("%s: breaking %t, want %t", c, c.Breaking, breaking)
			}
			if c.Old == nil && c.New == nil {
				t.Errorf("%s: no position", c)
			}
			return
		}
	}
	t.Errorf("no %s change of %s in:\n%s", kind, subject, dump(r))
}

func dump(r *Report) string {
	var b strings.Builder
	for _, c := range r.Changes {
		b.WriteString(c.String() + "\n")
	}
	return b.String()
}

func count(r *Report, kind string) (n, breaking int) {
	for _, c := range r.Changes {
		if c.Kind == kind {
			n++
			if c.Breaking {
				breaking++
			}
		}
	}
	return n, breaking
}

// The 2023 EKS Pod Identity model the project ships against today's EKS: AWS only
// added to it, so nothing breaks.
func TestOracleEKS(t *testing.T) {
	old, new := projectModel(t, "eks"), sharedModel(t, "eks")
	r := oracle(t, old, new)
	logReport(t, r)
	if r.Breaking() {
		t.Errorf("breaking changes from the 2023 model to today's:\n%s", dump(r))
	}
	if n, _ := count(r, OperationAdded); n != len(new.Service.Operations)-len(old.Service.Operations) {
		t.Errorf("%d operations added, want %d", n, len(new.Service.Operations)-len(old.Service.Operations))
	}
	want(t, r, MemberAdded, "PodIdentityAssociation.ownerArn", false)
	want(t, r, MemberAdded, "CreatePodIdentityAssociationRequest.policy", false)
	want(t, r, PaginatorAdded, "ListClusters (paginator)", false)
	want(t, r, WaiterAdded, "ClusterActive (waiter)", false)
	want(t, r, EndpointRules, "endpoint-rule-set", false)
}

func TestOracleEKSAuth(t *testing.T) {
	r := oracle(t, projectModel(t, "eks-auth"), sharedModel(t, "eks-auth"))
	logReport(t, r)
	want(t, r, MemberAdded, "AssumeRoleForPodIdentityRequest.eksNodeName", false)
	if r.Breaking() {
		t.Errorf("breaking changes:\n%s", dump(r))
	}
}

// The seed's EKS Auth (2023, jsonVersion 1.1, response members lost) against today's.
func TestOracleEKSAuthSeed(t *testing.T) {
	r := oracle(t, seedEKSAuth(t), sharedModel(t, "eks-auth"))
	logReport(t, r)
	want(t, r, MemberAdded, "AssumeRoleForPodIdentityResponse.credentials", false)
	want(t, r, MemberAdded, "AssumeRoleForPodIdentityRequest.eksNodeName", false)
	if r.Breaking() {
		t.Errorf("breaking changes:\n%s", dump(r))
	}
}

// SQS's move from awsQuery to awsJson 1.0: the protocol breaks the wire, once; the
// Go API only grows (ErrorCodeOverride on the errors, the server package).
func TestOracleSQSQueryToJSON(t *testing.T) {
	old, new := sqs(t)
	r := oracle(t, old, new)
	logReport(t, r)
	want(t, r, ServiceChanged, "metadata.protocol", true)
	want(t, r, ServiceChanged, "metadata.awsQueryCompatible", false)
	if n, b := count(r, ServiceChanged); n != 2 || b != 1 {
		t.Errorf("%d service changes (%d breaking), want 2 (1):\n%s", n, b, dump(r))
	}
	if n := len(r.Changes); n != 2 {
		t.Errorf("%d changes, want the protocol and awsQueryCompatible only:\n%s", n, dump(r))
	}
}
