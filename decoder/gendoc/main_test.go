package main

import (
	"bytes"
	"os"
	"testing"
)

// The checked-in table is what the descriptions generate.
func TestTableIsFresh(t *testing.T) {
	got, err := os.ReadFile("../../docs/syscalls.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, render()) {
		t.Fatal("docs/syscalls.md is stale: run go generate ./decoder")
	}
}
