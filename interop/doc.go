// Package interop holds the interop suite: it generates clients for real corpus models
// of every client protocol, starts moto (a real AWS emulator) on a loopback port, and
// runs user scenarios (testdata/scenarios, compiled only inside a scratch module beside
// the generated packages) against it. Run it with `make interop`.
package interop
