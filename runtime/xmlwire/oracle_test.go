package xmlwire

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The tests here keep encoding/xml as the oracle of the tokenizer and of the Decoder.

// xmlTokens is the token stream encoding/xml reads from data (Strict, its default),
// ending in "EOF" or "ERR": elements by local name, attributes with their namespace,
// character data byte for byte, and "O" for a comment, a processing instruction or a
// directive.
func xmlTokens(data []byte) []string {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return append(out, "EOF")
		}
		if err != nil {
			return append(out, "ERR")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := "<" + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" {%s}%s=%q", a.Name.Space, a.Name.Local, a.Value)
			}
			out = append(out, s)
		case xml.EndElement:
			out = append(out, "</"+t.Name.Local)
		case xml.CharData:
			out = append(out, "T"+strconv.Quote(string(t)))
		default:
			out = append(out, "O")
		}
	}
}

// ourTokens is xmlTokens of the tokenizer.
func ourTokens(data []byte) []string {
	t := &tokenizer{data: data}
	var out []string
	for {
		switch t.next() {
		case tokEOF:
			return append(out, "EOF")
		case tokErr:
			if t.err == nil {
				panic("tokErr without an error")
			}
			return append(out, "ERR")
		case tokStart:
			_, local := splitName(t.name)
			s := "<" + string(local)
			for i := range t.attrs {
				a := &t.attrs[i]
				s += fmt.Sprintf(" {%s}%s=%q", t.attrSpace(a), a.local, t.abuf[a.v0:a.v1])
			}
			out = append(out, s)
		case tokEnd:
			_, local := splitName(t.name)
			out = append(out, "</"+string(local))
		case tokText:
			out = append(out, "T"+strconv.Quote(string(t.text)))
		case tokOther:
			out = append(out, "O")
		}
	}
}

