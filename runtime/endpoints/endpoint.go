package endpoints

// Endpoint is a resolved endpoint.
//
// An Endpoint returned by a Cache is shared between callers: treat Headers,
// Properties and AuthSchemes as read-only.
type Endpoint struct {
	// URL is the endpoint's URL: scheme, host, optional port and base path.
	URL string
	// Headers are transport headers to send with the request; nil when the rule
	// gives none.
	Headers map[string][]string
	// Properties holds the endpoint's properties exactly as the rule gives them
	// (authSchemes included), as JSON-like values: string, bool, float64, nil,
	// []any and map[string]any. Nil when the rule gives none.
	Properties map[string]any
	// AuthSchemes is Properties["authSchemes"] decoded, in order of preference.
	AuthSchemes []AuthScheme
}

// AuthScheme is one entry of an endpoint's authSchemes property: how to sign for
// this endpoint (for example name "sigv4", or "sigv4a" with a region set).
type AuthScheme struct {
	Name                  string
	SigningName           string
	SigningRegion         string
	SigningRegionSet      []string
	DisableDoubleEncoding *bool
}

// RuleError is the error that an error rule of the rule set selected. Its
// message is the rule's (templated) text, unchanged.
type RuleError struct {
	Message string
}

func (e *RuleError) Error() string { return e.Message }

// authSchemes decodes props["authSchemes"]; entries that are not objects are skipped.
func authSchemes(props map[string]any) []AuthScheme {
	list, _ := props["authSchemes"].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]AuthScheme, 0, len(list))
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		var a AuthScheme
		a.Name, _ = m["name"].(string)
		a.SigningName, _ = m["signingName"].(string)
		a.SigningRegion, _ = m["signingRegion"].(string)
		if set, ok := m["signingRegionSet"].([]any); ok {
			for _, r := range set {
				if s, ok := r.(string); ok {
					a.SigningRegionSet = append(a.SigningRegionSet, s)
				}
			}
		}
		if b, ok := m["disableDoubleEncoding"].(bool); ok {
			a.DisableDoubleEncoding = &b
		}
		out = append(out, a)
	}
	return out
}
