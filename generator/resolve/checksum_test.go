package resolve_test

import (
	"fmt"
	"strings"
	"testing"
)

// httpChecksumModel has the httpChecksum traits of S3's PutObject and GetObject, and
// one whose members are wrong.
const httpChecksumModel = `
    "Put": {
      "http": {"method": "PUT", "requestUri": "/{Key}"},
      "input": {"shape": "PutInput"},
      "httpChecksum": {"requestAlgorithmMember": "ChecksumAlgorithm", "requestChecksumRequired": true}
    },
    "Get": {
      "http": {"method": "GET", "requestUri": "/{Key}"},
      "input": {"shape": "GetInput"},
      "httpChecksum": {"requestValidationModeMember": "ChecksumMode", "responseAlgorithms": ["CRC32", "SHA256"]}
    }`

const httpChecksumShapes = `
    "PutInput": {"type": "structure", "required": ["Key"], "members": {
      "Key": {"shape": "S", "location": "uri", "locationName": "Key"},
      "ChecksumAlgorithm": {"shape": "S", "location": "header", "locationName": "x-amz-sdk-checksum-algorithm"}
    }},
    "GetInput": {"type": "structure", "required": ["Key"], "members": {
      "Key": {"shape": "S", "location": "uri", "locationName": "Key"},
      "ChecksumMode": {"shape": "S", "location": "header", "locationName": "x-amz-checksum-mode"}
    }},
    "S": {"type": "string"}`

func TestHTTPChecksum(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-xml", httpChecksumModel, httpChecksumShapes), nil)
	put := operation(t, svc, "Put").Checksum
	if put == nil || !put.RequestRequired || put.AlgorithmMember == nil || put.AlgorithmMember.LocationName != "x-amz-sdk-checksum-algorithm" || put.ValidationModeMember != nil {
		t.Fatalf("Put's httpChecksum: %+v", put)
	}
	get := operation(t, svc, "Get").Checksum
	if get == nil || get.RequestRequired || get.ValidationModeMember == nil || get.ValidationModeMember.LocationName != "x-amz-checksum-mode" ||
		strings.Join(get.ResponseAlgorithms, ",") != "CRC32,SHA256" {
		t.Fatalf("Get's httpChecksum: %+v", get)
	}
	// A member that is not there is an error; one not in a header is left out.
	bad := strings.Replace(httpChecksumModel, `"requestAlgorithmMember": "ChecksumAlgorithm"`, `"requestAlgorithmMember": "Nope"`, 1)
	diags := resolveDiags(t, modelWith("rest-xml", bad, httpChecksumShapes))
	if !diags.HasErrors() || !strings.Contains(fmt.Sprint(diags), `requestAlgorithmMember "Nope" is not an input member`) {
		t.Errorf("a missing member: %v", diags)
	}
	body := strings.Replace(httpChecksumShapes, `"ChecksumMode": {"shape": "S", "location": "header", "locationName": "x-amz-checksum-mode"}`, `"ChecksumMode": {"shape": "S"}`, 1)
	diags = resolveDiags(t, modelWith("rest-xml", httpChecksumModel, body))
	if diags.HasErrors() || !strings.Contains(fmt.Sprint(diags), "not bound to a header") {
		t.Errorf("a body member: %v", diags)
	}
	// A trait that is not an object is reported where it is.
	diags = resolveDiags(t, modelWith("rest-xml", strings.Replace(httpChecksumModel, `"httpChecksum": {"requestValidationModeMember"`, `"httpChecksum": 1, "x": {"requestValidationModeMember"`, 1), httpChecksumShapes))
	if !diags.HasErrors() || !strings.Contains(fmt.Sprint(diags), `"httpChecksum" must be an object`) {
		t.Errorf("a trait that is not an object: %v", diags)
	}
}
