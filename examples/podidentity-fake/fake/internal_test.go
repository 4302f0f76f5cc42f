package fake

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

func TestParseToken(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	tok := func(payload string) string {
		return enc([]byte(`{"alg":"none"}`)) + "." + enc([]byte(payload)) + ".sig"
	}
	unsigned := strings.TrimSuffix(tok(`{"sub":"system:serviceaccount:a:b","exp":1}`), "sig")
	for _, c := range []struct {
		name, token string
		ns, sa      string
		exp         time.Time
		err         string
	}{
		{"ok", tok(`{"sub":"system:serviceaccount:kube-system:aws-node","exp":1700000000}`), "kube-system", "aws-node", time.Unix(1700000000, 0), ""},
		{"fractional exp", tok(`{"sub":"system:serviceaccount:a:b","exp":1700000000.5}`), "a", "b", time.Unix(1700000000, 5e8), ""},
		{"padded payload", enc([]byte("{}")) + "." + base64.URLEncoding.EncodeToString([]byte(`{"sub":"system:serviceaccount:a:b","exp":1}`)) + ".s", "a", "b", time.Unix(1, 0), ""},
		{"empty signature", unsigned, "a", "b", time.Unix(1, 0), ""},
		{"two parts", "a.b", "", "", time.Time{}, "3 dot-separated parts"},
		{"empty", "", "", "", time.Time{}, "3 dot-separated parts"},
		{"bad base64", "a.!!!.c", "", "", time.Time{}, "base64url"},
		{"standard base64", "a." + base64.StdEncoding.EncodeToString([]byte(`{"sub":"??>>"}`)) + ".c", "", "", time.Time{}, "base64url"},
		{"array", tok(`["sub"]`), "", "", time.Time{}, "JSON object"},
		{"trailing data", tok(`{"sub":"system:serviceaccount:a:b","exp":1} x`), "", "", time.Time{}, "JSON object"},
		{"no sub", tok(`{"exp":1}`), "", "", time.Time{}, `"sub" claim is missing`},
		{"sub not a service account", tok(`{"sub":"system:node:ip-10-0-0-1","exp":1}`), "", "", time.Time{}, "system:serviceaccount"},
		{"sub with an extra colon", tok(`{"sub":"system:serviceaccount:a:b:c","exp":1}`), "", "", time.Time{}, "system:serviceaccount"},
		{"sub without namespace", tok(`{"sub":"system:serviceaccount::b","exp":1}`), "", "", time.Time{}, "system:serviceaccount"},
		{"sub not a string", tok(`{"sub":7,"exp":1}`), "", "", time.Time{}, "JSON object"},
		{"no exp", tok(`{"sub":"system:serviceaccount:a:b"}`), "", "", time.Time{}, `"exp" claim is missing`},
		{"null exp", tok(`{"sub":"system:serviceaccount:a:b","exp":null}`), "", "", time.Time{}, `"exp" claim is missing`},
	} {
		got, err := parseToken(c.token)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want one saying %q", c.name, err, c.err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.name, err)
		case got.namespace != c.ns || got.account != c.sa || !got.expires.Equal(c.exp):
			t.Errorf("%s: %+v, want %s %s %v", c.name, got, c.ns, c.sa, c.exp)
		}
	}
}

func TestSessionName(t *testing.T) {
	if s := sessionName("prod", "app"); !strings.HasPrefix(s, "eks-prod-app-") || len(s) != len("eks-prod-app-")+36 {
		t.Errorf("session name %q", s)
	}
	long := sessionName(strings.Repeat("c", 100), strings.Repeat("s", 63))
	if len(long) != maxSessionName || !strings.HasPrefix(long, "eks-ccc") {
		t.Errorf("session name of %d characters: %q", len(long), long)
	}
}

func TestParseRoleArn(t *testing.T) {
	f := New(Options{Region: "cn-north-1", AccountID: "123"})
	for _, c := range []struct{ arn, partition, account, name string }{
		{"arn:aws:iam::111122223333:role/app", "aws", "111122223333", "app"},
		{"arn:aws-us-gov:iam::999:role/path/to/app", "aws-us-gov", "999", "app"},
		{"not-an-arn", "aws-cn", "123", "not-an-arn"},
		{"arn:aws:iam:::role/", "aws", "123", "role"},
	} {
		p, a, n := f.parseRoleArn(c.arn)
		if p != c.partition || a != c.account || n != c.name {
			t.Errorf("%s: %s %s %s, want %s %s %s", c.arn, p, a, n, c.partition, c.account, c.name)
		}
	}
}

func TestIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := newAssociationID()
		if len(id) != 19 || strings.Trim(id[2:], lowerAlnum) != "" || seen[id] {
			t.Fatalf("association id %q (or a repeat)", id)
		}
		seen[id] = true
	}
	if k := newAccessKeyID(); len(k) != 20 || !strings.HasPrefix(k, "ASIA") {
		t.Errorf("access key id %q", k)
	}
	if s := newSecretAccessKey(); len(s) != 40 {
		t.Errorf("secret key %q", s)
	}
	if u := newUUID(); len(u) != 36 || u[14] != '4' {
		t.Errorf("uuid %q", u)
	}
	if roleID("arn:x") != roleID("arn:x") || roleID("arn:x") == roleID("arn:y") || len(roleID("arn:x")) != 21 {
		t.Errorf("role ids %s %s", roleID("arn:x"), roleID("arn:y"))
	}
}

func TestListToken(t *testing.T) {
	tok := listToken("prod", 42)
	if seq, ok := parseListToken(tok, "prod"); !ok || seq != 42 {
		t.Errorf("round trip: %d %v", seq, ok)
	}
	for _, bad := range []string{"", "x", tok + "x", listToken("prod", 0)} {
		if _, ok := parseListToken(bad, "prod"); ok {
			t.Errorf("token %q accepted", bad)
		}
	}
	if _, ok := parseListToken(tok, "dev"); ok {
		t.Error("a token of another cluster was accepted")
	}
}
