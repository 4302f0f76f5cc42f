package docs

import (
	"fmt"
	"os"
	"go/doc/comment"
	"testing"
	"strings"
)

func TestFixPointSurvey(t *testing.T) {
	models := loadCorpus(t)
	n, bad := 0, 0
	for _, m := range models {
		for _, d := range m.docs {
			n++
			out := Godoc(d.html)
			if out == "" { continue }
			var p comment.Parser
			var pr comment.Printer
			got := strings.TrimSuffix(string(pr.Comment(p.Parse(out))), "\n")
			if got != out {
				bad++
				os.WriteFile(fmt.Sprintf("/tmp/fp/%03d.txt", bad), []byte(m.service+" "+d.path+"\n"+d.html+"\n=====OUT\n"+out+"\n=====GOFMT\n"+got+"\n"), 0o644)
			}
		}
	}
	fmt.Println("docs", n, "not fixed point", bad)
}
