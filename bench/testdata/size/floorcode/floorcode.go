// Package floorcode is the work of the floor program (bench/testdata/size/floor): one
// JSON request and response with net/http and encoding/json alone, no SDK. The size
// table also builds each one-call program with it (the withfloor build tag), to measure
// what the call adds to a program that already does this.
package floorcode

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

// Run posts a JSON request to endpoint and prints two fields of the JSON response.
func Run(endpoint string) {
	body, err := json.Marshal(request{ClusterName: "prod"})
	if err != nil {
		panic(err)
	}
	resp, err := http.Post(endpoint+"/clusters/prod", "application/json", bytes.NewReader(body))
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
