package querywire

import (
	"net/url"
	"testing"
)

func TestForm(t *testing.T) {
	var f Form
	f.Add("Action", "Get")
	f.Add(Key("", "Name"), "a b&c=d/é~")
	f.Add(Index(Key(Key("", "List"), "member"), 0), "x")
	f.Add(Key(Index(Key("Map", "entry"), 1), "key"), "k")
	f.Add(Index(Rename("Outer.Items", "Item"), 2), "y")
	want := "Action=Get&Name=a%20b%26c%3Dd%2F%C3%A9~&List.member.1=x&Map.entry.2.key=k&Outer.Item.3=y"
	if got := string(f.Bytes()); got != want {
		t.Errorf("form\n got %s\nwant %s", got, want)
	}
	v, err := url.ParseQuery(string(f.Bytes()))
	if err != nil || v.Get("Name") != "a b&c=d/é~" {
		t.Errorf("parsed back: %v %v", v, err)
	}
	if Rename("Items", "Item") != "Item" {
		t.Error("Rename without a dot")
	}
}
