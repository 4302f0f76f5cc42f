package xmlwire

import (
	"fmt"
	"strings"
	"testing"
)

// describeInstances is an ec2 DescribeInstances-like response of about 20 kB: the
// shape of document a client decodes most, with namespaces, entities and nesting.
func describeInstances() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` + "\n" +
		"    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>\n    <reservationSet>\n")
	for i := 0; len(b.String()) < 20000; i++ {
		fmt.Fprintf(&b, `        <item>
            <reservationId>r-%017x</reservationId>
            <ownerId>123456789012</ownerId>
            <groupSet/>
            <instancesSet>
                <item>
                    <instanceId>i-%017x</instanceId>
                    <imageId>ami-0abcdef1234567890</imageId>
                    <instanceState><code>16</code><name>running</name></instanceState>
                    <privateDnsName>ip-10-0-0-%d.ec2.internal</privateDnsName>
                    <dnsName/>
                    <reason/>
                    <keyName>my-key &amp; &quot;pair&quot;</keyName>
                    <amiLaunchIndex>%d</amiLaunchIndex>
                    <instanceType>t3.micro</instanceType>
                    <launchTime>2024-01-02T03:04:05.000Z</launchTime>
                    <placement><availabilityZone>us-east-1a</availabilityZone><tenancy>default</tenancy></placement>
                    <monitoring><state>disabled</state></monitoring>
                    <subnetId>subnet-%08x</subnetId>
                    <privateIpAddress>10.0.0.%d</privateIpAddress>
                    <sourceDestCheck>true</sourceDestCheck>
                    <tagSet><item><key>Name</key><value>web &lt;%d&gt;</value></item></tagSet>
                    <ebsOptimized>false</ebsOptimized>
                </item>
            </instancesSet>
        </item>
`, i, i, i%250, i, i, i%250, i)
	}
	b.WriteString("    </reservationSet>\n</DescribeInstancesResponse>\n")
	return []byte(b.String())
}

type benchInstance struct {
	ID, Image, State, Type, Key, Launch, Subnet, IP string
	Code, Index                                     int64
	Check, EBS                                      bool
	Tags                                            map[string]string
}

// decodeInstances walks a DescribeInstances response as generated code does.
func decodeInstances(d *Decoder) []benchInstance {
	var out []benchInstance
	d.Next()
	if !d.Enter("reservationSet") {
		return nil
	}
	for name, ok := d.Next(); ok; name, ok = d.Next() {
		if name != "item" || !d.Enter("instancesSet") {
			d.Skip()
			continue
		}
		for name, ok := d.Next(); ok; name, ok = d.Next() {
			if name != "item" {
				d.Skip()
				continue
			}
			var v benchInstance
			for name, ok := d.Next(); ok; name, ok = d.Next() {
				switch name {
				case "instanceId":
					v.ID = d.String()
				case "imageId":
					v.Image = d.String()
				case "instanceState":
					for name, ok := d.Next(); ok; name, ok = d.Next() {
						switch name {
						case "code":
							v.Code = d.Int(32)
						case "name":
							v.State = d.String()
						default:
							d.Skip()
						}
					}
				case "keyName":
					v.Key = d.String()
				case "amiLaunchIndex":
					v.Index = d.Int(32)
				case "instanceType":
					v.Type = d.String()
				case "launchTime":
					v.Launch = d.Time("iso8601").String()
				case "subnetId":
					v.Subnet = d.String()
				case "privateIpAddress":
					v.IP = d.String()
				case "sourceDestCheck":
					v.Check = d.Bool()
				case "ebsOptimized":
					v.EBS = d.Bool()
				case "tagSet":
					v.Tags = map[string]string{}
					for name, ok := d.Next(); ok; name, ok = d.Next() {
						var k, val string
						for name, ok := d.Next(); ok; name, ok = d.Next() {
							switch name {
							case "key":
								k = d.String()
							case "value":
								val = d.String()
							default:
								d.Skip()
							}
						}
						_ = name
						v.Tags[k] = val
					}
				default:
					d.Skip()
				}
			}
			out = append(out, v)
		}
		d.Skip() // the rest of the reservation item
	}
	return out
}

func BenchmarkDecodeDescribeInstances(b *testing.B) {
	doc := describeInstances()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		d := NewDecoder(doc)
		if out := decodeInstances(d); d.Err() != nil || len(out) == 0 {
			b.Fatal(d.Err(), len(out))
		}
	}
}

// listObjects is an s3 ListObjectsV2-like response of about 20 kB.
func listObjects() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name><Prefix></Prefix><KeyCount>100</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>`)
	for i := 0; len(b.String()) < 20000; i++ {
		fmt.Fprintf(&b, `<Contents><Key>photos/2024/img_%04d.jpg</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>&quot;%032x&quot;</ETag><Size>%d</Size><StorageClass>STANDARD</StorageClass></Contents>`, i, i*7919, i*1024)
	}
	b.WriteString(`</ListBucketResult>`)
	return []byte(b.String())
}

func BenchmarkDecodeListObjects(b *testing.B) {
	doc := listObjects()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		d := NewDecoder(doc)
		d.Next()
		n := 0
		for name, ok := d.Next(); ok; name, ok = d.Next() {
			if name != "Contents" {
				d.Skip()
				continue
			}
			for name, ok := d.Next(); ok; name, ok = d.Next() {
				switch name {
				case "Key", "ETag", "StorageClass":
					_ = d.String()
				case "Size":
					d.Int(64)
				case "LastModified":
					d.Time("iso8601")
				default:
					d.Skip()
				}
			}
			n++
		}
		if d.Err() != nil || n == 0 {
			b.Fatal(d.Err(), n)
		}
	}
}
