package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The committed input files are what the generator writes.
func TestCommittedFiles(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Fatalf("generate wrote %d files, want 2", len(files))
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s differs from the generator's output: run go generate in examples/sampling-map", name)
		}
	}
}
