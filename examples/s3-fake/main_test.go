package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestRunFlags: run refuses unknown flags and arguments, and serves until its context
// is done.
func TestRunFlags(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-nope"}, &out); err == nil {
		t.Error("an unknown flag was accepted")
	}
	if err := run(context.Background(), []string{"extra"}, &out); err == nil || !strings.Contains(err.Error(), "unexpected arguments") {
		t.Errorf("an argument: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	out.Reset()
	if err := run(ctx, []string{"-addr", "127.0.0.1:0", "-unsigned"}, &out); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "s3-fake listening") || !strings.Contains(s, "signed=false") || !strings.Contains(s, "s3-fake stopped") {
		t.Errorf("log: %s", s)
	}
}
