package client

import (
	"runtime"
	"strings"
)

// Version is the svcgen version that generated clients name in their User-Agent.
const Version = "0.1.0"

// defaultUserAgent is the User-Agent of a Config that sets none.
var defaultUserAgent = UserAgent("", "", "")

// UserAgent returns the User-Agent header a client sends, in the AWS SDKs' format:
// "svcgen/0.1.0 lang/go#1.26 os/linux api/eks#2017-11-01 app/myapp". serviceID and
// apiVersion name the service ("EKS", "2017-11-01"), appID is aws.Config's AppID;
// empty parts are left out. A generated client computes it once, in New.
func UserAgent(serviceID, apiVersion, appID string) string {
	var b strings.Builder
	b.WriteString("svcgen/" + Version)
	b.WriteString(" lang/go#" + strings.TrimPrefix(runtime.Version(), "go"))
	b.WriteString(" os/" + runtime.GOOS)
	if serviceID != "" {
		b.WriteString(" api/" + uaToken(strings.ToLower(strings.ReplaceAll(serviceID, " ", "-"))))
		if apiVersion != "" {
			b.WriteString("#" + uaToken(apiVersion))
		}
	}
	if appID != "" {
		b.WriteString(" app/" + uaToken(appID))
	}
	return b.String()
}

// uaToken replaces the characters a User-Agent token may not hold (RFC 9110's tchar,
// as the SDKs sanitize it) with '-'.
func uaToken(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)) {
			return r
		}
		return '-'
	}, s)
}
