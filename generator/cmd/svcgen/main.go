// Command svcgen generates Go packages from AWS JSON service models.
//
//	svcgen check [-json] MODEL...
//	svcgen generate -model FILE -out DIR [-import-path PATH] [-package NAME]
//		[-client-only | -server-only] [-operations NAME,...] [-tests]
//	svcgen diff [-json] OLD NEW | svcgen diff [-json] -git REV PATH
//
// check loads and resolves each model and prints every diagnostic as
// file:line:col: shape.member: message; it exits 1 when a model has an error.
// generate runs the whole pipeline, writes the package into DIR and prints
// "DIR: N files: M changed, K unchanged". diff lists the changes between two versions
// of a model (generator/diff) and exits 1 when one breaks callers.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/svcgen/svcgen/generator/emit"
)

const usage = `svcgen generates Go packages from AWS JSON service models (service-2.json, or
api-2.json with docs-2.json beside it).

Usage:
  svcgen check [-json] MODEL...
        load and resolve each model; print every diagnostic as
        file:line:col: shape.member: message (JSON objects with -json);
        exit 0 when there are no errors (warnings allowed), 1 otherwise
  svcgen generate -model FILE -out DIR [-import-path PATH] [-package NAME]
                 [-client-only | -server-only] [-operations NAME,...] [-tests]
                 [-update-lock]
        generate the Go package for the model into DIR; PATH is DIR's Go
        import path (default: derived from the go.mod that contains DIR),
        NAME the package name (default: from the model's serviceId); prints
        how many files it wrote and leaves unchanged files untouched.
        -client-only writes no server, -server-only no client (not both);
        -operations keeps only the named operations (model names) and the
        shapes they reach; -tests also writes the generated packages' tests;
        when DIR/svcgen.lock exists, the package keeps the Go API it records
        (each decision printed on stderr); -update-lock writes it anew from
        the model (creating it opts in)
  svcgen diff [-json] OLD NEW
  svcgen diff [-json] -git REV PATH
        list every change from the OLD model to the NEW one (or from PATH at
        git revision REV to PATH now) to the generated Go API and to the wire,
        each as old-file:line:col -> new-file:line:col, breaking or compatible;
        exit 1 when a change breaks callers, 0 when all are compatible

Run 'svcgen COMMAND -h' for the flags of a command.
`

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(emit.GCPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks errors after which the usage was printed; they exit 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "check":
		var failed bool
		failed, err = check(args[1:], stdout, stderr)
		if err == nil && failed {
			return 1
		}
	case "generate":
		err = generate(args[1:], stdout, stderr)
	case "diff":
		err = diffCmd(args[1:], stdout, stderr)
		if errors.Is(err, errBreaking) {
			return 1
		}
	default:
		fmt.Fprintf(stderr, "svcgen: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "svcgen: %v\n", err)
		return 1
	}
}

// flags makes a flag set that prints its usage to stderr and reports errors as errUsage.
func flags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: svcgen %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
