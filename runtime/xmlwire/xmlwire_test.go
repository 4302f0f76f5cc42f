package xmlwire

import (
	"math"
	"strings"
	"testing"
	"time"
)

const doc = `<?xml version="1.0"?>
<R xmlns="https://example.com/">
  <!-- a comment -->
  <Name>alice &amp; bob</Name>
  <Count> 42 </Count>
  <Flag>true</Flag>
  <Ratio>NaN</Ratio>
  <When>2024-01-02T03:04:05.5Z</When>
  <Data>aGk=</Data>
  <Empty/>
  <Mixed>a<b>ignored</b>c</Mixed>
  <ns:Other xmlns:ns="urn:x"><Deep><Deeper/></Deep></ns:Other>
  <Big>123456789012345678901234567890</Big>
</R>`

func TestDecoder(t *testing.T) {
	d := NewDecoder([]byte(doc))
	if root, ok := d.Next(); !ok || root != "R" {
		t.Fatalf("root %q %v %v", root, ok, d.Err())
	}
	got := map[string]any{}
	for name, ok := d.Next(); ok; name, ok = d.Next() {
		switch name {
		case "Name", "Empty", "Mixed":
			got[name] = d.String()
		case "Count":
			got[name] = d.Int(32)
		case "Flag":
			got[name] = d.Bool()
		case "Ratio":
			got[name] = math.IsNaN(d.Float(64))
		case "When":
			got[name] = d.Time("iso8601").Equal(time.Date(2024, 1, 2, 3, 4, 5, 5e8, time.UTC))
		case "Data":
			got[name] = string(d.Blob())
		case "Big":
			got[name] = d.BigInt().String()
		default:
			d.Skip()
		}
	}
	if d.Err() != nil {
		t.Fatal(d.Err())
	}
	want := map[string]any{"Name": "alice & bob", "Count": int64(42), "Flag": true, "Ratio": true, "When": true,
		"Data": "hi", "Empty": "", "Mixed": "ac", "Big": "123456789012345678901234567890"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("decoded %v", got)
	}
}

func TestEnter(t *testing.T) {
	d := NewDecoder([]byte(`<OpResponse><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata><OpResult><A>1</A></OpResult></OpResponse>`))
	d.Next()
	if !d.Enter("OpResult") {
		t.Fatal("OpResult not found")
	}
	if name, ok := d.Next(); !ok || name != "A" || d.String() != "1" {
		t.Fatalf("%q %v", name, ok)
	}
	if _, ok := d.Next(); ok {
		t.Fatal("more than A in OpResult")
	}
	d = NewDecoder([]byte(`<OpResponse><Other/></OpResponse>`))
	d.Next()
	if d.Enter("OpResult") || d.Err() != nil {
		t.Fatalf("Enter of a missing element: true or error %v", d.Err())
	}
}

// TestErrorsAreSticky: a bad value or a broken document is an error that stops every
// loop; nothing panics.
func TestErrorsAreSticky(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`<R><Flag>maybe</Flag><Name>x</Name></R>`, "not a boolean"},
		{`<R><Count>99999999999</Count></R>`, "32-bit integer"},
		{`<R><Count>1.5</Count></R>`, "32-bit integer"},
		{`<R><When>yesterday</When></R>`, "timestamp"},
		{`<R><Data>!!</Data></R>`, "base64"},
		{`<R><Name>x</Nom></R>`, "element <Name> closed by </Nom>"},
		{`<R><Name>x`, "unexpected EOF"},
		{`not xml`, "no element"},
		{`<R><Big>1e5</Big></R>`, "integer"},
	} {
		d := NewDecoder([]byte(c.doc))
		d.Next()
		for name, ok := d.Next(); ok; name, ok = d.Next() {
			switch name {
			case "Flag":
				d.Bool()
			case "Count":
				d.Int(32)
			case "When":
				d.Time("iso8601")
			case "Data":
				d.Blob()
			case "Big":
				d.BigInt()
			default:
				_ = d.String()
			}
		}
		if d.Err() == nil || !strings.Contains(d.Err().Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.doc, d.Err(), c.want)
		}
		if _, ok := d.Next(); ok {
			t.Errorf("%s: Next after an error", c.doc)
		}
	}
}

