package types_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/gen/eks/types"
)

// Every EKS error type is a smithy-go APIError.
var (
	_ smithy.APIError = (*types.InvalidParameterException)(nil)
	_ smithy.APIError = (*types.InvalidRequestException)(nil)
	_ smithy.APIError = (*types.ResourceInUseException)(nil)
	_ smithy.APIError = (*types.ResourceLimitExceededException)(nil)
	_ smithy.APIError = (*types.ResourceNotFoundException)(nil)
	_ smithy.APIError = (*types.ServerException)(nil)
)

// modeledError is what every generated error type offers.
type modeledError interface {
	smithy.APIError
	HTTPStatusCode() int
}

func ptr[T any](v T) *T { return &v }

func TestErrorTraits(t *testing.T) {
	for _, c := range []struct {
		err    modeledError
		code   string
		status int
		fault  smithy.ErrorFault
	}{
		{&types.InvalidParameterException{Message: ptr("bad parameter")}, "InvalidParameterException", 400, smithy.FaultClient},
		{&types.InvalidRequestException{Message: ptr("bad request")}, "InvalidRequestException", 400, smithy.FaultClient},
		{&types.ResourceInUseException{Message: ptr("in use")}, "ResourceInUseException", 409, smithy.FaultClient},
		{&types.ResourceLimitExceededException{Message: ptr("too many")}, "ResourceLimitExceededException", 400, smithy.FaultClient},
		{&types.ResourceNotFoundException{Message: ptr("no such cluster"), ClusterName: ptr("prod")}, "ResourceNotFoundException", 404, smithy.FaultClient},
		{&types.ServerException{Message: ptr("try again")}, "ServerException", 500, smithy.FaultServer},
	} {
		t.Run(c.code, func(t *testing.T) {
			if got := c.err.ErrorCode(); got != c.code {
				t.Errorf("ErrorCode() = %q, want %q", got, c.code)
			}
			if got := c.err.HTTPStatusCode(); got != c.status {
				t.Errorf("HTTPStatusCode() = %d, want %d", got, c.status)
			}
			if got := c.err.ErrorFault(); got != c.fault {
				t.Errorf("ErrorFault() = %v, want %v", got, c.fault)
			}
			msg := c.err.ErrorMessage()
			if msg == "" {
				t.Error("ErrorMessage() is empty")
			}
			if want := c.code + ": " + msg; c.err.Error() != want {
				t.Errorf("Error() = %q, want %q", c.err.Error(), want)
			}
			wrapped := fmt.Errorf("eks: create association: %w", fmt.Errorf("attempt 3: %w", c.err))
			var api smithy.APIError
			if !errors.As(wrapped, &api) || api.ErrorCode() != c.code || api.ErrorMessage() != msg {
				t.Errorf("errors.As(%v, *smithy.APIError) fails", wrapped)
			}
			var status interface{ HTTPStatusCode() int }
			if !errors.As(wrapped, &status) || status.HTTPStatusCode() != c.status {
				t.Errorf("errors.As(%v, HTTPStatusCode) fails", wrapped)
			}
		})
	}
}

func TestErrorsAsConcreteType(t *testing.T) {
	err := fmt.Errorf("describe: %w", &types.ResourceNotFoundException{Message: ptr("no such association"), ClusterName: ptr("prod")})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Fatal("errors.As does not find *types.ResourceNotFoundException")
	}
	if *nf.ClusterName != "prod" || nf.ErrorMessage() != "no such association" {
		t.Errorf("found %+v", nf)
	}
	var inUse *types.ResourceInUseException
	if errors.As(err, &inUse) {
		t.Error("errors.As finds a ResourceInUseException in a ResourceNotFoundException")
	}
	if got := err.Error(); got != "describe: ResourceNotFoundException: no such association" {
		t.Errorf("Error() = %q", got)
	}
}

func TestErrorWithoutMessage(t *testing.T) {
	var err modeledError = &types.ServerException{}
	if err.ErrorMessage() != "" || err.Error() != "ServerException: " {
		t.Errorf("ErrorMessage() = %q, Error() = %q", err.ErrorMessage(), err.Error())
	}
	var none *types.ServerException
	if none.ErrorMessage() != "" {
		t.Error("a nil error's message is not empty")
	}
}
