// Package custom holds the per-service customizations: behaviours that AWS services
// expect from every client, and that both aws-sdk-go-v2 (service customizations) and
// botocore (handlers.py) add by hand because the model does not say them. They are
// kept here, in one table keyed by the model's serviceId, and turned into IR facts
// (ir.Service.Headers, ir.Member.TrimPrefixes, ir.Member.Default) that the emitters
// read like any other; the behaviour itself lives in runtime/client.
//
// The customizations both SDKs make that svcgen does not are listed too: the
// package docs of the affected service name them (ir.Service.NotCustomized).
package custom

import (
	"github.com/svcgen/svcgen/generator/ir"
)

// customization is what a service gets: apply changes the IR and returns one sentence
// per behaviour for the package docs.
type customization struct {
	apply func(svc *ir.Service) []string
	// notMade are the behaviours both SDKs have that svcgen lacks, one sentence each.
	notMade []string
}

// services are the customizations, by serviceId.
var services = map[string]customization{
	// Route 53 returns ids with their resource type ("/hostedzone/Z1", "/change/C2",
	// "/delegationset/N3") and takes them back without it; both SDKs strip the
	// prefix from the input members that refer to the ResourceId, DelegationSetId and
	// ChangeId shapes (botocore fix_route53_ids, aws-sdk-go-v2 sanitizeURLInput).
	"Route 53": {apply: route53},
	// Glacier (the Smithy "Amazon Glacier Customizations"): every request carries
	// X-Amz-Glacier-Version, the model's API version (botocore add_glacier_version,
	// aws-sdk-go-v2's glacier version header middleware); accountId defaults to "-",
	// the account of the credentials (botocore inject_account_id, aws-sdk-go-v2
	// setDefaultAccountID).
	"Glacier": {apply: glacier, notMade: []string{
		"UploadArchive and UploadMultipartPart do not compute the X-Amz-Sha256-Tree-Hash and X-Amz-Content-Sha256 headers (botocore add_glacier_checksums, aws-sdk-go-v2 AddTreeHashMiddleware): set Checksum yourself.",
	}},
	// API Gateway answers in JSON only when asked: both SDKs send
	// Accept: application/json (botocore add_accept_header, aws-sdk-go-v2
	// AddAcceptHeader).
	"API Gateway": {apply: func(svc *ir.Service) []string {
		svc.Headers = append(svc.Headers, ir.Header{Name: "Accept", Value: "application/json"})
		return []string{"Every request carries Accept: application/json, which API Gateway needs to answer in JSON."}
	}},
	// S3's GetBucketLocation answers with the LocationConstraint element alone, which
	// both SDKs read by hand (botocore parse_get_bucket_location, aws-sdk-go-v2's
	// GetBucketLocation deserializer).
	"S3": {apply: s3, notMade: []string{
		"Expect: 100-continue is not sent before large PutObject and UploadPart bodies (botocore add_expect_header, aws-sdk-go-v2 add100Continue).",
		"A CopyObject, UploadPartCopy or CompleteMultipartUpload answered with 200 and an error document is not turned into an error (botocore _handle_200_error, aws-sdk-go-v2 handle200Error).",
	}},
	"DynamoDB": {notMade: []string{
		"The X-Amz-Crc32 header of a response is not checked against the body (botocore's crc32 retry check, aws-sdk-go-v2's response checksum validation).",
	}},
	"RDS": {notMade: []string{
		"CopyDBSnapshot, CopyDBClusterSnapshot, CreateDBCluster, CreateDBInstanceReadReplica and StartDBInstanceAutomatedBackupsReplication do not fill PreSignedUrl from SourceRegion (botocore inject_presigned_url_rds, aws-sdk-go-v2's presigned URL customization): presign it yourself.",
	}},
	"EC2": {notMade: []string{
		"CopySnapshot does not fill PresignedUrl and DestinationRegion (botocore inject_presigned_url_ec2, aws-sdk-go-v2 addPresignedURL): presign the request yourself.",
	}},
}

// Apply sets the IR facts of the service's customizations.
func Apply(svc *ir.Service) {
	c, ok := services[svc.ServiceID]
	if !ok {
		return
	}
	if c.apply != nil {
		svc.Customizations = append(svc.Customizations, c.apply(svc)...)
	}
	svc.NotCustomized = append(svc.NotCustomized, c.notMade...)
}

// route53IDShapes are the shapes whose values Route 53 returns with a prefix.
var route53IDShapes = map[string]bool{"ResourceId": true, "DelegationSetId": true, "ChangeId": true}

// route53Prefixes are the prefixes both SDKs strip.
var route53Prefixes = []string{"/hostedzone/", "/change/", "/delegationset/"}

func route53(svc *ir.Service) []string {
	n := 0
	for _, op := range svc.Operations {
		for _, m := range op.Input.Members {
			if route53IDShapes[m.Shape.Name] && m.Shape.Kind == ir.String {
				m.TrimPrefixes = route53Prefixes
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	return []string{"Ids are taken as Route 53 returns them: the /hostedzone/, /change/ or /delegationset/ before an id is left out of the request."}
}

func glacier(svc *ir.Service) []string {
	svc.Headers = append(svc.Headers, ir.Header{Name: "X-Amz-Glacier-Version", Value: svc.APIVersion})
	out := []string{"Every request carries X-Amz-Glacier-Version: " + svc.APIVersion + ", the API version."}
	n := 0
	for _, op := range svc.Operations {
		for _, m := range op.Input.Members {
			if m.Name == "accountId" && m.Shape.Kind == ir.String {
				m.Default = "-"
				n++
			}
		}
	}
	if n > 0 {
		out = append(out, `An empty AccountId is sent as "-": the account of the credentials.`)
	}
	return out
}

func s3(svc *ir.Service) []string {
	for _, op := range svc.Operations {
		if op.Name != "GetBucketLocation" {
			continue
		}
		for _, m := range op.Output.Members {
			if m.Name == "LocationConstraint" && op.Output.Payload == nil && (m.Shape.Kind == ir.String || m.Shape.Kind == ir.Enum) {
				op.Output.XMLRootValue = m
				return []string{"GetBucketLocation reads LocationConstraint from the root element S3 answers with."}
			}
		}
	}
	return nil
}
