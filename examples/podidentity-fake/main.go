// Command podidentity-fake serves an in-memory EKS Pod Identity (the
// pod-identity-association operations of EKS, and EKS Auth's AssumeRoleForPodIdentity)
// on one address, for tests and local development. See package fake for what it
// models, and README.md.
//
//	go run ./examples/podidentity-fake -addr 127.0.0.1:8080
//
// It stops gracefully on SIGINT or SIGTERM (a second signal kills it at once).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/svcgen/svcgen/examples/podidentity-fake/fake"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal gets the default behaviour: exit at once
	}()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "podidentity-fake:", err)
		os.Exit(1)
	}
}

// run parses the flags, listens, and serves until ctx is done.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("podidentity-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	region := fs.String("region", fake.DefaultRegion, "region in association ARNs")
	account := fs.String("account", fake.DefaultAccountID, "account id in association ARNs")
	keyID := fs.String("access-key-id", fake.DefaultAccessKeyID, "the access key id requests must be signed with")
	secret := fs.String("secret-access-key", fake.DefaultSecretAccessKey, "its secret access key")
	unsigned := fs.Bool("unsigned", false, "accept requests without checking their SigV4 signatures")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger.Info("podidentity-fake listening", "addr", ln.Addr().String(), "region", *region, "account", *account, "unsigned", *unsigned)
	f := fake.New(fake.Options{Region: *region, AccountID: *account, Logger: logger,
		Credentials: map[string]string{*keyID: *secret}, Unsigned: *unsigned})
	if err := f.Serve(ctx, ln); err != nil {
		return err
	}
	logger.Info("podidentity-fake stopped")
	return nil
}
