// Package gen holds the packages svcgen generates from the models the project ships
// (../models), checked in. `go generate ./gen/` (or `make generate`) rewrites them; a
// test fails when they drift from what the generator writes.
package gen

//go:generate go run ../generator/cmd/svcgen generate -model ../models/eks-auth/service-2.json -out eksauth
//go:generate go run ../generator/cmd/svcgen generate -model ../models/eks/service-2.json -out eks
//go:generate go run ../generator/cmd/svcgen generate -model ../models/s3/service-2.json -out s3
