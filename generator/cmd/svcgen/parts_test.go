package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

const (
	eksModel     = "../../../models/eks/service-2.json"
	eksAuthModel = "../../../models/eks-auth/service-2.json"
)

// scratchModule makes a module example.com/m that requires this checkout (for the
// runtime) with the same dependency versions, so that the go command resolves nothing.
func scratchModule(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mod strings.Builder
	fmt.Fprintf(&mod, "module example.com/m\n\ngo %s\n\nrequire (\n\tgithub.com/svcgen/svcgen v0.0.0\n", mf.Go.Version)
	for _, r := range mf.Require {
		fmt.Fprintf(&mod, "\t%s %s\n", r.Mod.Path, r.Mod.Version)
	}
	fmt.Fprintf(&mod, ")\n\nreplace github.com/svcgen/svcgen => %s\n", root)
	dir := t.TempDir()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// goIn runs the go command in dir, offline.
func goIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -trimpath", "GOWORK=off", "GOPROXY=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
}

// files lists the files under dir, by slash path relative to it.
func files(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = true
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys(m map[string]bool) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, " ")
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestGenerateParts: -client-only, -server-only, -operations and -tests choose what is
// written; every variant vets (and so builds, tests included) in a module of its own
// kind, the import path derived from its go.mod.
func TestGenerateParts(t *testing.T) {
	mod := scratchModule(t)
	generate := func(dir, model string, flags ...string) map[string]bool {
		t.Helper()
		out := filepath.Join(mod, dir)
		args := append([]string{"generate", "-model", model, "-out", out}, flags...)
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("svcgen %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr)
		}
		return files(t, out)
	}
	noTests := func(name string, got map[string]bool) {
		t.Helper()
		for f := range got {
			if strings.HasSuffix(f, "_test.go") {
				t.Errorf("%s: wrote the test file %s without -tests", name, f)
			}
		}
	}

	all := generate("all", eksModel)
	noTests("all", all)
	for _, f := range []string{"client.go", "paginators.go", "serializers.go", "server/server.go", "internal/serde/serde.go", "internal/serverserde/serde.go"} {
		if !all[f] {
			t.Fatalf("a whole generation lacks %s: %s", f, sortedKeys(all))
		}
	}

	client := generate("clientonly", eksModel, "-client-only")
	noTests("-client-only", client)
	want := map[string]bool{}
	for f := range all {
		if !strings.HasPrefix(f, "server/") && !strings.HasPrefix(f, "internal/serverserde/") {
			want[f] = true
		}
	}
	if got, want := sortedKeys(client), sortedKeys(want); got != want {
		t.Errorf("-client-only wrote %s\nwant every file but server/ and internal/serverserde/: %s", got, want)
	}
	if doc := read(t, filepath.Join(mod, "clientonly", "doc.go")); !strings.Contains(doc, "generated without a server") {
		t.Errorf("-client-only: doc.go does not say the package has no server:\n%s", doc)
	}

	server := generate("serveronly", eksModel, "-server-only")
	noTests("-server-only", server)
	want = map[string]bool{}
	for f := range all {
		switch f {
		case "client.go", "paginators.go", "serializers.go":
		case "internal/serverserde/serde.go": // without a client, all serde is the server's: internal/serde
		default:
			want[f] = true
		}
	}
	if got, want := sortedKeys(server), sortedKeys(want); got != want {
		t.Errorf("-server-only wrote %s\nwant every file but the client's: %s", got, want)
	}
	if doc := read(t, filepath.Join(mod, "serveronly", "doc.go")); strings.Contains(doc, "Create a Client") || !strings.Contains(doc, "generated without a client") {
		t.Errorf("-server-only: doc.go speaks of a client:\n%s", doc)
	}

	ops := generate("ops", eksModel, "-operations", " ListPodIdentityAssociations")
	noTests("-operations", ops)
	opsGo := read(t, filepath.Join(mod, "ops", "operations.go"))
	if !strings.Contains(opsGo, "type ListPodIdentityAssociationsInput struct") {
		t.Errorf("-operations: operations.go lacks ListPodIdentityAssociationsInput")
	}
	for _, s := range []string{"CreatePodIdentityAssociation", "DescribePodIdentityAssociation"} {
		if strings.Contains(opsGo, s) {
			t.Errorf("-operations: operations.go still declares %s", s)
		}
	}
	if srv := read(t, filepath.Join(mod, "ops", "server", "server.go")); strings.Contains(srv, "DescribePodIdentityAssociation") {
		t.Errorf("-operations: the server still serves DescribePodIdentityAssociation")
	}
	if pag := read(t, filepath.Join(mod, "ops", "paginators.go")); !strings.Contains(pag, "ListPodIdentityAssociationsPaginator") {
		t.Errorf("-operations: paginators.go lacks the kept operation's paginator")
	}
	types := read(t, filepath.Join(mod, "ops", "types", "types.go"))
	if !strings.Contains(types, "type PodIdentityAssociationSummary struct") || strings.Contains(types, "type PodIdentityAssociation struct") {
		t.Errorf("-operations: types.go should declare PodIdentityAssociationSummary (ListPodIdentityAssociations') and not PodIdentityAssociation:\n%s", types)
	}
	if doc := read(t, filepath.Join(mod, "ops", "doc.go")); !strings.Contains(doc, "1 of the model's 5 operations") {
		t.Errorf("-operations: doc.go does not say operations were left out:\n%s", doc)
	}
	if doc := read(t, filepath.Join(mod, "all", "doc.go")); strings.Contains(doc, "left out") {
		t.Errorf("a whole generation's doc.go says operations were left out:\n%s", doc)
	}
	// an operation without a paginator: no paginators.go
	if one := generate("one", eksModel, "-operations", "DescribePodIdentityAssociation"); one["paginators.go"] || !one["client.go"] {
		t.Errorf("-operations DescribePodIdentityAssociation wrote %s; want a client and no paginators.go", sortedKeys(one))
	}

	// eks-auth has patterns, whose test -tests adds; a later run without it removes it
	withTests := generate("withtests", eksAuthModel, "-tests")
	const patternTest = "internal/validators/validators_test.go"
	if !withTests[patternTest] {
		t.Errorf("-tests did not write %s: %s", patternTest, sortedKeys(withTests))
	}
	goIn(t, mod, "vet", "./...")
	goIn(t, mod, "test", "./withtests/...")
	if again := generate("withtests", eksAuthModel); again[patternTest] {
		t.Errorf("a run without -tests left %s in place", patternTest)
	}
}

