// Command floor is the program the size table measures binary growth over: one JSON
// request and response with net/http and encoding/json alone, no SDK (package
// floorcode).
package main

import (
	"os"

	"github.com/svcgen/svcgen/bench/size/floorcode"
)

func main() {
	endpoint := "http://127.0.0.1:4566"
	if len(os.Args) > 1 {
		endpoint = os.Args[1]
	}
	floorcode.Run(endpoint)
}
