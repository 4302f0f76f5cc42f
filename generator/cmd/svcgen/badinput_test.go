package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/internal/shareddata"
)

// runCLI runs the command in-process and fails the test, rather than crashing the
// binary, when it panics.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("svcgen %s panicked: %v", strings.Join(args, " "), r)
			}
		}()
		code = run(args, &out, &errOut)
	}()
	stdout, stderr = out.String(), errOut.String()
	for _, s := range []string{stdout, stderr} {
		if strings.Contains(s, "goroutine") || strings.Contains(s, "panic") {
			t.Errorf("svcgen %s printed a stack trace:\n%s", strings.Join(args, " "), s)
		}
	}
	return code, stdout, stderr
}

// writeModel writes src to a service-2.json in a fresh folder and returns its path.
func writeModel(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "service-2.json")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheckTruncatedSeed: the seed the eks-auth model was written from breaks off
// inside the first documentation string (a raw newline at byte 942 of line 1, which
// holds 941 bytes before it).
func TestCheckTruncatedSeed(t *testing.T) {
	path := filepath.Join(shareddata.SharedDir(), "seeds", "000_d6dc4e7faee3c053.txt")
	shareddata.Require(t, path, "seed 000")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// the position claimed below, checked against the bytes
	if i := bytes.IndexByte(data, '\n'); i != 941 || data[940] != '"' {
		t.Fatalf("seed 000: first newline at offset %d (byte before %q), want 941 after the opening quote", i, data[max(i-1, 0)])
	}
	code, stdout, stderr := runCLI(t, "check", path)
	want := path + ":1:942: invalid JSON: invalid character '\\n' in string literal\n"
	if code != 1 || stdout != want || stderr != "" {
		t.Errorf("svcgen check seed 000: exit %d\nstdout: %q\nstderr: %q\nwant exit 1, stdout %q", code, stdout, stderr, want)
	}
}

// badModels are small models with one mistake each, and the one diagnostic (after the
// model's path) that `svcgen check` must print for it.
var badModels = []struct {
	name, model, want string
}{
	{
		name: "dangling shape reference",
		want: `:13:27: GetThingInput.name: refers to shape "Missing", which is not defined`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "members": {
        "name": {"shape": "Missing"}
      }
    }
  }
}
`,
	},
	{
		name: "required name that is not a member",
		want: `:12:28: GetThingInput.nmae: required member "nmae" is not a member of the structure`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "required": ["name", "nmae"],
      "members": {
        "name": {"shape": "String"}
      }
    },
    "String": {"type": "string"}
  }
}
`,
	},
	{
		name: "list without member",
		want: `:16:5: Names: list shape has no member`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "members": {
        "names": {"shape": "Names"}
      }
    },
    "Names": {
      "type": "list",
      "max": 10
    }
  }
}
`,
	},
	{
		name: "map without key",
		want: `:16:5: Tags: map shape has no key`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "members": {
        "tags": {"shape": "Tags"}
      }
    },
    "Tags": {
      "type": "map",
      "value": {"shape": "String"}
    },
    "String": {"type": "string"}
  }
}
`,
	},
	{
		name: "unknown shape type",
		want: `:16:23: Count: unknown shape type "int" (want one of structure, string, character, list, map, byte, short, integer, long, float, double, bigInteger, bigDecimal, boolean, timestamp, blob)`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "members": {
        "count": {"shape": "Count"}
      }
    },
    "Count": {"type": "int"}
  }
}
`,
	},
	{
		name: "min greater than max",
		want: `:18:14: Name: min 10 is greater than max 3`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "members": {
        "name": {"shape": "Name"}
      }
    },
    "Name": {
      "type": "string",
      "min": 10,
      "max": 3
    }
  }
}
`,
	},
	{
		name: "uri label with no member bound to it",
		want: `:5:47: GetThing: requestUri label {thingName} has no input member bound to it`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "GET", "requestUri": "/things/{thingName}"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "members": {
        "name": {"shape": "String"}
      }
    },
    "String": {"type": "string"}
  }
}
`,
	},
	{
		name: "member bound to a label that is not in requestUri",
		want: `:14:9: GetThingInput.name: bound to uri label {thingName}, which is not in requestUri "/things" of operation GetThing`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "GET", "requestUri": "/things"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "required": ["name"],
      "members": {
        "name": {"shape": "String", "location": "uri", "locationName": "thingName"}
      }
    },
    "String": {"type": "string"}
  }
}
`,
	},
	{
		// column 85 is the "}" after the trailing comma
		name: "invalid JSON in the middle of a line",
		want: `:10:85: invalid JSON: invalid character '}' looking for beginning of object key string`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {"type": "structure", "members": {"name": {"shape": "String"}},},
    "String": {"type": "string"}
  }
}
`,
	},
	{
		name: "shape that is not an object",
		want: `:16:15: String: a shape is an object, found an array`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "members": {
        "name": {"shape": "String"}
      }
    },
    "String": ["string"]
  }
}
`,
	},
	{
		name: "wrong JSON type for a key",
		want: `:18:14: Name: "min" must be a number, found a string`,
		model: `{
  "metadata": {"protocol": "rest-json", "serviceId": "Bad"},
  "operations": {
    "GetThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "GetThingInput"}
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "members": {
        "name": {"shape": "Name"}
      }
    },
    "Name": {
      "type": "string",
      "min": "3"
    }
  }
}
`,
	},
}