// seeds are documents of the kinds AWS sends, and the corners of XML.
var seeds = []string{
	doc,
	`<a><b>1</b><c><d/></c></a>`,
	`<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
    <reservationSet>
        <item>
            <reservationId>r-1234567890abcdef0</reservationId>
            <instancesSet><item><instanceId>i-1</instanceId><instanceState><code>16</code><name>running</name></instanceState>
            <tagSet><item><key>Name</key><value>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</value></item></tagSet>
            <launchTime>2024-01-02T03:04:05.000Z</launchTime><dnsName/></item></instancesSet>
        </item>
    </reservationSet>
</DescribeInstancesResponse>`,
	`<?xml version="1.0" encoding="UTF-8"?>` + "\r\n" + `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>a/b c+d&amp;e.txt</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>42</Size><Owner><ID>abc</ID><DisplayName>me</DisplayName></Owner><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>`,
	`<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key><RequestId>r-3</RequestId><HostId>h-3</HostId></Error>`,
	`<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
	`<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1' does not exist</Message></Error></Errors><RequestID>r-2</RequestID></Response>`,
	`<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type='CanonicalUser'><ID>id</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`,
	"<a>line1\r\nline2\rline3\n\r\r\n</a>",
	"<a x='1\r\n2' y=\"a&#13;&#10;b\"/>",
	`<a><![CDATA[<not> &amp; markup]]]]><![CDATA[>]]></a>`,
	"<a><![CDATA[x\r\ny]]></a>",
	`<a>&#65;&#x42;&#x10FFFF;&#xD800;&#0065;</a>`,
	`<a>&#0;</a>`, `<a>&#x110000;</a>`, `<a>&#;</a>`, `<a>&#x;</a>`, `<a>&#X41;</a>`, `<a>&nbsp;</a>`, `<a>&amp</a>`, `<a>&</a>`,
	`<a>&#xFFFE;</a>`, `<a>&#99999999999999999999999;</a>`,
	`<!DOCTYPE a [<!ENTITY e "x"> <!-- c > --> <!ELEMENT a (#PCDATA)>]><a>&e;</a>`,
	`<!DOCTYPE a [<!ENTITY e "x">]><a>b</a>`,
	`<!DOCTYPE a SYSTEM "a>b" 'c>d'><a/>`,
	`<!-- c --><a><!----><!-- - --></a><!-- -- -->`,
	`<a><?pi data?><?xml-stylesheet href="a"?></a>`,
	`<?xml version="1.1"?><a/>`, `<?xml version='1.0' encoding='ISO-8859-1'?><a/>`, `<?xml version="1.0" encoding="utf-8" standalone="yes"?><a/>`,
	`<?xml encoding="UTF-16"?><a/>`, `<?xml?><a/>`, `<??><a/>`,
	`<a  x = "1"	y='2'
	z="3" ></a >`,
	`<a x="1"y="2"/>`, `<a x="<"/>`, `<a x=1/>`, `<a x/>`, `<a x="]]>"/>`, `<a>]]></a>`, `<a>]]</a>`,
	`<a></b>`, `<a>`, `</a>`, `<a/><b/>`, `text<a/>text`, ``, ` `, `<`, `<a`, `<a/`, `<a x="`, `<!--`, `<![CDATA[`, `<!DOCTYPE`,
	`<a:b xmlns:a="urn:a"><a:c a:d="1" xmlns:e="" e:f="2" g:h="3"/></a:b>`,
	`<a:b></a:c>`, `<a:b></c:b>`, `<a:b:c/>`, `<:a/>`, `<a:/>`, `<1a/>`, `<a b:="1" :c="2"/>`,
	`<é/>`, "<a\xff/>", "<a>\xff</a>", "<a>\x01</a>", "<a>\xef\xbf\xbe</a>", "\xef\xbb\xbf<a/>",
	`<a xmlns:p="" p:x="1" p:xmlns="2" xmlns="u" xmlns:q="xmlns" q:y="3"/>`,
	`<a xml:lang="en" xmlns:xml="urn:x" xmlns:xmlns="urn:y"/>`,
	`<!a><!><!"'><b/>`, `<!x <y>>`, `<!x <!-- > -->>`, `<!x <!- >>`, `<!-a>`, `<![CDAT[x]]>`,
	`<a><!-- a --- b --></a>`, `<a><!--->--></a>`,
	`<?xml version=1.0 version="1.1"?><a/>`, `<?xml versionversion="1.1"?><a/>`, `<?xml version="1.0?><a/>`,
	`<?xml version="1.0" encoding=utf8 encoding='latin1'?><a/>`, `<?xml encoding="UTF-8?><a/>`, `<?xml encoding=""?><a/>`,
	`<?XML encoding="latin1"?><a/>`, `<a><?xml encoding="latin1"?></a>`, `<?xml version="1.0" encoding="uTf-8"?><a/>`,
	"<a>\r</a>", "<a>\r", "<a x='\r'/>", "<a>]]&gt;]&#93;></a>", "<a>]\r]></a>", "<a><![CDATA[]]]></a>", "<a><![CDATA[]]></a>",
	"<a>\xed\xa0\x80</a>", "<a>\xef\xbf\xbd</a>", "<a>&#xd800;&#xDFFF;&#xfffd;</a>", "<a x='&#0;'/>", "<a>\x7f\u0085</a>",
	"<a>\U0010FFFF\xf4\x90\x80\x80</a>", "<a\u00b7/>", "<\u00b7a/>", "<a\u0300/>", "<\u3007/>", "<a\U00010000/>",
}

// TestTokenizerMatchesEncodingXML checks the seeds: FuzzTokenizer's corpus.
func TestTokenizerMatchesEncodingXML(t *testing.T) {
	for _, s := range seeds {
		if want, got := xmlTokens([]byte(s)), ourTokens([]byte(s)); !slices.Equal(want, got) {
			t.Errorf("%q:\n got %q\nwant %q", s, got, want)
		}
	}
}

// FuzzTokenizer reads the same input with the tokenizer and with encoding/xml: the
// same tokens, then both at the end or both at an error.
func FuzzTokenizer(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if want, got := xmlTokens(data), ourTokens(data); !slices.Equal(want, got) {
			t.Errorf("%q:\n got %q\nwant %q", data, got, want)
		}
	})
}

// refDecoder is the Decoder as it was on encoding/xml: FuzzDecoder's oracle.
type refDecoder struct {
	dec   *xml.Decoder
	err   error
	root  bool
	attrs []xml.Attr
}

func newRefDecoder(data []byte) *refDecoder {
	return &refDecoder{dec: xml.NewDecoder(bytes.NewReader(data))}
}

