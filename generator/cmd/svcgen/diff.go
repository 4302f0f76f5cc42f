package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/svcgen/svcgen/generator/diff"
)

// errBreaking is returned when diff found a change that breaks callers: exit 1.
var errBreaking = fmt.Errorf("breaking changes")

func diffCmd(args []string, stdout, stderr io.Writer) error {
	fs := flags("diff", "diff [-json] OLD NEW | diff [-json] -git REV PATH", stderr)
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	rev := fs.String("git", "", "compare PATH as it was at this git revision (old) with PATH in the working tree (new)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var old, new diff.Version
	var err error
	switch {
	case *rev != "" && fs.NArg() == 1:
		if old, err = diff.Git(*rev, fs.Arg(0)); err != nil {
			return fmt.Errorf("old model: %w", err)
		}
		if new, err = diff.Load(fs.Arg(0)); err != nil {
			return fmt.Errorf("new model: %w", err)
		}
	case *rev == "" && fs.NArg() == 2:
		if old, err = diff.Load(fs.Arg(0)); err != nil {
			return fmt.Errorf("old model: %w", err)
		}
		if new, err = diff.Load(fs.Arg(1)); err != nil {
			return fmt.Errorf("new model: %w", err)
		}
	default:
		fs.Usage()
		return errUsage
	}
	r := diff.Compare(old, new)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else {
		breaking := 0
		for _, c := range r.Changes {
			fmt.Fprintln(stdout, c.String())
			if c.Breaking {
				breaking++
			}
		}
		fmt.Fprintf(stdout, "svcgen diff: %d changes, %d breaking\n", len(r.Changes), breaking)
	}
	if r.Breaking() {
		return errBreaking
	}
	return nil
}
