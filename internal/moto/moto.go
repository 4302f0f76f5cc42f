//go:build unix

// Package moto starts moto (a real AWS emulator, moto_server on PATH) for the tests
// that check generated code against it: on a free loopback port, in a process group of
// its own that the test stops by its PID when it ends.
package moto

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// Require finds moto_server: outside CI its absence skips the test, under CI
// (CI=true) it fails it.
func Require(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("moto_server")
	if err != nil {
		msg := fmt.Sprintf("moto_server not found on PATH (%v); install moto (pip install 'moto[server]') to run the tests against it", err)
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s; under CI a missing emulator is a failure", msg)
		}
		t.Skipf("%s; skipping", msg)
	}
	return path
}

// Start starts moto_server on a free loopback port in its own process group,
// waits until it answers, and stops it (the whole group, by its PID) when the test
// ends. It returns the endpoint, "http://127.0.0.1:PORT".
func Start(t testing.TB, path string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// on Linux moto also goes when this test process dies without cleaning up (killed
	// on a timeout)
	setDeathSignal(cmd.SysProcAttr)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting moto_server: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	pgid := cmd.Process.Pid
	t.Cleanup(func() {
		// moto_server may be a shim that starts python: signal the group it leads
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-done
		}
		// whatever the leader left behind in its group
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	})
	endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("moto_server exited before it answered: %v\n%s", err, logs.String())
		default:
		}
		resp, err := http.Get(endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return endpoint
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not answer on %s within 60s: %v\n%s", endpoint, err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