// unspokenModel is a small model of a protocol svcgen speaks neither way (a made-up
// one, with no alternative): svcgen generates no server for it.
const unspokenModel = `{
  "metadata": {"protocol": "smithy-rpc-v3-unknown", "serviceId": "Q", "apiVersion": "2024-01-01", "xmlNamespace": "https://example.com/doc/2024-01-01/", "signatureVersion": "v4", "endpointPrefix": "q"},
  "operations": {"Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}},
  "shapes": {}
}
`

// TestGeneratePartsUsage: flags that cannot be honoured are usage errors (exit 2) that
// say why and write nothing.
func TestGeneratePartsUsage(t *testing.T) {
	for _, tc := range []struct {
		name  string
		model string
		flags []string
		want  []string
	}{
		{"both", eksAuthModel, []string{"-client-only", "-server-only"}, []string{"-client-only and -server-only exclude each other"}},
		{"unknown operation", eksAuthModel, []string{"-operations", "AssumeRoleForPodIdentity,DescribeCluster"},
			[]string{`-operations: the model has no operation "DescribeCluster"; its operations are: AssumeRoleForPodIdentity`}},
		{"no operation named", eksAuthModel, []string{"-operations", " , "}, []string{"names no operation"}},
		{"server-only without a server", "", []string{"-server-only"}, []string{"-server-only: svcgen does not generate a server for the smithy-rpc-v3-unknown protocol"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			model := tc.model
			if model == "" {
				model = writeModel(t, unspokenModel)
			}
			out := t.TempDir()
			args := append([]string{"generate", "-model", model, "-out", out, "-import-path", "example.com/x"}, tc.flags...)
			code, stdout, stderr := runCLI(t, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("wrote %d entries into -out", len(entries))
			}
		})
	}
	t.Run("query model generates without the flag", func(t *testing.T) {
		if code, _, stderr := runCLI(t, "generate", "-model", writeModel(t, unspokenModel), "-out", t.TempDir(), "-import-path", "example.com/x"); code != 0 {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}
