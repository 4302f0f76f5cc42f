package main

import (
	"fmt"
	"io"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
)

// check prints the diagnostics of every model; failed is true when any has an error.
func check(args []string, stdout, stderr io.Writer) (failed bool, err error) {
	fs := flags("check", "check [-json] MODEL...", stderr)
	asJSON := fs.Bool("json", false, "print each diagnostic as a JSON object on its own line")
	if err := parse(fs, args); err != nil {
		return false, err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return false, errUsage
	}
	for _, path := range fs.Args() {
		diags := checkModel(path)
		for _, d := range diags {
			if *asJSON {
				fmt.Fprintf(stdout, "%s\n", d.JSON())
			} else {
				fmt.Fprintln(stdout, d.String())
			}
		}
		if diags.HasErrors() {
			failed = true
		}
	}
	return failed, nil
}

// checkModel loads and resolves one model and returns what was found.
func checkModel(path string) diag.List {
	m, diags := load.Load(path)
	if m == nil || diags.HasErrors() {
		return diags
	}
	_, more := resolve.Resolve(m, resolve.Options{})
	return append(diags, more...)
}
