// Package endpoints resolves service endpoints from AWS endpoint rule sets
// (the endpoint-rule-set-1.json files published beside each service model,
// in the Smithy rules engine format) for generated clients.
//
// # Why an interpreter
//
// A rule set is a program: parameters, then rules (endpoint, error and tree
// rules) whose conditions call functions such as aws.partition, parseURL or
// isValidHostLabel, with templated URLs, headers and properties. It could be
// compiled into Go code per service, but the S3 rules alone would become
// thousands of lines in every generated package, and each service would carry
// its own copy of the same logic. Here the logic lives once, in this runtime
// package, and generated code stays small.
//
// Parse compiles a rule set's JSON into a compact tree so that evaluation does
// no JSON and no map lookups: each call holds its function's implementation,
// each reference a slot index (parameters first, then the variables that
// conditions assign, lexically scoped and sharing slots between sibling
// rules), each template its literal and reference parts, and each getAttr
// path its parsed steps. Values are typed structs, not interfaces, so
// resolving allocates little more than the URL string, and a Cache returns a
// client's endpoint without allocating at all.
//
// # The binary form
//
// Generated clients do not parse JSON: svcgen parses the rule set when it
// generates the client (a rule set that Parse rejects is a generation error),
// writes the compiled tree with Encode, and embeds the bytes as a string
// constant, which the client decodes once, on first use:
//
//	var ruleSet = sync.OnceValue(func() *endpoints.RuleSet { return endpoints.MustDecode(ruleSetData, endpoints.FnIsSet, endpoints.FnPartition) })
//
// The client names the functions of the rules language its rules call
// (RuleSet.Functions gives them to generators), and a program links the
// implementation of only those: ec2's rules do not link S3's ARN and bucket
// functions. Decode only rebuilds the tree (strings point into the constant), so a client
// program links neither Parse, its compiler nor a JSON decoder, and the data
// is about a quarter of the JSON's size. The form starts with a format version
// and a checksum: Decode rejects data that this version of the package did not
// write (MustDecode panics saying to regenerate with a matching svcgen), and
// checks everything Resolve relies on, so that no data can make it panic.
// Encode then Decode gives a rule set that resolves exactly as the parsed one,
// and encodes to the same bytes.
//
// # Use
//
//	rs := endpoints.MustParse(ruleSetJSON) // or endpoints.MustDecode(ruleSetData, endpoints.AllFunctions()...)
//	v := rs.NewValues()
//	v.SetString(rs.Index("Region"), "us-west-2")
//	ep, err := rs.Resolve(&v) // ep.URL == "https://eks.us-west-2.amazonaws.com"
//
// A client keeps a Cache (NewCache) and resolves through it, since its
// configuration rarely changes.
//
// # Semantics
//
// The package follows the Smithy rules engine specification (version 1.0, and
// 1.1 files that use only 1.0 functions): rules run in order; a condition whose
// function gives an unset value or false fails its rule; "assign" binds a
// condition's value for the rest of the rule and its subrules; a tree rule
// whose conditions hold is terminal. Functions: isSet, not, booleanEquals,
// stringEquals, getAttr, substring, uriEncode, parseURL, isValidHostLabel,
// aws.partition, aws.parseArn and aws.isVirtualHostableS3Bucket. Templates
// are "{Name}" and "{Name#attr.path[0]}"; "{{" and "}}" stand for braces.
//
// aws.partition consults a table of partitions built into the package (see
// BuiltinPartitions): a known region's partition first, else the first
// partition whose regionRegex matches, else the "aws" partition, as AWS SDKs
// do. Regions and partitions that AWS adds later can be
// taught at run time with LoadPartitions, which reads the partitions.json
// format, or SetPartitions.
package endpoints
