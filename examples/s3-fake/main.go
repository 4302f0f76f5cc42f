// Command s3-fake serves an in-memory S3 (buckets, objects, ListObjectsV2, multipart
// uploads, checksums) on one address, for tests and local development. See package
// fake for what it models, and README.md.
//
//	go run ./examples/s3-fake -addr 127.0.0.1:9000
//	aws --endpoint-url http://127.0.0.1:9000 s3 ls
//
// Requests must be signed (SigV4, service s3) with the access key and secret given by
// -access-key-id and -secret-access-key; -unsigned turns the check off. It stops
// gracefully on SIGINT or SIGTERM (a second signal kills it at once).
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

	"github.com/svcgen/svcgen/examples/s3-fake/fake"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal gets the default behaviour: exit at once
	}()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "s3-fake:", err)
		os.Exit(1)
	}
}

// run parses the flags, listens, and serves until ctx is done.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("s3-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:9000", "address to listen on")
	region := fs.String("region", fake.DefaultRegion, "region of new buckets, and of request signatures")
	keyID := fs.String("access-key-id", fake.DefaultAccessKeyID, "the access key id requests are signed with")
	secret := fs.String("secret-access-key", fake.DefaultSecretAccessKey, "its secret")
	unsigned := fs.Bool("unsigned", false, "serve requests without checking their SigV4 signature")
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
	logger.Info("s3-fake listening", "addr", ln.Addr().String(), "region", *region, "signed", !*unsigned)
	f := fake.New(fake.Options{Region: *region, Credentials: map[string]string{*keyID: *secret}, Unsigned: *unsigned, Logger: logger})
	if err := f.Serve(ctx, ln); err != nil {
		return err
	}
	logger.Info("s3-fake stopped")
	return nil
}
