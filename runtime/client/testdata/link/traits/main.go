// Command traits calls an operation with the requestcompression and httpChecksum
// traits, for TestLinkedByTraits: it links compress/flate and the checksum
// algorithms.
package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/svcgen/svcgen/runtime/client"
)

var op = client.Operation{Name: "Traits", Compress: client.GzipRequest, Checksum: &client.HTTPChecksum{AlgorithmHeader: "x-amz-sdk-checksum-algorithm"}}

func main() {
	cfg := &client.Config{Endpoint: "http://127.0.0.1:1"}
	err := client.Call(context.Background(), cfg, &op, new(int), new(int),
		func(r *client.Request, in *int) error { r.Body = []byte("{}"); return nil },
		func(*http.Response, []byte, *int) error { return nil }, nil)
	fmt.Println(err)
}
