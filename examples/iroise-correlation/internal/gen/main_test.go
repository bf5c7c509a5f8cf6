package main

import (
	"bytes"
	"os"
	"testing"
)

// The committed fish.csv is what the generator writes from the mini GDAC.
func TestCommittedFile(t *testing.T) {
	want, err := generate("../../../../testdata/gdac")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../testdata/fish.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("testdata/fish.csv differs from the generator's output: run go generate in examples/iroise-correlation")
	}
	if n := bytes.Count(want, []byte("\n")); n != 3+1+3*perProfile {
		t.Errorf("fish.csv has %d lines, want %d", n, 3+1+3*perProfile)
	}
}