// TestCheckBadInput: every mistake gets exactly one clear diagnostic at the right
// line and column, and exit status 1.
func TestCheckBadInput(t *testing.T) {
	for _, tc := range badModels {
		t.Run(tc.name, func(t *testing.T) {
			path := writeModel(t, tc.model)
			code, stdout, stderr := runCLI(t, "check", path)
			if want := path + tc.want + "\n"; stdout != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
			}
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
		})
	}
}

// TestCheckBadInputJSON: with -json each diagnostic is one JSON object on its own line.
func TestCheckBadInputJSON(t *testing.T) {
	tc := badModels[0]
	path := writeModel(t, tc.model)
	code, stdout, stderr := runCLI(t, "check", "-json", path)
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want exit 1 and nothing on stderr", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one line, got %d:\n%s", len(lines), stdout)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, lines[0])
	}
	want := map[string]any{
		"file": path, "line": 13.0, "col": 27.0, "severity": "error",
		"shape": "GetThingInput", "member": "name",
		"message": `refers to shape "Missing", which is not defined`,
	}
	if len(got) != len(want) {
		t.Errorf("keys: got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %v (%T), want %v", k, got[k], got[k], v)
		}
	}
}

// TestCheckWarningsOnly: a model with warnings and no error exits 0.
func TestCheckWarningsOnly(t *testing.T) {
	path := writeModel(t, `{
  "metadata": {"protocol": "rest-json", "endpointPrefix": "things"},
  "operations": {
    "GetThing": {"http": {"method": "POST", "requestUri": "/"}}
  },
  "shapes": {}
}
`)
	code, stdout, _ := runCLI(t, "check", path)
	want := path + `:2:15: metadata: warning: no serviceId; the package is named "things" after the endpointPrefix` + "\n"
	if code != 0 || stdout != want {
		t.Errorf("exit %d, stdout %q; want exit 0 and %q", code, stdout, want)
	}
}

func TestUsage(t *testing.T) {
	t.Run("-h", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "-h")
		if code != 0 || !strings.Contains(stdout, "Usage:") || !strings.Contains(stdout, "svcgen check") || stderr != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit 0 and the usage on stdout", code, stdout, stderr)
		}
	})
	t.Run("check -h", func(t *testing.T) {
		code, _, stderr := runCLI(t, "check", "-h")
		if code != 0 || !strings.Contains(stderr, "usage: svcgen check") || !strings.Contains(stderr, "-json") {
			t.Errorf("exit %d, stderr %q; want exit 0 and the flags of check", code, stderr)
		}
	})
	t.Run("unknown flag", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "check", "-bogus", "model.json")
		if code != 2 || !strings.Contains(stderr, "flag provided but not defined: -bogus") || !strings.Contains(stderr, "usage: svcgen check") || stdout != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and the usage on stderr", code, stdout, stderr)
		}
	})
	t.Run("no arguments", func(t *testing.T) {
		code, stdout, stderr := runCLI(t)
		if code != 2 || !strings.Contains(stderr, "Usage:") || stdout != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and the usage on stderr", code, stdout, stderr)
		}
	})
	t.Run("check without models", func(t *testing.T) {
		code, _, stderr := runCLI(t, "check")
		if code != 2 || !strings.Contains(stderr, "usage: svcgen check") {
			t.Errorf("exit %d, stderr %q; want exit 2 and the usage", code, stderr)
		}
	})
	t.Run("unknown command", func(t *testing.T) {
		code, _, stderr := runCLI(t, "frobnicate")
		if code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
			t.Errorf("exit %d, stderr %q; want exit 2", code, stderr)
		}
	})
	t.Run("generate without -model", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "generate", "-out", t.TempDir())
		if code != 2 || !strings.Contains(stderr, "usage: svcgen generate") || stdout != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and the usage on stderr", code, stdout, stderr)
		}
	})
	t.Run("missing model file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nope.json")
		code, stdout, _ := runCLI(t, "check", path)
		if code != 1 || !strings.HasPrefix(stdout, path+": open "+path+": no such file") {
			t.Errorf("exit %d, stdout %q; want exit 1 and the open error", code, stdout)
		}
	})
}

// TestGenerateBadInput: generate reports the same diagnostics and exits 1, writing
// nothing.
func TestGenerateBadInput(t *testing.T) {
	tc := badModels[0]
	path := writeModel(t, tc.model)
	out := t.TempDir()
	code, _, stderr := runCLI(t, "generate", "-model", path, "-out", out, "-import-path", "example.com/bad")
	if code != 1 || !strings.Contains(stderr, path+tc.want) {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr, path+tc.want)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("generate wrote %d entries into -out for a bad model", len(entries))
	}
}

// TestGenerateAPI2: generate takes aws-sdk-go's api-2.json, with the documentation of
// the docs-2.json beside it.
func TestGenerateAPI2(t *testing.T) {
	src := filepath.Join("..", "..", "emit", "testdata", "api2", "sdk")
	dir := t.TempDir()
	for _, name := range []string{"api-2.json", "docs-2.json"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	code, _, stderr := runCLI(t, "generate", "-model", filepath.Join(dir, "api-2.json"), "-out", out, "-import-path", "example.com/notes")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ops, err := os.ReadFile(filepath.Join(out, "operations.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ops), "The note's identifier.") {
		t.Errorf("operations.go lacks the member documentation of docs-2.json:\n%s", ops)
	}
}
