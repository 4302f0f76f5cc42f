package emit

import (
	"go/format"
	"testing"

	"golang.org/x/tools/imports"
)

// TestGroupImports checks the import grouping of the emitter's finish step against
// goimports (formatting only) on import blocks as jennifer writes them.
func TestGroupImports(t *testing.T) {
	for _, src := range []string{
		"package p\n\nimport (\n\t\"context\"\n\t\"github.com/aws/aws-sdk-go-v2/aws\"\n\t\"github.com/svcgen/svcgen/runtime/client\"\n\t\"sync\"\n\t\"time\"\n)\n\nvar _ = context.Background\nvar _ aws.Config\nvar _ client.Options\nvar _ sync.Mutex\nvar _ time.Time\n",
		"package p\n\nimport (\n\t\"context\"\n\tjen \"github.com/dave/jennifer/jen\"\n\t\"net/http\"\n)\n\nvar _ = context.Background\nvar _ = jen.Null\nvar _ http.Header\n",
		"package p\n\nimport (\n\t\"github.com/svcgen/svcgen/runtime/validate\"\n\t\"testing\"\n)\n\nvar _ = validate.Error{}\nvar _ testing.T\n",
		"package p\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nvar _ = context.Background\nvar _ time.Time\n",
		"package p\n\nimport \"context\"\n\nvar _ = context.Background\n",
	} {
		got, err := format.Source(groupImports([]byte(src)))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		want, err := imports.Process("p.go", []byte(src), &imports.Options{FormatOnly: true, Comments: true, TabIndent: true, TabWidth: 8})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}
