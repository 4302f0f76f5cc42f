package bench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
	"golang.org/x/mod/modfile"
)

// The programs testdata/size holds, built for the size table: a bare net/http +
// encoding/json program (the floor, whose work is package floorcode), and one call of
// each service with svcgen's client and with aws-sdk-go-v2's.
var programs = []string{"floor", "svcgen-eks", "sdk-eks", "svcgen-s3", "sdk-s3", "svcgen-ec2", "sdk-ec2"}

const module = "github.com/svcgen/svcgen/bench"

// withFloor is written beside each one-call program: built with the withfloor tag, the
// program also links the floor program's work (package floorcode), and runs it when
// given a second argument.
const withFloor = `//go:build withfloor

package main

import (
	"os"

	"github.com/svcgen/svcgen/bench/size/floorcode"
)

func init() {
	if len(os.Args) > 2 {
		floorcode.Run(os.Args[2])
	}
}
`

// TestSize prints the size table: the wall time and peak memory of compiling the
// ec2 and s3 service packages (everything else in the build cache), svcgen's
// (generated from the corpus) and aws-sdk-go-v2's, then each with its subpackages
// (svcgen's types, internal/serde and internal/validators; aws-sdk-go-v2's types and
// internal/endpoints: what regenerating the service recompiles; peak memory is the
// biggest of the compiles), and the binary growth of one call
// over the floor program, for eks DescribeCluster, s3 PutObject and ec2
// DescribeInstances (svcgen's packages generated from the corpus models, whole: eks
// too, not the Pod Identity subset in gen/eks). Both sides
// are built in the same run, from the same cache state, with default flags. It runs
// only when asked (BENCH_SIZE=1, as `make bench-size` does): it takes minutes.
func TestSize(t *testing.T) {
	if os.Getenv("BENCH_SIZE") == "" {
		t.Skip("set BENCH_SIZE=1 (make bench-size) to print the size table")
	}
	shareddata.Require(t, shareddata.CorpusPath(), "the corpus (its ec2, s3 and eks models)")
	corpus, err := shareddata.ReadCorpus(shareddata.CorpusPath())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pkgs := map[string][]emit.File{}
	for _, s := range corpus {
		if s.Name != "ec2" && s.Name != "s3" && s.Name != "eks" {
			continue
		}
		files, err := scratch.Generate(s, module+"/gen/"+s.Name)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		for _, f := range files {
			if !strings.HasSuffix(f.Path, "_test.go") && !strings.HasPrefix(f.Path, "server/") {
				pkgs["gen/"+s.Name] = append(pkgs["gen/"+s.Name], f)
			}
		}
	}
	if len(pkgs) != 3 {
		t.Fatalf("the corpus lacks ec2, s3 or eks: generated %d packages", len(pkgs))
	}
	for name, files := range pkgs {
		for _, f := range files {
			if err := scratch.WriteFile(dir, name+"/"+f.Path, f.Data); err != nil {
				t.Fatal(err)
			}
		}
	}
	writeModule(t, dir)
	sources := []string{"floorcode/floorcode.go"}
	for _, p := range programs {
		sources = append(sources, p+"/main.go")
	}
	for _, f := range sources {
		src, err := os.ReadFile(filepath.Join("testdata", "size", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := scratch.WriteFile(dir, "size/"+f, src); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range programs[1:] { // the one-call programs
		if err := scratch.WriteFile(dir, "size/"+p+"/withfloor.go", []byte(withFloor)); err != nil {
			t.Fatal(err)
		}
	}

	// The binaries first: this fills the cache with every dependency of both sides.
	// Each one-call program is built twice: as it is, and with the floor program's
	// work in it too (what the call adds to a program that already uses net/http and
	// encoding/json, whichever of their code the call itself links or not).
	size := map[string]int64{}
	build := func(name, p string, flags ...string) {
		bin := filepath.Join(dir, "bin", name)
		args := append(append([]string{"build"}, flags...), "-o", bin, "./size/"+p)
		if _, err := goCmd(t, dir, args...); err != nil {
			t.Fatalf("building %s: %v", name, err)
		}
		fi, err := os.Stat(bin)
		if err != nil {
			t.Fatal(err)
		}
		size[name] = fi.Size()
	}
	build("floor", "floor")
	for _, p := range programs[1:] {
		build(p, p)
		build(p+"+floor", p, "-tags", "withfloor")
	}
	// Then each service package alone: a compiler flag that changes nothing in the
	// code (-D, the directory of local imports, which module code has none of) and is
	// new each run makes the go command compile that package again, and only it.
	type cost struct {
		wall time.Duration
		rss  int64 // bytes
	}
	// compile recompiles pattern's packages among pkg's dependencies: pkg alone, or
	// pkg/... for the service's whole tree (its types, serde and validators packages:
	// what a change of model recompiles).
	compile := func(pkg, pattern string) cost {
		nonce := fmt.Sprintf("-gcflags=%s=-D=/svcgen-size-%d", pattern, time.Now().UnixNano())
		start := time.Now()
		rss, err := measuredGo(dir, "build", nonce, pkg)
		if err != nil {
			t.Fatalf("compiling %s: %v", pkg, err)
		}
		return cost{time.Since(start), rss}
	}
	targets := []struct{ name, ours, theirs string }{
		{"ec2", module + "/gen/ec2", "github.com/aws/aws-sdk-go-v2/service/ec2"},
		{"s3", module + "/gen/s3", "github.com/aws/aws-sdk-go-v2/service/s3"},
	}
	compiled, trees := map[string][2]cost{}, map[string][2]cost{}
	for _, tg := range targets {
		compiled[tg.name] = [2]cost{compile(tg.ours, tg.ours), compile(tg.theirs, tg.theirs)}
		trees[tg.name] = [2]cost{compile(tg.ours, tg.ours+"/..."), compile(tg.theirs, tg.theirs+"/...")}
	}

	mb := func(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
	fmt.Printf("\n| what | svcgen | aws-sdk-go-v2 | ratio |\n|---|---:|---:|---:|\n")
	row := func(what string, c [2]cost) {
		fmt.Printf("| %s: wall, peak memory | %.1f s, %s | %.1f s, %s | %.2f, %.2f |\n", what,
			c[0].wall.Seconds(), mb(c[0].rss), c[1].wall.Seconds(), mb(c[1].rss),
			c[0].wall.Seconds()/c[1].wall.Seconds(), float64(c[0].rss)/float64(c[1].rss))
	}
	for _, tg := range targets {
		row("compile the "+tg.name+" package", compiled[tg.name])
		row("compile the "+tg.name+" package with its subpackages (types, serde, ...)", trees[tg.name])
	}
	floor := size["floor"]
	for _, g := range []struct{ what, name string }{{"eks (DescribeCluster)", "eks"}, {"s3 PutObject", "s3"}, {"ec2 DescribeInstances", "ec2"}} {
		ours, theirs := size["svcgen-"+g.name]-floor, size["sdk-"+g.name]-floor
		fmt.Printf("| binary growth over the bare net/http+json program (%s), one call: %s | %s | %s | %.2f |\n",
			mb(floor), g.what, mb(ours), mb(theirs), float64(ours)/float64(theirs))
		ours, theirs = size["svcgen-"+g.name+"+floor"]-floor, size["sdk-"+g.name+"+floor"]-floor
		fmt.Printf("| same, the call added to the bare program (its JSON and HTTP code linked too): %s | %s | %s | %.2f |\n",
			g.what, mb(ours), mb(theirs), float64(ours)/float64(theirs))
	}
	lines := func(d string) int {
		n := 0
		files, _ := filepath.Glob(filepath.Join(d, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, _ := os.ReadFile(f)
			n += bytes.Count(b, []byte{'\n'})
		}
		return n
	}
	sdkEC2, err := goCmdOut(dir, "list", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go-v2/service/ec2")
	if err != nil {
		t.Fatal(err)
	}
	ours := 0
	filepath.WalkDir(filepath.Join(dir, "gen", "ec2"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			ours += lines(p)
		}
		return nil
	})
	fmt.Printf("\ngenerated ec2: %d lines of Go (its packages, tests left out); aws-sdk-go-v2's service/ec2 package: %d\n", ours, lines(strings.TrimSpace(sdkEC2)))
	fmt.Printf("(one run each; wall times and memory include the go command's own work, the same on both sides; %s)\n", goVersion(dir))
}

// writeModule writes the go.mod (bench's, with svcgen replaced by this checkout) and
// go.sum of the scratch module in dir.
func writeModule(t *testing.T, dir string) {
	data, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if err := mf.AddReplace("github.com/svcgen/svcgen", "", root, ""); err != nil {
		t.Fatal(err)
	}
	out, err := mf.Format()
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
}

func goEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
}

// goCmd runs the go command in dir and returns its state (its rusage covers the
// compiler it ran).
func goCmd(t *testing.T, dir string, args ...string) (*os.ProcessState, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, goEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return cmd.ProcessState, nil
}

// measuredGo runs the go command in dir through a fresh copy of this test binary
// (TestMain's measure mode) and returns the peak memory of the largest process of the
// build. The go command cannot be started from this process: Linux counts the memory
// a process had before its exec in its peak, and a child started from here begins as
// a view of this process, which holds the generated packages (hundreds of MB, the
// floor under every figure).
func measuredGo(dir string, args ...string) (int64, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(self, args...)
	cmd.Dir, cmd.Env = dir, append(goEnv(), measureEnv+"=1")
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		return 0, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	var rss int64
	if _, err := fmt.Sscan(string(out), &rss); err != nil {
		return 0, fmt.Errorf("go %s: measure mode printed %q", strings.Join(args, " "), out)
	}
	return rss, nil
}

// measureEnv switches TestMain to measure mode: run the go command with the
// arguments given, print the peak memory (bytes) of its largest process, and exit.
const measureEnv = "SVCGEN_BENCH_MEASURE"

func TestMain(m *testing.M) {
	if os.Getenv(measureEnv) != "1" {
		os.Exit(m.Run())
	}
	cmd := exec.Command("go", os.Args[1:]...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024)
	os.Exit(0)
}

func goCmdOut(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, goEnv()
	out, err := cmd.Output()
	return string(out), err
}

func goVersion(dir string) string {
	v, _ := goCmdOut(dir, "env", "GOVERSION")
	return strings.TrimSpace(v)
}
