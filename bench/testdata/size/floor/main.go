// Command floor is the program the size table measures binary growth over: one JSON
// request and response with net/http and encoding/json alone, no SDK.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

type request struct {
	ClusterName string `json:"clusterName"`
}

type response struct {
	Cluster struct {
		Name   string `json:"name"`
		Status string `json:"status"`
	} `json:"cluster"`
}

func main() {
	body, err := json.Marshal(request{ClusterName: "prod"})
	if err != nil {
		panic(err)
	}
	resp, err := http.Post(endpoint()+"/clusters/prod", "application/json", bytes.NewReader(body))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	var out response
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(out.Cluster.Name, out.Cluster.Status)
}

func endpoint() string {
	if len(os.Args) > 1 {
		return os.Args[1]
	}
	return "http://127.0.0.1:4566"
}