// TestMaxDepth: a document nested deeper than MaxDepth is an error, not a stack as
// deep as the document.
func TestMaxDepth(t *testing.T) {
	for _, depth := range []int{MaxDepth, MaxDepth + 1} {
		doc := strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth)
		d := NewDecoder([]byte(doc))
		var walk func()
		walk = func() {
			for _, ok := d.Next(); ok; _, ok = d.Next() {
				walk()
			}
		}
		d.Next()
		walk()
		if failed := d.Err() != nil; failed != (depth > MaxDepth) {
			t.Errorf("depth %d: err %v", depth, d.Err())
		}
	}
}

func TestErrorInfo(t *testing.T) {
	for _, c := range []struct{ doc, code, msg string }{
		{`<ErrorResponse><Error><Type>Sender</Type><Code>Bad</Code><Message>no</Message></Error><RequestId>r</RequestId></ErrorResponse>`, "Bad", "no"},
		{`<Response><Errors><Error><Code>InvalidX</Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>`, "InvalidX", "m"},
		{`<html>oops</html>`, "", ""},
		{``, "", ""},
	} {
		if code, msg := ErrorInfo([]byte(c.doc)); code != c.code || msg != c.msg {
			t.Errorf("%s: %q %q, want %q %q", c.doc, code, msg, c.code, c.msg)
		}
	}
	d := ErrorDecoder([]byte(`<html>oops</html>`))
	if d.Err() == nil {
		t.Error("ErrorDecoder of a page without Error: no error")
	}
}

func TestReadErrorFields(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want ErrorFields
	}{
		{`<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message><message>other</message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
			ErrorFields{Code: "NotFound", Message: "Topic does not exist", Type: "Sender", RequestID: "r-1"}},
		{`<Response><Errors><Error><Code>InvalidX</Code><message>m</message></Error></Errors><RequestID> r-2 </RequestID></Response>`,
			ErrorFields{Code: "InvalidX", Message: "m", RequestID: "r-2"}},
		{`<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key><RequestId>r-3</RequestId><HostId>h-3</HostId></Error>`,
			ErrorFields{Code: "NoSuchKey", Message: "The specified key does not exist.", RequestID: "r-3", HostID: "h-3"}},
		{`<html>oops</html>`, ErrorFields{}},
		{``, ErrorFields{}},
	} {
		if got := ReadErrorFields([]byte(c.doc)); got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.doc, got, c.want)
		}
	}
}

// TestAttrPrefixed checks attributes named with a prefix, as models write them
// ("xsi:type"): matched by local name in a namespace, whatever prefix the document binds.
func TestAttrPrefixed(t *testing.T) {
	d := NewDecoder([]byte(`<R xmlns="urn:r"><I xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="T1" id="7"/><J type="plain"/></R>`))
	d.Next()
	d.Next()
	for name, want := range map[string]string{"xsi:type": "T1", "type": "T1", "id": "7", "other:id": ""} {
		got, ok := d.Attr(name)
		if got != want || ok != (want != "") {
			t.Errorf("I: Attr(%q) = %q %v, want %q", name, got, ok, want)
		}
	}
	d.Skip()
	d.Next()
	if got, ok := d.Attr("xsi:type"); ok {
		t.Errorf("J: Attr(xsi:type) = %q, want none (its type is in no namespace)", got)
	}
	if got, _ := d.Attr("type"); got != "plain" {
		t.Errorf("J: Attr(type) = %q", got)
	}
}

// TestTimeAnyFormat checks that a timestamp in another format than the model's is read
// (services send them), and that text in no format is an error.
func TestTimeAnyFormat(t *testing.T) {
	want := time.Date(2014, 4, 29, 18, 30, 38, 0, time.UTC)
	for _, format := range []string{"iso8601", "rfc822", "unixTimestamp"} {
		for _, text := range []string{"2014-04-29T18:30:38Z", "Tue, 29 Apr 2014 18:30:38 GMT", "1398796238"} {
			d := NewDecoder([]byte("<T>" + text + "</T>"))
			d.Next()
			if got := d.Time(format); !got.Equal(want) || d.Err() != nil {
				t.Errorf("Time(%s) of %s = %v, %v", format, text, got, d.Err())
			}
		}
	}
	d := NewDecoder([]byte("<T>tomorrow</T>"))
	d.Next()
	d.Time("iso8601")
	if d.Err() == nil || !strings.Contains(d.Err().Error(), "timestamp") {
		t.Errorf("err %v, want a timestamp error", d.Err())
	}
}
