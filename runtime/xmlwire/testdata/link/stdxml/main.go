// Command stdxml reads XML with encoding/xml, for TestNoEncodingXML: the control
// that shows the test sees encoding/xml when a program links it.
package main

import (
	"encoding/xml"
	"fmt"
	"os"
)

func main() {
	var v struct{ Code string }
	fmt.Println(xml.Unmarshal([]byte(os.Args[0]), &v), v.Code)
}