func (d *refDecoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *refDecoder) Next() (string, bool) {
	for d.err == nil {
		tok, err := d.dec.Token()
		if err != nil {
			if err == io.EOF && d.root {
				return "", false
			}
			d.fail(err)
			return "", false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			d.root, d.attrs = true, t.Attr
			return t.Name.Local, true
		case xml.EndElement:
			return "", false
		}
	}
	return "", false
}

func (d *refDecoder) Attr(name string) (string, bool) {
	local, prefixed := name, false
	if i := strings.IndexByte(name, ':'); i >= 0 {
		local, prefixed = name[i+1:], true
	}
	for _, a := range d.attrs {
		if a.Name.Local == local && a.Name.Space != "xmlns" && !(a.Name.Space == "" && a.Name.Local == "xmlns") && (!prefixed || a.Name.Space != "") {
			return a.Value, true
		}
	}
	return "", false
}

func (d *refDecoder) Skip() {
	if d.err == nil {
		d.fail(d.dec.Skip())
	}
}

func (d *refDecoder) Text() string {
	var text []byte
	for d.err == nil {
		tok, err := d.dec.Token()
		if err != nil {
			d.fail(err)
			return ""
		}
		switch t := tok.(type) {
		case xml.CharData:
			text = append(text, t...)
		case xml.StartElement:
			d.fail(d.dec.Skip())
		case xml.EndElement:
			return string(text)
		}
	}
	return ""
}

// walker is what FuzzDecoder drives: the Decoder or refDecoder.
type walker interface {
	Next() (string, bool)
	Attr(string) (string, bool)
	Skip()
	Text() string
}

// walk reads a document as generated code does, choosing by the names it meets what
// to do, and returns a transcript of what it read.
func walk(d walker) []string {
	var out []string
	var rec func(depth int)
	rec = func(depth int) {
		for name, ok := d.Next(); ok; name, ok = d.Next() {
			out = append(out, "<"+name)
			for _, a := range []string{"id", "type", "xsi:type", "xmlns", "lang", "xml:lang", "p:x"} {
				if v, ok := d.Attr(a); ok {
					out = append(out, a+"="+v)
				}
			}
			switch {
			case depth > 20:
				d.Skip()
			case len(name)%3 == 0:
				out = append(out, "T"+strconv.Quote(d.Text()))
			case len(name)%3 == 1 && depth > 0:
				d.Skip()
			default:
				rec(depth + 1)
			}
			out = append(out, ">")
		}
	}
	rec(0)
	return out
}

// FuzzDecoder reads the same input with the Decoder and with refDecoder, the Decoder
// as it was on encoding/xml: the same elements, attributes and text, and both
// without an error or both with one. It reads error responses too; nothing panics.
func FuzzDecoder(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, ref := NewDecoder(data), newRefDecoder(data)
		got, want := walk(d), walk(ref)
		if !slices.Equal(got, want) || (d.Err() == nil) != (ref.err == nil) {
			t.Errorf("%q:\n got %q %v\nwant %q %v", data, got, d.Err(), want, ref.err)
		}
		var se *SyntaxError
		if ref.err != nil && d.Err() != nil && errors.As(ref.err, new(*xml.SyntaxError)) && !errors.As(d.Err(), &se) {
			t.Errorf("%q: error %v, not a *SyntaxError", data, d.Err())
		}
		ErrorInfo(data)
		ReadErrorFields(data)
	})
}

// TestDecoderMatchesOnResponses compares the Decoder with refDecoder on the
// benchmarks' responses, and checks what the benchmark's decoder reads of one.
func TestDecoderMatchesOnResponses(t *testing.T) {
	for _, doc := range [][]byte{describeInstances(), listObjects()} {
		d, ref := NewDecoder(doc), newRefDecoder(doc)
		if got, want := walk(d), walk(ref); !slices.Equal(got, want) || d.Err() != nil || ref.err != nil {
			t.Errorf("%.40q...: %v %v\n got %.200q\nwant %.200q", doc, d.Err(), ref.err, got, want)
		}
	}
	d := NewDecoder(describeInstances())
	out := decodeInstances(d)
	if d.Err() != nil || len(out) < 10 {
		t.Fatalf("%d instances, %v", len(out), d.Err())
	}
	if v := out[3]; v.ID != "i-00000000000000003" || v.Key != `my-key & "pair"` || v.Tags["Name"] != "web <3>" || v.Code != 16 || !v.Check || v.EBS || v.Index != 3 {
		t.Errorf("%+v", v)
	}
}
