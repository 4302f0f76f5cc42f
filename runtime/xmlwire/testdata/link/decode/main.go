// Command decode reads and writes XML with xmlwire as generated clients do, for
// TestNoEncodingXML: it must not link encoding/xml.
package main

import (
	"fmt"
	"os"

	"github.com/svcgen/svcgen/runtime/xmlwire"
)

func main() {
	d := xmlwire.NewDecoder([]byte(os.Args[0]))
	if name, ok := d.Next(); ok {
		typ, _ := d.Attr("xsi:type")
		fmt.Println(name, typ, d.String(), d.Err())
	}
	f := xmlwire.ReadErrorFields([]byte(os.Args[0]))
	var w xmlwire.Writer
	w.Element("Code", f.Code)
	fmt.Println(string(w.Bytes()))
}
